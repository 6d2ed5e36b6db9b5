package eu.microcredentials.recognition.domain.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.Period;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules a recognising organisation (a university, an employer, a professional body) recognises credentials
 * under. An empty set of accepted values accepts any; a null minimum or maximum sets none.
 *
 * @param minEctsPerCredential       each credential must have at least this workload
 * @param minTotalEcts               the credentials together must have at least this workload
 * @param maxCredentialAge           a credential must have been issued at most this long before the request
 * @param supervisedAssessmentRequired a credential's assessment must have been supervised
 * @param needsHumanReview           a request meeting every rule is referred to a reviewer instead of granted
 */
public record RecognitionPolicy(String id, String organisation, String title, Purpose purpose, Integer minEqfLevel,
                                BigDecimal minEctsPerCredential, BigDecimal minTotalEcts,
                                Set<String> acceptedQualityAssuranceTypes, boolean accreditedAwardingBodyRequired,
                                Set<String> acceptedIssuerCountries, List<String> requiredLearningOutcomes,
                                List<String> requiredEscoSkills, Period maxCredentialAge,
                                Set<String> acceptedAssessmentTypes, boolean supervisedAssessmentRequired,
                                boolean needsHumanReview, Instant definedAt) {

    public RecognitionPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(definedAt, "definedAt");
        acceptedQualityAssuranceTypes = copy(acceptedQualityAssuranceTypes);
        acceptedIssuerCountries = copy(acceptedIssuerCountries);
        acceptedAssessmentTypes = copy(acceptedAssessmentTypes);
        requiredLearningOutcomes = requiredLearningOutcomes == null ? List.of() : List.copyOf(requiredLearningOutcomes);
        requiredEscoSkills = requiredEscoSkills == null ? List.of() : List.copyOf(requiredEscoSkills);
    }

    /** Sorted, so that a policy is written (and rebuilt) the same way by every run. */
    private static Set<String> copy(Set<String> values) {
        return values == null ? Set.of() : Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }
}

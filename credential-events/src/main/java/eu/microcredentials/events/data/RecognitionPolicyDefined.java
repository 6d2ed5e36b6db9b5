package eu.microcredentials.events.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A recognising organisation defined a recognition policy: its purpose and its rules over credential content and
 * trust. A policy is never changed once defined, so a decision re-evaluated later is judged by the rules it was
 * taken on. {@code organisationId} is absent for policies defined before organisations were registered.
 *
 * @param purpose ACADEMIC, EMPLOYMENT or PROFESSIONAL
 */
public record RecognitionPolicyDefined(String policyId, String organisationId, String organisation, String title,
                                       String purpose, Rules rules, boolean needsHumanReview, Instant definedAt)
        implements EventData {

    /**
     * The rules; an absent or empty list accepts any value, an absent minimum sets none.
     *
     * @param maxCredentialAge an ISO 8601 period, e.g. P5Y
     */
    public record Rules(Integer minEqfLevel, BigDecimal minEctsPerCredential, BigDecimal minTotalEcts,
                        List<String> acceptedQualityAssuranceTypes, boolean accreditedAwardingBodyRequired,
                        List<String> acceptedIssuerCountries, List<String> requiredLearningOutcomes,
                        List<String> requiredEscoSkills, String maxCredentialAge, List<String> acceptedAssessmentTypes,
                        boolean supervisedAssessmentRequired) {
    }

    @Override
    public String streamId() {
        return policyId;
    }
}

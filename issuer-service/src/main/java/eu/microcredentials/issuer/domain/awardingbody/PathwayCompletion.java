package eu.microcredentials.issuer.domain.awardingbody;

import eu.microcredentials.issuer.domain.CredentialId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a learner's completion of a learning pathway asks the awarding body to sign: the stacked credential's title,
 * EQF level and ECTS, for that learner, made of the listed parts, as of the completion's time.
 */
public record PathwayCompletion(String completionId, String pathwayId, String learnerId, String title,
                                Integer eqfLevel, BigDecimal ects, List<CredentialId> parts, Instant completedAt) {
    public PathwayCompletion {
        Objects.requireNonNull(completionId, "completionId");
        Objects.requireNonNull(pathwayId, "pathwayId");
        Objects.requireNonNull(learnerId, "learnerId");
        parts = List.copyOf(parts);
        Objects.requireNonNull(completedAt, "completedAt");
    }
}

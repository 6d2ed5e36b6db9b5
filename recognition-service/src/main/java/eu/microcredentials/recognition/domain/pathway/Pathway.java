package eu.microcredentials.recognition.domain.pathway;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.Period;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A learning pathway an awarding body defined: the larger credential it awards ({@code title}; its full content is
 * kept beside it) and what a learner's held credentials must add up to.
 *
 * @param autoIssue     the awarding body wants the stacked credential issued automatically on completion
 * @param onPartRevoked what happens to the stacked credential when a completion no longer holds
 */
public record Pathway(String id, String awardingBodyId, String title, Requirements requirements, boolean autoIssue,
                      OnPartRevoked onPartRevoked, Instant definedAt) {

    /** FLAG: the stacked credential stays valid and is marked; REVOKE: it is revoked. */
    public enum OnPartRevoked { FLAG, REVOKE }

    /**
     * What the counting credentials must add up to. A credential counts when it is active, at least at
     * {@code minEqfLevel}, from an allowed awarding body, not older than {@code maxCredentialAge}, and (if required)
     * from an awarding body accredited at its issuance and now. Empty sets allow any; null minimums set none.
     */
    public record Requirements(BigDecimal minTotalEcts, Integer minCount, Integer minEqfLevel,
                               List<String> requiredLearningOutcomes, List<String> requiredEscoSkills,
                               Set<String> allowedAwardingBodyIds, Period maxCredentialAge,
                               boolean accreditedAwardingBodyRequired) {
        public Requirements {
            requiredLearningOutcomes = requiredLearningOutcomes == null ? List.of() : List.copyOf(requiredLearningOutcomes);
            requiredEscoSkills = requiredEscoSkills == null ? List.of() : List.copyOf(requiredEscoSkills);
            // sorted, so that a pathway is written (and rebuilt) the same way by every run
            allowedAwardingBodyIds = allowedAwardingBodyIds == null ? Set.of()
                    : Collections.unmodifiableSortedSet(new TreeSet<>(allowedAwardingBodyIds));
        }
    }

    public Pathway {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(awardingBodyId, "awardingBodyId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(requirements, "requirements");
        Objects.requireNonNull(onPartRevoked, "onPartRevoked");
    }
}

package eu.microcredentials.events.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An awarding body defined a learning pathway: the stacked credential it awards ({@code target}, with the EU
 * standard elements pathway.completed.v1 carries) and what a learner's held credentials must add up to. A pathway is
 * never changed once defined. {@code organisationId} (the awarding body's organisation at recognition-service) is
 * absent for pathways defined before organisations were registered.
 *
 * @param onPartRevoked FLAG or REVOKE: what happens to the stacked credential when a completion no longer holds
 */
public record PathwayDefined(String pathwayId, String awardingBodyId, String organisationId, String title,
                             Requirements requirements, boolean autoIssue, String onPartRevoked,
                             PathwayCompleted.StackedCredential target, Instant definedAt) implements EventData {

    /**
     * What the counting credentials must add up to; an absent or empty list allows any, an absent minimum sets none.
     *
     * @param maxCredentialAge an ISO 8601 period, e.g. P5Y
     */
    public record Requirements(BigDecimal minTotalEcts, Integer minCount, Integer minEqfLevel,
                               List<String> requiredLearningOutcomes, List<String> requiredEscoSkills,
                               List<String> allowedAwardingBodyIds, String maxCredentialAge,
                               boolean accreditedAwardingBodyRequired) {
    }

    @Override
    public String streamId() {
        return pathwayId;
    }
}

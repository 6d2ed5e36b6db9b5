package eu.microcredentials.events.data;

import java.time.Instant;

/**
 * A pathway completion no longer holds: a credential it was made of was revoked or suspended, or its awarding body
 * lost its accreditation. {@code onPartRevoked} repeats the pathway's policy for the stacked credential: FLAG it, or
 * REVOKE it.
 */
public record PathwayCompletionWithdrawn(
        String completionId,
        String pathwayId,
        String awardingBodyId,
        String learnerId,
        String causeCredentialId,
        String cause,
        String causeEventId,
        String onPartRevoked,
        String reason,
        Instant withdrawnAt) implements EventData {

    @Override
    public String streamId() {
        return completionId;
    }
}

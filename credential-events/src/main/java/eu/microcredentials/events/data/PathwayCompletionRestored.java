package eu.microcredentials.events.data;

import java.time.Instant;
import java.util.List;

/**
 * A withdrawn pathway completion holds again: the suspension or the loss of accreditation that caused the withdrawal
 * was lifted and the pathway's requirements are met once more.
 */
public record PathwayCompletionRestored(
        String completionId,
        String pathwayId,
        String awardingBodyId,
        String learnerId,
        String causeCredentialId,
        String causeEventId,
        List<String> partCredentialIds,
        String reason,
        Instant restoredAt) implements EventData {

    @Override
    public String streamId() {
        return completionId;
    }
}

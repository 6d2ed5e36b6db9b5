package eu.microcredentials.events.data;

import java.time.Instant;

/**
 * A granted recognition was withdrawn because a credential it relied on changed status (revoked, suspended) or its
 * awarding body lost its accreditation. {@code cause} (REVOKED, SUSPENDED, ACCREDITATION_WITHDRAWN) and
 * {@code causeEventId} (the ce_id of the event that caused it) were added later and are absent in older events.
 */
public record RecognitionWithdrawn(String recognitionId, String learnerId, String causeCredentialId,
                                   String causeEventType, String reason, Instant withdrawnAt, String cause,
                                   String causeEventId) implements EventData {

    /** The event as first published, without {@code cause} and {@code causeEventId}. */
    public RecognitionWithdrawn(String recognitionId, String learnerId, String causeCredentialId, String causeEventType,
                                String reason, Instant withdrawnAt) {
        this(recognitionId, learnerId, causeCredentialId, causeEventType, reason, withdrawnAt, null, null);
    }

    @Override
    public String streamId() {
        return recognitionId;
    }
}

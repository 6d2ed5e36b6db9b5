package eu.microcredentials.events.data;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A withdrawn recognition holds again: the suspension or the loss of accreditation that caused the withdrawal was
 * lifted and the policy is met once more. {@code decision} (added later; absent means GRANTED) is what it holds as
 * again: GRANTED, or NEEDS_REVIEW for a request that was awaiting review when it was withdrawn.
 */
public record RecognitionRestored(String recognitionId, String learnerId, String causeCredentialId,
                                  String causeEventType, String causeEventId, BigDecimal ectsRecognised,
                                  String reason, Instant restoredAt, String decision) implements EventData {

    /** The event as first published, without {@code decision}. */
    public RecognitionRestored(String recognitionId, String learnerId, String causeCredentialId, String causeEventType,
                               String causeEventId, BigDecimal ectsRecognised, String reason, Instant restoredAt) {
        this(recognitionId, learnerId, causeCredentialId, causeEventType, causeEventId, ectsRecognised, reason,
                restoredAt, null);
    }

    @Override
    public String streamId() {
        return recognitionId;
    }
}

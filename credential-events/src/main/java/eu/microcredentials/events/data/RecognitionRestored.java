package eu.microcredentials.events.data;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A withdrawn recognition holds again: the suspension or the loss of accreditation that caused the withdrawal was
 * lifted and the policy is met once more.
 */
public record RecognitionRestored(String recognitionId, String learnerId, String causeCredentialId,
                                  String causeEventType, String causeEventId, BigDecimal ectsRecognised,
                                  String reason, Instant restoredAt) implements EventData {

    @Override
    public String streamId() {
        return recognitionId;
    }
}

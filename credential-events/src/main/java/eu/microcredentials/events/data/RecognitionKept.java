package eu.microcredentials.events.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A granted recognition, or a request awaiting review, was looked at again after a credential it relies on changed,
 * and still holds on the credentials that count now: {@code ectsRecognised} is what they are worth (less after a
 * loss, more again once it is lifted), {@code credentialIds} the credentials that count.
 *
 * @param decision GRANTED, or NEEDS_REVIEW (then {@code ectsRecognised} is the ECTS proposed to the reviewer)
 * @param cause    REVOKED, SUSPENDED, ACCREDITATION_WITHDRAWN, REINSTATED or ACCREDITATION_GRANTED
 */
public record RecognitionKept(String recognitionId, String learnerId, String decision, List<String> credentialIds,
                              BigDecimal ectsRecognised, String causeCredentialId, String cause, String causeEventType,
                              String causeEventId, String explanation, Instant keptAt) implements EventData {

    @Override
    public String streamId() {
        return recognitionId;
    }
}

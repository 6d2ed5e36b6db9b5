package eu.microcredentials.events.data;

import java.time.Instant;

/** A granted recognition was withdrawn because a credential it relied on changed status. */
public record RecognitionWithdrawn(String recognitionId, String learnerId, String causeCredentialId,
                                   String causeEventType, String reason, Instant withdrawnAt) implements EventData {

    @Override
    public String streamId() {
        return recognitionId;
    }
}

package eu.microcredentials.events.data;

import java.time.Instant;
import java.util.List;

/** A learner asked for credentials to be recognised under a recognition policy. */
public record RecognitionRequested(String recognitionId, String learnerId, List<String> credentialIds,
                                   String policyId, String purpose, Instant requestedAt) implements EventData {

    @Override
    public String streamId() {
        return recognitionId;
    }
}

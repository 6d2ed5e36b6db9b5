package eu.microcredentials.events.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A recognition was granted, automatically or by a named reviewer. */
public record RecognitionGranted(String recognitionId, String learnerId, String policyId, List<String> credentialIds,
                                 BigDecimal ectsRecognised, String explanation, String decidedBy,
                                 Instant decidedAt) implements EventData {

    @Override
    public String streamId() {
        return recognitionId;
    }
}

package eu.microcredentials.events.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A recognition request meets the policy's rules, and the policy asks a human reviewer to decide. */
public record RecognitionReviewRequired(String recognitionId, String learnerId, String policyId,
                                        List<String> credentialIds, BigDecimal ectsProposed, String explanation,
                                        Instant decidedAt) implements EventData {

    @Override
    public String streamId() {
        return recognitionId;
    }
}

package eu.microcredentials.events.data;

import java.time.Instant;
import java.util.List;

/** A recognition was rejected; every rule that failed is named. */
public record RecognitionRejected(String recognitionId, String learnerId, String policyId,
                                  List<FailedRule> failedRules, String explanation, String decidedBy,
                                  Instant decidedAt) implements EventData {

    /** A policy rule that a credential (or the request as a whole, when credentialId is absent) did not meet. */
    public record FailedRule(String credentialId, String rule, String detail) {
    }

    @Override
    public String streamId() {
        return recognitionId;
    }
}

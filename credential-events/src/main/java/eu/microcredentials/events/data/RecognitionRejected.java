package eu.microcredentials.events.data;

import java.time.Instant;
import java.util.List;

/**
 * A recognition was rejected; every rule that failed is named. {@code reviewerOrganisationId} (added later) is the
 * recognising organisation whose API key recorded a reviewer's decision; absent for an automatic one.
 */
public record RecognitionRejected(String recognitionId, String learnerId, String policyId,
                                  List<FailedRule> failedRules, String explanation, String decidedBy,
                                  Instant decidedAt, String reviewerOrganisationId) implements EventData {

    /** The event as first published, without {@code reviewerOrganisationId}. */
    public RecognitionRejected(String recognitionId, String learnerId, String policyId, List<FailedRule> failedRules,
                               String explanation, String decidedBy, Instant decidedAt) {
        this(recognitionId, learnerId, policyId, failedRules, explanation, decidedBy, decidedAt, null);
    }

    /** A policy rule that a credential (or the request as a whole, when credentialId is absent) did not meet. */
    public record FailedRule(String credentialId, String rule, String detail) {
    }

    @Override
    public String streamId() {
        return recognitionId;
    }
}

package eu.microcredentials.events.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A recognition was granted, automatically or by a named reviewer. {@code reviewerOrganisationId} (added later) is
 * the recognising organisation whose API key recorded a reviewer's decision; absent for an automatic one.
 */
public record RecognitionGranted(String recognitionId, String learnerId, String policyId, List<String> credentialIds,
                                 BigDecimal ectsRecognised, String explanation, String decidedBy,
                                 Instant decidedAt, String reviewerOrganisationId) implements EventData {

    /** The event as first published, without {@code reviewerOrganisationId}. */
    public RecognitionGranted(String recognitionId, String learnerId, String policyId, List<String> credentialIds,
                              BigDecimal ectsRecognised, String explanation, String decidedBy, Instant decidedAt) {
        this(recognitionId, learnerId, policyId, credentialIds, ectsRecognised, explanation, decidedBy, decidedAt, null);
    }

    @Override
    public String streamId() {
        return recognitionId;
    }
}

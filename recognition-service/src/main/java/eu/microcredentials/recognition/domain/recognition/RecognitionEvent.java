package eu.microcredentials.recognition.domain.recognition;

import eu.microcredentials.recognition.domain.policy.FailedRule;
import eu.microcredentials.recognition.domain.policy.Purpose;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** What was decided about a recognition request, in the order it was decided. */
public sealed interface RecognitionEvent {
    String recognitionId();

    Instant at();

    record Requested(String recognitionId, String learnerId, List<String> credentialIds, String policyId,
                     Purpose purpose, Instant at) implements RecognitionEvent {
        public Requested {
            credentialIds = List.copyOf(credentialIds);
        }
    }

    /** @param reviewerOrganisationId the organisation whose reviewer decided; null for an automatic decision */
    record Granted(String recognitionId, String learnerId, String policyId, List<String> credentialIds,
                   BigDecimal ects, String explanation, String decidedBy, String reviewerOrganisationId, Instant at)
            implements RecognitionEvent {
    }

    /** @param reviewerOrganisationId the organisation whose reviewer decided; null for an automatic decision */
    record Rejected(String recognitionId, String learnerId, String policyId, List<FailedRule> failedRules,
                    String explanation, String decidedBy, String reviewerOrganisationId, Instant at)
            implements RecognitionEvent {
    }

    record ReviewRequired(String recognitionId, String learnerId, String policyId, List<String> credentialIds,
                          BigDecimal ectsProposed, String explanation, Instant at) implements RecognitionEvent {
    }

    record Withdrawn(String recognitionId, String learnerId, CredentialChange cause, String reason, Instant at)
            implements RecognitionEvent {
    }

    /** @param awaitingReview the withdrawn recognition was a request awaiting review, and awaits it again */
    record Restored(String recognitionId, String learnerId, CredentialChange cause, BigDecimal ects, String reason,
                    boolean awaitingReview, Instant at) implements RecognitionEvent {
    }

    /**
     * Looked at again after a change, the recognition (or the request awaiting review) still holds on the credentials
     * that count now, which are worth {@code ects}.
     */
    record Kept(String recognitionId, String learnerId, boolean awaitingReview, List<String> credentialIds,
                BigDecimal ects, CredentialChange cause, String explanation, Instant at) implements RecognitionEvent {
        public Kept {
            credentialIds = List.copyOf(credentialIds);
        }
    }
}

package eu.microcredentials.recognition.domain.recognition;

import eu.microcredentials.recognition.domain.policy.Candidate;
import eu.microcredentials.recognition.domain.policy.RecognitionPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What can be asked of a recognition. */
public sealed interface RecognitionCommand {

    /** A learner asks for these credentials (as recognition now knows them) to be recognised under a policy. */
    record Request(String recognitionId, String learnerId, RecognitionPolicy policy, List<Candidate> candidates,
                   Instant at) implements RecognitionCommand {
        public Request {
            Objects.requireNonNull(recognitionId, "recognitionId");
            Objects.requireNonNull(learnerId, "learnerId");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(at, "at");
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * A reviewer of the organisation owning the policy decides a request the policy referred to them, with the
     * credentials as they stand now.
     *
     * @param reviewerOrganisationId the organisation whose API key recorded the decision (null: an operator's)
     */
    record Review(String reviewer, String reviewerOrganisationId, boolean grant, String reason,
                  RecognitionPolicy policy, List<Candidate> candidates, Instant at) implements RecognitionCommand {
        public Review {
            Objects.requireNonNull(reviewer, "reviewer");
            Objects.requireNonNull(reason, "reason");
            candidates = List.copyOf(candidates);
        }
    }

    /** One of the credentials the recognition relies on changed; the candidates are as they stand after it. */
    record FollowChange(CredentialChange change, RecognitionPolicy policy, List<Candidate> candidates, Instant at)
            implements RecognitionCommand {
        public FollowChange {
            Objects.requireNonNull(change, "change");
            candidates = List.copyOf(candidates);
        }
    }
}

package eu.microcredentials.recognition.domain.recognition;

import java.util.Objects;

/**
 * A change to a credential that decisions relied on: its status changed, or its awarding body's accreditation did.
 *
 * @param eventType the CloudEvents type of the event that recorded the change
 * @param eventId   that event's id: what a reaction to it is recognised by
 */
public record CredentialChange(String credentialId, Kind kind, String eventType, String eventId) {

    /** What happened to the credential. A loss can take a decision away, a lifting can give it back. */
    public enum Kind {
        REVOKED(true), SUSPENDED(true), ACCREDITATION_WITHDRAWN(true), REINSTATED(false), ACCREDITATION_GRANTED(false),
        ISSUED(false);

        private final boolean loss;

        Kind(boolean loss) {
            this.loss = loss;
        }

        public boolean loss() {
            return loss;
        }

        /** Whether a later lifting can undo what this loss took away (a revocation is final). */
        public boolean liftable() {
            return this == SUSPENDED || this == ACCREDITATION_WITHDRAWN;
        }
    }

    public CredentialChange {
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(eventType, "eventType");
    }

    public String describe() {
        return switch (kind) {
            case REVOKED -> "the credential " + credentialId + " was revoked";
            case SUSPENDED -> "the credential " + credentialId + " was suspended";
            case ACCREDITATION_WITHDRAWN -> "the accreditation of the awarding body of " + credentialId + " was withdrawn";
            case REINSTATED -> "the credential " + credentialId + " was reinstated";
            case ACCREDITATION_GRANTED -> "the awarding body of " + credentialId + " was accredited again";
            case ISSUED -> "the credential " + credentialId + " was issued";
        };
    }
}

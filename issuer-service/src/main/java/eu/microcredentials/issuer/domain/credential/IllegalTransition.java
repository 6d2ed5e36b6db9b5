package eu.microcredentials.issuer.domain.credential;

import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.Refusal;

/** A status change the credential's current status does not allow, e.g. revoking a revoked credential. */
public final class IllegalTransition extends Refusal {
    private final CredentialStatus currentStatus;

    public IllegalTransition(CredentialId credentialId, CredentialStatus currentStatus, String why) {
        super("credential " + credentialId + " is " + currentStatus + ": " + why);
        this.currentStatus = currentStatus;
    }

    public CredentialStatus currentStatus() {
        return currentStatus;
    }
}

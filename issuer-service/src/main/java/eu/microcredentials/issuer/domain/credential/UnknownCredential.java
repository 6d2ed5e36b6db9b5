package eu.microcredentials.issuer.domain.credential;

import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.Refusal;

/** A command for a credential that was never issued. */
public final class UnknownCredential extends Refusal {
    private final CredentialId credentialId;

    public UnknownCredential(CredentialId credentialId) {
        super("no credential " + credentialId);
        this.credentialId = credentialId;
    }

    public CredentialId credentialId() {
        return credentialId;
    }
}

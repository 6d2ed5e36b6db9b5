package eu.microcredentials.issuer.domain.credential;

import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.Text;
import java.time.Instant;
import java.util.Objects;

/**
 * The awarding body (or an operator) reinstates a suspended credential: it is valid again.
 * {@code actor} is who asked; {@code at} the time it is recorded.
 */
public record ReinstateCredential(CredentialId credentialId, Reason reason, String actor, Instant at)
        implements CredentialCommand {
    public ReinstateCredential {
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(reason, "reason");
        actor = Text.required(actor, 200);
        Objects.requireNonNull(at, "at");
    }
}

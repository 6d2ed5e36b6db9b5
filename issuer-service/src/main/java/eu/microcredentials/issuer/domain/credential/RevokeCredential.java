package eu.microcredentials.issuer.domain.credential;

import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.Text;
import java.time.Instant;
import java.util.Objects;

/**
 * The awarding body (or an operator) revokes a credential, for good. {@code effectiveFrom} says from
 * when it is no longer valid: {@code at} when not given, possibly earlier (retroactive), never later.
 * {@code actor} is who asked; {@code at} the time it is recorded.
 */
public record RevokeCredential(CredentialId credentialId, Reason reason, Instant effectiveFrom, String actor,
                               Instant at) implements CredentialCommand {
    public RevokeCredential {
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(reason, "reason");
        actor = Text.required(actor, 200);
        Objects.requireNonNull(at, "at");
        effectiveFrom = effectiveFrom == null ? at : effectiveFrom;
    }

    /** Effective from the moment it is recorded. */
    public RevokeCredential(CredentialId credentialId, Reason reason, String actor, Instant at) {
        this(credentialId, reason, null, actor, at);
    }
}

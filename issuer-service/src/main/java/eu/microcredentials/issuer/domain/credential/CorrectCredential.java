package eu.microcredentials.issuer.domain.credential;

import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.Text;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import java.time.Instant;
import java.util.Objects;

/**
 * The awarding body (or an operator) corrects credential {@code credentialId}: credential
 * {@code correctionId} is issued with the corrected {@code content}, signed as {@code signed}, and
 * replaces it. {@code actor} is who asked; {@code at} the time of issuing and of the revocation.
 */
public record CorrectCredential(CredentialId credentialId, CredentialId correctionId, AwardingBody awardingBody,
                                MicroCredential content, SignedCredential signed, String actor, Instant at)
        implements CredentialCommand {
    public CorrectCredential {
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(correctionId, "correctionId");
        Objects.requireNonNull(awardingBody, "awardingBody");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(signed, "signed");
        actor = Text.required(actor, 200);
        Objects.requireNonNull(at, "at");
    }
}

package eu.microcredentials.issuer.domain.credential;

import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import java.time.Instant;
import java.util.List;

/**
 * An awarding body issues a micro-credential to a learner; {@code at} is the time of issuing, and
 * {@code signed} the credential as signed with the awarding body's active key; {@code hasPart} the
 * credentials it is made of when it is stacked from them on a learning pathway, else none.
 */
public record IssueCredential(CredentialId credentialId, AwardingBody awardingBody, MicroCredential content, Instant at,
                              SignedCredential signed, List<CredentialId> hasPart) implements CredentialCommand {
    public IssueCredential {
        hasPart = hasPart == null ? List.of() : List.copyOf(hasPart);
    }

    /** A credential made of no other. */
    public IssueCredential(CredentialId credentialId, AwardingBody awardingBody, MicroCredential content, Instant at,
                           SignedCredential signed) {
        this(credentialId, awardingBody, content, at, signed, List.of());
    }
}

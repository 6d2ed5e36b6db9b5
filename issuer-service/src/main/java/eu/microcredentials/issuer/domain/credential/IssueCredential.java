package eu.microcredentials.issuer.domain.credential;

import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import java.time.Instant;
import java.util.List;

/**
 * An awarding body issues a micro-credential to a learner; {@code at} is the time of issuing, and
 * {@code signed} the credential as signed with the awarding body's active key; {@code stacking} the
 * pathway completion it is issued for and the credentials it is made of, when it is stacked on one, else null;
 * {@code actor} who issues it (the API key identity, or {@code pathway:<id>}), null when not named.
 */
public record IssueCredential(CredentialId credentialId, AwardingBody awardingBody, MicroCredential content, Instant at,
                              SignedCredential signed, Stacking stacking, String actor) implements CredentialCommand {

    /** A credential made of no other, issued by someone not named. */
    public IssueCredential(CredentialId credentialId, AwardingBody awardingBody, MicroCredential content, Instant at,
                           SignedCredential signed) {
        this(credentialId, awardingBody, content, at, signed, null, null);
    }

    /** Issued by someone not named. */
    public IssueCredential(CredentialId credentialId, AwardingBody awardingBody, MicroCredential content, Instant at,
                           SignedCredential signed, Stacking stacking) {
        this(credentialId, awardingBody, content, at, signed, stacking, null);
    }

    /** The credentials it is made of, or none. */
    public List<CredentialId> hasPart() {
        return stacking == null ? List.of() : stacking.parts();
    }
}

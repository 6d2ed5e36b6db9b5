package eu.microcredentials.issuer.domain.credential;

import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import java.time.Instant;

/**
 * An awarding body issues a micro-credential to a learner; {@code at} is the time of issuing, and
 * {@code signed} the credential as signed with the awarding body's active key.
 */
public record IssueCredential(CredentialId credentialId, AwardingBody awardingBody, MicroCredential content, Instant at,
                              SignedCredential signed) implements CredentialCommand {
}

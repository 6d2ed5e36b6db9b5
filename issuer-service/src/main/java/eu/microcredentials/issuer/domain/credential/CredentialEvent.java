package eu.microcredentials.issuer.domain.credential;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CountryCode;
import eu.microcredentials.issuer.domain.CredentialId;
import java.time.Instant;

/** What happens to a credential. */
public sealed interface CredentialEvent {
    CredentialId credentialId();

    record Issued(CredentialId credentialId, AwardingBodyId awardingBody, CountryCode awardingBodyCountry,
                  MicroCredential content, Instant issuedAt, SignedCredential signed) implements CredentialEvent {
    }
}

package eu.microcredentials.issuer.domain.credential;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CountryCode;
import eu.microcredentials.issuer.domain.CredentialId;
import java.time.Instant;

/** A credential's state, one type per state. */
public sealed interface Credential {

    record NotIssued() implements Credential {
    }

    record Active(CredentialId id, AwardingBodyId awardingBody, CountryCode awardingBodyCountry,
                  MicroCredential content, Instant issuedAt, SignedCredential signed) implements Credential {
    }
}

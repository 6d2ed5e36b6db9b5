package eu.microcredentials.issuer.domain.credential;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CountryCode;
import eu.microcredentials.issuer.domain.CredentialId;
import java.time.Instant;
import java.util.List;

/**
 * What happens to a credential. Every event names the credential's awarding body and its country,
 * which subscribers filter on.
 */
public sealed interface CredentialEvent {
    CredentialId credentialId();

    AwardingBodyId awardingBody();

    CountryCode awardingBodyCountry();

    /**
     * Issued; {@code supersedes} names the credential it corrects and replaces, if any, {@code stacking}
     * the pathway completion it was issued for and the credentials it is made of, if it was stacked on one,
     * and {@code actor} who issued it (null when not known: recorded before issuers were named).
     */
    record Issued(CredentialId credentialId, AwardingBodyId awardingBody, CountryCode awardingBodyCountry,
                  MicroCredential content, Instant issuedAt, SignedCredential signed, CredentialId supersedes,
                  Stacking stacking, String actor) implements CredentialEvent {

        /** Issued by someone not named. */
        public Issued(CredentialId credentialId, AwardingBodyId awardingBody, CountryCode awardingBodyCountry,
                      MicroCredential content, Instant issuedAt, SignedCredential signed, CredentialId supersedes,
                      Stacking stacking) {
            this(credentialId, awardingBody, awardingBodyCountry, content, issuedAt, signed, supersedes, stacking, null);
        }

        /** Issued replacing no other credential, made of no other. */
        public Issued(CredentialId credentialId, AwardingBodyId awardingBody, CountryCode awardingBodyCountry,
                      MicroCredential content, Instant issuedAt, SignedCredential signed) {
            this(credentialId, awardingBody, awardingBodyCountry, content, issuedAt, signed, null, null, null);
        }

        /** Issued as the correction of {@code supersedes}. */
        public Issued(CredentialId credentialId, AwardingBodyId awardingBody, CountryCode awardingBodyCountry,
                      MicroCredential content, Instant issuedAt, SignedCredential signed, CredentialId supersedes) {
            this(credentialId, awardingBody, awardingBodyCountry, content, issuedAt, signed, supersedes, null, null);
        }

        /** The credentials it is made of, or none. */
        public List<CredentialId> hasPart() {
            return stacking == null ? List.of() : stacking.parts();
        }
    }

    /**
     * Revoked for good, recorded at {@code revokedAt} and effective from {@code effectiveFrom} (which may
     * lie before); {@code supersededBy} names a credential that replaces it, if any.
     */
    record Revoked(CredentialId credentialId, AwardingBodyId awardingBody, CountryCode awardingBodyCountry,
                   Reason reason, Instant effectiveFrom, String actor, CredentialId supersededBy, Instant revokedAt)
            implements CredentialEvent {
    }

    /** Suspended until reinstated (or revoked). */
    record Suspended(CredentialId credentialId, AwardingBodyId awardingBody, CountryCode awardingBodyCountry,
                     Reason reason, String actor, Instant suspendedAt) implements CredentialEvent {
    }

    /** Valid again after a suspension. */
    record Reinstated(CredentialId credentialId, AwardingBodyId awardingBody, CountryCode awardingBodyCountry,
                      Reason reason, String actor, Instant reinstatedAt) implements CredentialEvent {
    }
}

package eu.microcredentials.issuer.domain.credential;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CountryCode;
import eu.microcredentials.issuer.domain.CredentialId;
import java.time.Instant;
import java.util.List;

/**
 * A credential's state, one type per state: not issued, or issued and {@link Active}, {@link Suspended}
 * or {@link Revoked} (final). What was issued never changes; the status changes are its history.
 */
public sealed interface Credential {

    record NotIssued() implements Credential {
    }

    /** What every issued credential carries, whatever its status. */
    sealed interface Issued extends Credential permits Active, Suspended, Revoked {
        CredentialId id();

        AwardingBodyId awardingBody();

        CountryCode awardingBodyCountry();

        MicroCredential content();

        Instant issuedAt();

        SignedCredential signed();

        /** Every status change since issuing, oldest first. */
        List<StatusChange> history();

        CredentialStatus status();

        /** The credential this one corrects and replaces, or null. */
        CredentialId supersedes();

        /** The credential that corrects and replaces this one (then revoked), or null. */
        default CredentialId supersededBy() {
            return null;
        }

        /** What this credential was stacked on, if it was issued for a learning pathway completion; else null. */
        Stacking stacking();

        /** The credentials this one is made of (a credential stacked from them on a learning pathway), or none. */
        default List<CredentialId> hasPart() {
            return stacking() == null ? List.of() : stacking().parts();
        }
    }

    /** Valid: issued, or reinstated after a suspension. */
    record Active(CredentialId id, AwardingBodyId awardingBody, CountryCode awardingBodyCountry,
                  MicroCredential content, Instant issuedAt, SignedCredential signed, List<StatusChange> history,
                  CredentialId supersedes, Stacking stacking)
            implements Issued {
        public Active {
            history = List.copyOf(history);
        }

        /** Just issued: no status change yet, replacing no other credential, made of no other. */
        public Active(CredentialId id, AwardingBodyId awardingBody, CountryCode awardingBodyCountry,
                      MicroCredential content, Instant issuedAt, SignedCredential signed) {
            this(id, awardingBody, awardingBodyCountry, content, issuedAt, signed, List.of(), null, null);
        }

        @Override
        public CredentialStatus status() {
            return CredentialStatus.ACTIVE;
        }
    }

    /** Temporarily not valid; may be reinstated or revoked. */
    record Suspended(CredentialId id, AwardingBodyId awardingBody, CountryCode awardingBodyCountry,
                     MicroCredential content, Instant issuedAt, SignedCredential signed, List<StatusChange> history,
                     CredentialId supersedes, Stacking stacking)
            implements Issued {
        public Suspended {
            history = List.copyOf(history);
        }

        @Override
        public CredentialStatus status() {
            return CredentialStatus.SUSPENDED;
        }
    }

    /**
     * Never valid again (from the revocation's {@code effectiveFrom}): the final state; {@code supersededBy}
     * names the credential that corrected it, if that is why it was revoked.
     */
    record Revoked(CredentialId id, AwardingBodyId awardingBody, CountryCode awardingBodyCountry,
                   MicroCredential content, Instant issuedAt, SignedCredential signed, List<StatusChange> history,
                   CredentialId supersedes, CredentialId supersededBy, Stacking stacking)
            implements Issued {
        public Revoked {
            history = List.copyOf(history);
        }

        @Override
        public CredentialStatus status() {
            return CredentialStatus.REVOKED;
        }
    }

    /**
     * One change of a credential's status, as its issuer and operators see it (never published in a
     * status list): the status it led to, why, from when, when it was recorded and by whom.
     */
    record StatusChange(CredentialStatus status, Reason reason, Instant effectiveFrom, Instant recordedAt,
                        String actor) {
    }
}

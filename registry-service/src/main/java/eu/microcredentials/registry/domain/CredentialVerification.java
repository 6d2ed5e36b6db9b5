package eu.microcredentials.registry.domain;

import eu.microcredentials.registry.domain.accreditation.AccreditationHistory;
import eu.microcredentials.registry.domain.asof.AsOf;
import eu.microcredentials.registry.domain.asof.AsOfStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a presented credential verifies, from what it claims and what the registry knows:
 * nine checks, always all reported and always in the same order. A check that cannot run because an
 * earlier one left it nothing to work with fails as "not checked", saying why. The two accreditation
 * checks are informational: an awarding body need not be accredited by a national registry for its
 * credentials to verify, so they are reported for the verifier to weigh but do not decide {@code verified}.
 */
public final class CredentialVerification {
    public static final String FORMAT = "format";
    public static final String ISSUER_REGISTERED = "issuer-registered";
    public static final String SIGNING_KEY = "signing-key";
    public static final String SIGNATURE = "signature";
    public static final String KEY_ACTIVE_AT_ISSUANCE = "key-active-at-issuance";
    public static final String REGISTERED_RECORD = "registered-record";
    public static final String STATUS = "status";
    public static final String ACCREDITED_AT_ISSUANCE = "accredited-at-issuance";
    public static final String ACCREDITED_NOW = "accredited-now";
    /** The names of the checks, in the order they are reported. */
    public static final List<String> CHECKS = List.of(FORMAT, ISSUER_REGISTERED, SIGNING_KEY, SIGNATURE,
            KEY_ACTIVE_AT_ISSUANCE, REGISTERED_RECORD, STATUS, ACCREDITED_AT_ISSUANCE, ACCREDITED_NOW);

    private CredentialVerification() {
    }

    /**
     * @param presented the credential as presented
     * @param known     what the registry knows of its awarding body, key, record and accreditation
     * @param signature checks the signature with a key; asked only for a key of the credential's awarding body
     */
    public static Verification verify(PresentedCredential presented, RegistryKnowledge known,
                                      SignatureVerifier signature) {
        Optional<RegistryRecord> record = known.record();
        VerificationCheck signingKey = signingKey(presented, known.key());
        Optional<SigningKey> issuersKey = signingKey.passed() ? known.key() : Optional.empty();
        List<VerificationCheck> checks = List.of(
                format(presented),
                issuerRegistered(presented, known.awardingBodyName()),
                signingKey,
                signature(issuersKey, signature),
                keyActiveAtIssuance(presented, issuersKey, record),
                registeredRecord(presented, record),
                known.asOf().map(asOf -> statusAsOf(record, asOf)).orElseGet(() -> status(presented, record)),
                accreditedAtIssuance(presented, record, known.accreditation()),
                accreditedNow(presented, known.accreditation(), known.now(), known.asOf().isPresent()));
        CredentialStatus status = known.asOf().isPresent()
                ? record.flatMap(registered -> known.asOf().get().knownNow().status().issued()).orElse(null)
                : record.map(RegistryRecord::status).orElse(null);
        return Verification.of(presented.credentialId(), presented.awardingBodyId(), status,
                record.isPresent() ? known.latestStatusChange().orElse(null) : null, checks, known.asOf().orElse(null));
    }

    private static VerificationCheck format(PresentedCredential presented) {
        if (!presented.wellFormed()) {
            return VerificationCheck.failed(FORMAT, String.join("; ", presented.formatProblems()));
        }
        return VerificationCheck.passed(FORMAT, "a W3C Verifiable Credential 2.0 as a compact JWS (typ vc+jwt, alg "
                + presented.algorithm() + ", kid " + presented.keyId() + ")");
    }

    private static VerificationCheck issuerRegistered(PresentedCredential presented, Optional<String> name) {
        String body = presented.awardingBodyId();
        if (body == null) {
            return VerificationCheck.notChecked(ISSUER_REGISTERED, "the credential names no awarding body (issuer.id)");
        }
        return name.map(legalName -> VerificationCheck.passed(ISSUER_REGISTERED,
                        "awarding body " + body + " (" + legalName + ") is in the registry"))
                .orElseGet(() -> VerificationCheck.failed(ISSUER_REGISTERED, "awarding body " + body + " is not in the registry"));
    }

    private static VerificationCheck signingKey(PresentedCredential presented, Optional<SigningKey> key) {
        String keyId = presented.keyId();
        if (keyId == null) {
            return VerificationCheck.notChecked(SIGNING_KEY, "the JWS header names no key (kid)");
        }
        if (key.isEmpty()) {
            return VerificationCheck.failed(SIGNING_KEY, "key " + keyId + " is not published in the registry");
        }
        String body = presented.awardingBodyId();
        if (body == null) {
            return VerificationCheck.notChecked(SIGNING_KEY,
                    "key " + keyId + " is published, but the credential names no awarding body (issuer.id) to match it");
        }
        SigningKey published = key.get();
        if (!published.publishedBy(body)) {
            return VerificationCheck.failed(SIGNING_KEY, "key " + keyId + " belongs to another awarding body ("
                    + published.awardingBodyId() + "), not to " + body);
        }
        return VerificationCheck.passed(SIGNING_KEY, "key " + keyId + " (" + published.algorithm()
                + ") is published by awarding body " + body);
    }

    private static VerificationCheck signature(Optional<SigningKey> key, SignatureVerifier signature) {
        if (key.isEmpty()) {
            return VerificationCheck.notChecked(SIGNATURE, "no published key of the credential's awarding body to check it with");
        }
        SignatureVerifier.Outcome outcome = signature.verify(key.get());
        return new VerificationCheck(SIGNATURE, outcome.valid(), outcome.detail());
    }

    private static VerificationCheck keyActiveAtIssuance(PresentedCredential presented, Optional<SigningKey> key,
                                                         Optional<RegistryRecord> record) {
        if (key.isEmpty()) {
            return VerificationCheck.notChecked(KEY_ACTIVE_AT_ISSUANCE, "no published key of the credential's awarding body");
        }
        Optional<IssuingInstant> issuing = IssuingInstant.of(presented, record);
        if (issuing.isEmpty()) {
            return VerificationCheck.notChecked(KEY_ACTIVE_AT_ISSUANCE, IssuingInstant.UNKNOWN);
        }
        Instant issuedAt = issuing.get().instant();
        String source = issuing.get().source();
        SigningKey signing = key.get();
        String validity = "key " + signing.keyId() + " is " + signing.validity().describe();
        return signing.validity().activeAt(issuedAt)
                ? VerificationCheck.passed(KEY_ACTIVE_AT_ISSUANCE, source + ": " + validity)
                : VerificationCheck.failed(KEY_ACTIVE_AT_ISSUANCE, source + ", when the key was not active: " + validity);
    }

    private static VerificationCheck registeredRecord(PresentedCredential presented, Optional<RegistryRecord> record) {
        String id = presented.credentialId();
        if (id == null) {
            return VerificationCheck.notChecked(REGISTERED_RECORD, "the credential has no id (urn:uuid:…)");
        }
        if (record.isEmpty()) {
            return VerificationCheck.failed(REGISTERED_RECORD, "credential " + id + " is not in the registry");
        }
        RegistryRecord registered = record.get();
        if (registered.verifiableCredential() == null) {
            return VerificationCheck.failed(REGISTERED_RECORD,
                    "credential " + id + " is in the registry without a signed form to compare with");
        }
        if (!registered.verifiableCredential().equals(presented.compact())) {
            String byWhom = registered.awardingBodyId().equals(presented.awardingBodyId()) ? ""
                    : " (registered for awarding body " + registered.awardingBodyId() + ")";
            return VerificationCheck.failed(REGISTERED_RECORD,
                    "the presented credential differs from the one registered as " + id + byWhom);
        }
        return VerificationCheck.passed(REGISTERED_RECORD, "the presented credential is exactly the one registered as " + id);
    }

    private static VerificationCheck status(PresentedCredential presented, Optional<RegistryRecord> record) {
        if (record.isEmpty()) {
            return VerificationCheck.notChecked(STATUS, presented.credentialId() == null
                    ? "the credential has no id (urn:uuid:…)" : "the credential is not in the registry");
        }
        CredentialStatus status = record.get().status();
        return status == CredentialStatus.ACTIVE
                ? VerificationCheck.passed(STATUS, "status is " + status)
                : VerificationCheck.failed(STATUS, "status is " + status);
    }

    /** As of an instant the status is the one in effect then as known now; what was known then is told beside it. */
    private static VerificationCheck statusAsOf(Optional<RegistryRecord> record, AsOf asOf) {
        if (record.isEmpty()) {
            return VerificationCheck.notChecked(STATUS, "the credential is not in the registry");
        }
        AsOfStatus now = asOf.knownNow().status();
        AsOfStatus then = asOf.knownThen().status();
        String known = now == then ? "" : " (as known at " + asOf.instant() + ": " + describe(then) + ")";
        if (now == AsOfStatus.NOT_YET_ISSUED) {
            return VerificationCheck.failed(STATUS, "not yet issued at " + asOf.instant() + ": issued at "
                    + record.get().issuedAt());
        }
        String detail = "status at " + asOf.instant() + " is " + now + known;
        return now == AsOfStatus.ACTIVE ? VerificationCheck.passed(STATUS, detail) : VerificationCheck.failed(STATUS, detail);
    }

    private static String describe(AsOfStatus status) {
        return status == AsOfStatus.NOT_YET_ISSUED ? "not yet issued" : status.name();
    }

    private static VerificationCheck accreditedAtIssuance(PresentedCredential presented, Optional<RegistryRecord> record,
                                                          AccreditationHistory accreditation) {
        if (presented.awardingBodyId() == null) {
            return VerificationCheck.notChecked(ACCREDITED_AT_ISSUANCE, "the credential names no awarding body (issuer.id)")
                    .informational();
        }
        Optional<IssuingInstant> issuing = IssuingInstant.of(presented, record);
        if (issuing.isEmpty()) {
            return VerificationCheck.notChecked(ACCREDITED_AT_ISSUANCE, IssuingInstant.UNKNOWN).informational();
        }
        AccreditationHistory.Standing standing = accreditation.at(issuing.get().instant());
        return new VerificationCheck(ACCREDITED_AT_ISSUANCE, standing.accredited(), false,
                standing.detail() + "; " + issuing.get().source());
    }

    /** "Now" is the as-of instant when verifying as of one, and the detail says so. */
    private static VerificationCheck accreditedNow(PresentedCredential presented, AccreditationHistory accreditation,
                                                   Instant now, boolean asOf) {
        if (presented.awardingBodyId() == null) {
            return VerificationCheck.notChecked(ACCREDITED_NOW, "the credential names no awarding body (issuer.id)")
                    .informational();
        }
        AccreditationHistory.Standing standing = accreditation.at(now);
        return new VerificationCheck(ACCREDITED_NOW, standing.accredited(), false,
                (asOf ? "at " + now + ": " : "") + standing.detail());
    }

    /** When the credential was issued: the registry's record says so; the payload's validFrom is only a claim. */
    private record IssuingInstant(Instant instant, String source) {
        static final String UNKNOWN = "the credential is not in the registry and has no readable validFrom";

        static Optional<IssuingInstant> of(PresentedCredential presented, Optional<RegistryRecord> record) {
            if (record.isPresent()) {
                Instant issuedAt = record.get().issuedAt();
                return Optional.of(new IssuingInstant(issuedAt, "issued at " + issuedAt + " (registry record)"));
            }
            if (presented.validFrom() != null) {
                return Optional.of(new IssuingInstant(presented.validFrom(),
                        "valid from " + presented.validFrom() + " (not in the registry)"));
            }
            return Optional.empty();
        }
    }
}

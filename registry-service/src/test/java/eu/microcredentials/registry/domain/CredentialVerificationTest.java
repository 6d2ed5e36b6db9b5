package eu.microcredentials.registry.domain;

import static eu.microcredentials.registry.domain.PresentedCredentialTest.BODY;
import static eu.microcredentials.registry.domain.PresentedCredentialTest.CREDENTIAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import eu.microcredentials.registry.domain.accreditation.AccreditationEvent;
import eu.microcredentials.registry.domain.accreditation.AccreditationHistory;
import eu.microcredentials.registry.domain.accreditation.AwardingBodyId;
import eu.microcredentials.registry.domain.asof.AsOf;
import eu.microcredentials.registry.domain.asof.AsOfStatus;
import eu.microcredentials.registry.domain.asof.StatusTimeline;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Given what a credential claims and what the registry knows, when it is verified, then every check
 * is reported in order, and the credential verifies only when all passed.
 */
class CredentialVerificationTest {
    private static final String COMPACT = "header.payload.signature";
    private static final Instant KEY_ACTIVE_FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant ISSUED_AT = Instant.parse("2026-03-14T10:15:30Z");
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final SigningKey KEY = new SigningKey("key-1", BODY, "ES256", "{\"kty\":\"EC\"}",
            KeyValidity.activeSince(KEY_ACTIVE_FROM));
    private static final RegistryRecord RECORD = new RegistryRecord(CREDENTIAL, BODY, CredentialStatus.ACTIVE, ISSUED_AT,
            COMPACT);
    private static final SignatureVerifier VALID = key -> SignatureVerifier.Outcome.valid("verifies with " + key.keyId());
    private static final SignatureVerifier INVALID = key -> SignatureVerifier.Outcome.invalid("does not verify");
    private static final SignatureVerifier NEVER = key -> fail("the signature must not be checked");

    private static PresentedCredential presented() {
        return PresentedCredential.read(COMPACT, PresentedCredentialTest.claims());
    }

    @Test
    void a_registered_credential_signed_with_its_bodys_active_key_verifies() {
        List<String> asked = new ArrayList<>();
        Verification verification = verify(presented(), Optional.of("Universiteit van Test"),
                Optional.of(KEY), Optional.of(RECORD), key -> {
                    asked.add(key.keyId());
                    return VALID.verify(key);
                });

        assertTrue(verification.verified(), verification.checks().toString());
        assertEquals(CredentialVerification.CHECKS, names(verification));
        assertEquals(List.of("key-1"), asked);
        assertEquals(CREDENTIAL, verification.credentialId());
        assertEquals(BODY, verification.awardingBodyId());
        assertEquals(CredentialStatus.ACTIVE, verification.status());
        assertEquals("awarding body " + BODY + " (Universiteit van Test) is in the registry", detail(verification, "issuer-registered"));
        assertEquals("the presented credential is exactly the one registered as " + CREDENTIAL,
                detail(verification, "registered-record"));
        assertEquals("status is ACTIVE", detail(verification, "status"));
        assertTrue(verification.firstFailure().isEmpty());
    }

    @Test
    void a_signature_that_does_not_verify_fails_the_signature_check() {
        Verification verification = verify(presented(), Optional.of("U"), Optional.of(KEY),
                Optional.of(RECORD), INVALID);
        assertFalse(verification.verified());
        assertEquals(List.of("signature"), failed(verification));
        assertEquals("does not verify", detail(verification, "signature"));
    }

    @Test
    void a_key_of_another_awarding_body_fails_and_is_not_used() {
        SigningKey othersKey = new SigningKey("key-1", "another-body", "ES256", "{}", KeyValidity.activeSince(KEY_ACTIVE_FROM));
        Verification verification = verify(presented(), Optional.of("U"), Optional.of(othersKey),
                Optional.of(RECORD), NEVER);
        assertEquals(List.of("signing-key", "signature", "key-active-at-issuance"), failed(verification));
        assertEquals("key key-1 belongs to another awarding body (another-body), not to " + BODY,
                detail(verification, "signing-key"));
        assertTrue(detail(verification, "signature").startsWith("not checked: "));
        assertTrue(detail(verification, "key-active-at-issuance").startsWith("not checked: "));
    }

    @Test
    void an_unknown_key_and_an_unregistered_issuer_fail() {
        Verification verification = verify(presented(), Optional.empty(), Optional.empty(),
                Optional.empty(), NEVER);
        assertEquals(List.of("issuer-registered", "signing-key", "signature", "key-active-at-issuance",
                "registered-record", "status"), failed(verification));
        assertEquals("awarding body " + BODY + " is not in the registry", detail(verification, "issuer-registered"));
        assertEquals("key key-1 is not published in the registry", detail(verification, "signing-key"));
        assertEquals("credential " + CREDENTIAL + " is not in the registry", detail(verification, "registered-record"));
        assertEquals("not checked: the credential is not in the registry", detail(verification, "status"));
        assertNull(verification.status());
        assertEquals("issuer-registered", verification.firstFailure().orElseThrow().name());
    }

    @Test
    void a_key_retired_before_the_registered_issuing_instant_fails_even_if_the_signature_verifies() {
        SigningKey retired = new SigningKey("key-1", BODY, "ES256", "{}",
                new KeyValidity(KEY_ACTIVE_FROM, ISSUED_AT.minusSeconds(60)));
        Verification verification = verify(presented(), Optional.of("U"), Optional.of(retired),
                Optional.of(RECORD), VALID);
        assertEquals(List.of("key-active-at-issuance"), failed(verification));
        assertTrue(detail(verification, "key-active-at-issuance").startsWith(
                "issued at " + ISSUED_AT + " (registry record), when the key was not active"));
    }

    @Test
    void a_key_retired_after_issuance_still_verifies_what_it_signed() {
        SigningKey retired = new SigningKey("key-1", BODY, "ES256", "{}",
                new KeyValidity(KEY_ACTIVE_FROM, ISSUED_AT.plusSeconds(60)));
        Verification verification = verify(presented(), Optional.of("U"), Optional.of(retired),
                Optional.of(RECORD), VALID);
        assertTrue(verification.verified(), verification.checks().toString());
    }

    @Test
    void the_registry_records_issuing_instant_prevails_over_the_claimed_valid_from() {
        // validFrom claims a time the key was active, but the registry knows it was issued after its retirement
        RegistryRecord issuedLater = new RegistryRecord(CREDENTIAL, BODY, CredentialStatus.ACTIVE,
                Instant.parse("2026-09-01T00:00:00Z"), COMPACT);
        SigningKey retired = new SigningKey("key-1", BODY, "ES256", "{}",
                new KeyValidity(KEY_ACTIVE_FROM, Instant.parse("2026-06-01T00:00:00Z")));
        Verification verification = verify(presented(), Optional.of("U"), Optional.of(retired),
                Optional.of(issuedLater), VALID);
        assertEquals(List.of("key-active-at-issuance"), failed(verification));
    }

    @Test
    void without_a_registry_record_the_key_is_checked_at_valid_from() {
        SigningKey retired = new SigningKey("key-1", BODY, "ES256", "{}",
                new KeyValidity(KEY_ACTIVE_FROM, ISSUED_AT.minusSeconds(1)));
        Verification verification = verify(presented(), Optional.of("U"), Optional.of(retired),
                Optional.empty(), VALID);
        assertEquals(List.of("key-active-at-issuance", "registered-record", "status"), failed(verification));
        assertTrue(detail(verification, "key-active-at-issuance").startsWith(
                "valid from " + ISSUED_AT + " (not in the registry), when the key was not active"));
    }

    @Test
    void a_credential_that_differs_from_the_registered_one_fails_the_record_check() {
        RegistryRecord other = new RegistryRecord(CREDENTIAL, BODY, CredentialStatus.ACTIVE, ISSUED_AT, "other.signed.form");
        Verification verification = verify(presented(), Optional.of("U"), Optional.of(KEY),
                Optional.of(other), VALID);
        assertEquals(List.of("registered-record"), failed(verification));
        assertEquals("the presented credential differs from the one registered as " + CREDENTIAL,
                detail(verification, "registered-record"));
    }

    @Test
    void a_credential_registered_unsigned_cannot_be_matched() {
        RegistryRecord unsigned = new RegistryRecord(CREDENTIAL, BODY, CredentialStatus.ACTIVE, ISSUED_AT, null);
        Verification verification = verify(presented(), Optional.of("U"), Optional.of(KEY),
                Optional.of(unsigned), VALID);
        assertEquals(List.of("registered-record"), failed(verification));
    }

    @Test
    void a_revoked_or_suspended_credential_fails_the_status_check_saying_its_status() {
        for (CredentialStatus status : List.of(CredentialStatus.REVOKED, CredentialStatus.SUSPENDED)) {
            RegistryRecord record = new RegistryRecord(CREDENTIAL, BODY, status, ISSUED_AT, COMPACT);
            Verification verification = verify(presented(), Optional.of("U"), Optional.of(KEY),
                    Optional.of(record), VALID);
            assertEquals(List.of("status"), failed(verification));
            assertEquals("status is " + status, detail(verification, "status"));
            assertEquals(status, verification.status());
        }
    }

    @Test
    void what_is_not_a_jws_fails_every_check_and_says_why_the_others_did_not_run() {
        Verification verification = verify(
                PresentedCredential.unreadable("hello", "not a compact JWS: Invalid serialization"),
                Optional.empty(), Optional.empty(), Optional.empty(), NEVER);
        assertFalse(verification.verified());
        assertEquals(CredentialVerification.CHECKS, verification.checks().stream().filter(check -> !check.passed())
                .map(VerificationCheck::name).toList());
        assertEquals("not a compact JWS: Invalid serialization", detail(verification, "format"));
        for (VerificationCheck check : verification.checks().subList(1, 9)) {
            assertTrue(check.detail().startsWith("not checked: "), check.toString());
        }
        assertNull(verification.credentialId());
    }

    @Test
    void a_malformed_header_fails_the_format_while_the_other_checks_still_run() {
        PresentedCredential.Claims good = PresentedCredentialTest.claims();
        PresentedCredential wrongType = PresentedCredential.read(COMPACT, new PresentedCredential.Claims("JWT", good.kid(),
                good.alg(), good.firstContext(), good.types(), good.id(), good.issuerId(), good.validFrom(), null));
        Verification verification = verify(wrongType, Optional.of("U"), Optional.of(KEY),
                Optional.of(RECORD), VALID);
        assertEquals(List.of("format"), failed(verification));
        assertEquals("header typ must be vc+jwt; was JWT", detail(verification, "format"));
    }

    @Test
    void verified_means_every_check_passed() {
        List<VerificationCheck> oneFailed = List.of(VerificationCheck.passed("a", "ok"), VerificationCheck.failed("b", "no"));
        assertFalse(Verification.of(null, null, null, oneFailed).verified());
        assertFalse(Verification.of(null, null, null, List.of()).verified());
        assertThrows(IllegalArgumentException.class, () -> new Verification(true, null, null, null, null, oneFailed, null));
        assertEquals("not checked: why", VerificationCheck.notChecked("c", "why").detail());
    }

    private static final URI EVIDENCE = URI.create("https://www.eqar.eu/qa-results/report/12345");
    private static final URI WITHDRAWAL = URI.create("https://www.eqar.eu/qa-results/report/12346");

    private static AccreditationEvent granted(Instant validFrom, Instant validUntil) {
        return new AccreditationEvent.Granted(new AwardingBodyId(BODY), "A3ES", EVIDENCE, validFrom, validUntil,
                "registry-operator", validFrom);
    }

    private static AccreditationEvent withdrawn(Instant effectiveFrom) {
        return new AccreditationEvent.Withdrawn(new AwardingBodyId(BODY), "A3ES", WITHDRAWAL, effectiveFrom,
                "registry-operator", effectiveFrom);
    }

    private static Verification withAccreditation(AccreditationEvent... decisions) {
        return verify(presented(), Optional.of("U"), Optional.of(KEY), Optional.of(RECORD),
                new AccreditationHistory(List.of(decisions)), VALID);
    }

    private static VerificationCheck check(Verification verification, String name) {
        return verification.checks().stream().filter(each -> each.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void the_accreditation_checks_are_reported_last_and_are_informational() {
        Verification verification = withAccreditation();
        assertEquals(List.of("accredited-at-issuance", "accredited-now"),
                CredentialVerification.CHECKS.subList(7, 9));
        for (VerificationCheck check : verification.checks()) {
            assertEquals(!check.name().startsWith("accredited-"), check.required(), check.toString());
        }
        // a body without any accreditation decision verifies as before
        assertTrue(verification.verified(), verification.checks().toString());
        assertTrue(verification.firstFailure().isEmpty());
        assertFalse(check(verification, "accredited-at-issuance").passed());
        assertEquals("no accreditation recorded; issued at " + ISSUED_AT + " (registry record)",
                detail(verification, "accredited-at-issuance"));
        assertFalse(check(verification, "accredited-now").passed());
        assertEquals("no accreditation recorded", detail(verification, "accredited-now"));
    }

    @Test
    void accredited_before_issuance_and_still_passes_both() {
        Verification verification = withAccreditation(granted(KEY_ACTIVE_FROM, null));
        assertTrue(check(verification, "accredited-at-issuance").passed());
        assertTrue(check(verification, "accredited-now").passed());
        assertEquals("accredited by A3ES from " + KEY_ACTIVE_FROM + " without end (evidence " + EVIDENCE + ")",
                detail(verification, "accredited-now"));
        assertTrue(detail(verification, "accredited-at-issuance").startsWith("accredited by A3ES from " + KEY_ACTIVE_FROM));
    }

    @Test
    void withdrawn_after_issuance_still_passes_at_issuance_but_not_now() {
        Instant withdrawnFrom = ISSUED_AT.plusSeconds(3600);
        Verification verification = withAccreditation(granted(KEY_ACTIVE_FROM, null), withdrawn(withdrawnFrom));
        assertTrue(check(verification, "accredited-at-issuance").passed());
        assertFalse(check(verification, "accredited-now").passed());
        assertEquals("the accreditation by A3ES was withdrawn from " + withdrawnFrom
                + " (evidence " + WITHDRAWAL + ")", detail(verification, "accredited-now"));
        assertTrue(verification.verified(), "the accreditation checks do not decide verified");
    }

    @Test
    void a_withdrawal_effective_before_issuance_fails_at_issuance_even_when_decided_later() {
        Verification verification = withAccreditation(granted(KEY_ACTIVE_FROM, null), withdrawn(ISSUED_AT.minusSeconds(1)));
        assertFalse(check(verification, "accredited-at-issuance").passed());
        assertFalse(check(verification, "accredited-now").passed());
    }

    @Test
    void the_accreditation_period_is_from_inclusive_until_exclusive() {
        assertTrue(check(withAccreditation(granted(ISSUED_AT, null)), "accredited-at-issuance").passed());
        assertFalse(check(withAccreditation(granted(ISSUED_AT.plusMillis(1), null)), "accredited-at-issuance").passed());
        Verification expired = withAccreditation(granted(KEY_ACTIVE_FROM, ISSUED_AT));
        assertFalse(check(expired, "accredited-at-issuance").passed());
        assertEquals("not accredited at " + ISSUED_AT + ": the accreditation by A3ES is from " + KEY_ACTIVE_FROM
                        + " until " + ISSUED_AT + "; issued at " + ISSUED_AT + " (registry record)",
                detail(expired, "accredited-at-issuance"));
        Verification expiresLater = withAccreditation(granted(KEY_ACTIVE_FROM, ISSUED_AT.plusSeconds(1)));
        assertTrue(check(expiresLater, "accredited-at-issuance").passed());
        assertFalse(check(expiresLater, "accredited-now").passed());
    }

    @Test
    void accredited_again_after_a_withdrawal_holds_now_and_a_renewal_keeps_the_earlier_period() {
        Instant withdrawnFrom = ISSUED_AT.plusSeconds(3600);
        Instant again = withdrawnFrom.plusSeconds(3600);
        Verification reaccredited = withAccreditation(granted(KEY_ACTIVE_FROM, null), withdrawn(withdrawnFrom),
                granted(again, null));
        assertTrue(check(reaccredited, "accredited-at-issuance").passed());
        assertTrue(check(reaccredited, "accredited-now").passed());
        Verification renewed = withAccreditation(granted(KEY_ACTIVE_FROM, ISSUED_AT.plusSeconds(60)),
                granted(ISSUED_AT.plusSeconds(60), null));
        assertTrue(check(renewed, "accredited-at-issuance").passed());
        assertTrue(check(renewed, "accredited-now").passed());
    }

    @Test
    void the_latest_status_change_is_reported_only_when_given_and_a_retroactive_revocation_is_revoked() {
        Instant beforeIssuance = ISSUED_AT.minusSeconds(86_400);
        StatusChange revocation = new StatusChange("fraud", beforeIssuance, NOW);
        RegistryRecord revoked = new RegistryRecord(CREDENTIAL, BODY, CredentialStatus.REVOKED, ISSUED_AT, COMPACT);
        Verification shown = CredentialVerification.verify(presented(), new RegistryKnowledge(Optional.of("U"),
                Optional.of(KEY), Optional.of(revoked), AccreditationHistory.none(), Optional.of(revocation), NOW), VALID);
        assertEquals(CredentialStatus.REVOKED, shown.status());
        assertEquals(revocation, shown.statusDetail());
        assertFalse(shown.verified());
        assertEquals(List.of("status"), failed(shown));

        Verification hidden = verify(presented(), Optional.of("U"), Optional.of(KEY), Optional.of(revoked), VALID);
        assertNull(hidden.statusDetail());
        assertEquals(CredentialStatus.REVOKED, hidden.status());
    }

    @Test
    void as_of_an_instant_the_status_in_effect_then_decides_and_what_was_known_then_is_told_beside_it() {
        Instant effective = ISSUED_AT.plusSeconds(86_400);
        Instant recorded = effective.plusSeconds(7 * 86_400);
        StatusChange revocation = new StatusChange("fraud", effective, recorded);
        RegistryRecord revoked = new RegistryRecord(CREDENTIAL, BODY, CredentialStatus.REVOKED, ISSUED_AT, COMPACT);
        StatusTimeline timeline = new StatusTimeline(ISSUED_AT,
                List.of(new StatusTimeline.Change(CredentialStatus.REVOKED, revocation)));

        Verification between = verifyAsOf(revoked, timeline, effective.plusSeconds(86_400));
        assertFalse(between.verified());
        assertEquals(CredentialStatus.REVOKED, between.status());
        assertEquals("status at " + effective.plusSeconds(86_400) + " is REVOKED (as known at "
                + effective.plusSeconds(86_400) + ": ACTIVE)", detail(between, "status"));
        assertEquals(AsOfStatus.ACTIVE, between.asOf().knownThen().status());
        assertTrue(between.asOf().differs());

        Verification before = verifyAsOf(revoked, timeline, effective.minusSeconds(1));
        assertTrue(before.verified(), before.checks().toString());
        assertEquals(CredentialStatus.ACTIVE, before.status());

        Verification notYet = verifyAsOf(revoked, timeline, ISSUED_AT.minusSeconds(1));
        assertFalse(notYet.verified());
        assertNull(notYet.status());
        assertEquals("not yet issued at " + ISSUED_AT.minusSeconds(1) + ": issued at " + ISSUED_AT,
                detail(notYet, "status"));
        assertTrue(detail(notYet, "accredited-now").startsWith("at " + ISSUED_AT.minusSeconds(1) + ": "));
        assertThrows(IllegalArgumentException.class, () -> new RegistryKnowledge(Optional.of("U"), Optional.of(KEY),
                Optional.of(revoked), AccreditationHistory.none(), Optional.empty(), NOW,
                Optional.of(AsOf.of(timeline, AccreditationHistory.none(), ISSUED_AT))));
    }

    private static Verification verifyAsOf(RegistryRecord record, StatusTimeline timeline, Instant asOf) {
        return CredentialVerification.verify(presented(), new RegistryKnowledge(Optional.of("U"), Optional.of(KEY),
                Optional.of(record), AccreditationHistory.none(), Optional.empty(), asOf,
                Optional.of(AsOf.of(timeline, AccreditationHistory.none(), asOf))), VALID);
    }

    @Test
    void verified_counts_only_the_required_checks() {
        List<VerificationCheck> informationalFailed = List.of(VerificationCheck.passed("a", "ok"),
                VerificationCheck.failed("b", "no").informational());
        assertTrue(Verification.of(null, null, null, informationalFailed).verified());
        assertFalse(Verification.of(null, null, null, List.of(VerificationCheck.passed("a", "ok").informational()))
                .verified());
        assertThrows(IllegalArgumentException.class,
                () -> new Verification(false, null, null, null, null, informationalFailed, null));
    }

    private static List<String> names(Verification verification) {
        return verification.checks().stream().map(VerificationCheck::name).toList();
    }

    /** The required checks that failed: those that decide {@code verified}. */
    private static List<String> failed(Verification verification) {
        return verification.checks().stream().filter(check -> check.required() && !check.passed())
                .map(VerificationCheck::name).toList();
    }

    /** What the registry knows of a body without any accreditation decision, verified at {@link #NOW}. */
    private static Verification verify(PresentedCredential presented, Optional<String> awardingBodyName,
                                       Optional<SigningKey> key, Optional<RegistryRecord> record,
                                       SignatureVerifier signature) {
        return verify(presented, awardingBodyName, key, record, AccreditationHistory.none(), signature);
    }

    private static Verification verify(PresentedCredential presented, Optional<String> awardingBodyName,
                                       Optional<SigningKey> key, Optional<RegistryRecord> record,
                                       AccreditationHistory accreditation, SignatureVerifier signature) {
        return CredentialVerification.verify(presented, new RegistryKnowledge(awardingBodyName, key, record,
                accreditation, Optional.empty(), NOW), signature);
    }

    private static String detail(Verification verification, String check) {
        return verification.checks().stream().filter(each -> each.name().equals(check)).findFirst().orElseThrow().detail();
    }
}

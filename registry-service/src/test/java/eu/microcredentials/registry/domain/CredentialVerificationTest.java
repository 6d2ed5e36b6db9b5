package eu.microcredentials.registry.domain;

import static eu.microcredentials.registry.domain.PresentedCredentialTest.BODY;
import static eu.microcredentials.registry.domain.PresentedCredentialTest.CREDENTIAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
        Verification verification = CredentialVerification.verify(presented(), Optional.of("Universiteit van Test"),
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
        Verification verification = CredentialVerification.verify(presented(), Optional.of("U"), Optional.of(KEY),
                Optional.of(RECORD), INVALID);
        assertFalse(verification.verified());
        assertEquals(List.of("signature"), failed(verification));
        assertEquals("does not verify", detail(verification, "signature"));
    }

    @Test
    void a_key_of_another_awarding_body_fails_and_is_not_used() {
        SigningKey othersKey = new SigningKey("key-1", "another-body", "ES256", "{}", KeyValidity.activeSince(KEY_ACTIVE_FROM));
        Verification verification = CredentialVerification.verify(presented(), Optional.of("U"), Optional.of(othersKey),
                Optional.of(RECORD), NEVER);
        assertEquals(List.of("signing-key", "signature", "key-active-at-issuance"), failed(verification));
        assertEquals("key key-1 belongs to another awarding body (another-body), not to " + BODY,
                detail(verification, "signing-key"));
        assertTrue(detail(verification, "signature").startsWith("not checked: "));
        assertTrue(detail(verification, "key-active-at-issuance").startsWith("not checked: "));
    }

    @Test
    void an_unknown_key_and_an_unregistered_issuer_fail() {
        Verification verification = CredentialVerification.verify(presented(), Optional.empty(), Optional.empty(),
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
        Verification verification = CredentialVerification.verify(presented(), Optional.of("U"), Optional.of(retired),
                Optional.of(RECORD), VALID);
        assertEquals(List.of("key-active-at-issuance"), failed(verification));
        assertTrue(detail(verification, "key-active-at-issuance").startsWith(
                "issued at " + ISSUED_AT + " (registry record), when the key was not active"));
    }

    @Test
    void a_key_retired_after_issuance_still_verifies_what_it_signed() {
        SigningKey retired = new SigningKey("key-1", BODY, "ES256", "{}",
                new KeyValidity(KEY_ACTIVE_FROM, ISSUED_AT.plusSeconds(60)));
        Verification verification = CredentialVerification.verify(presented(), Optional.of("U"), Optional.of(retired),
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
        Verification verification = CredentialVerification.verify(presented(), Optional.of("U"), Optional.of(retired),
                Optional.of(issuedLater), VALID);
        assertEquals(List.of("key-active-at-issuance"), failed(verification));
    }

    @Test
    void without_a_registry_record_the_key_is_checked_at_valid_from() {
        SigningKey retired = new SigningKey("key-1", BODY, "ES256", "{}",
                new KeyValidity(KEY_ACTIVE_FROM, ISSUED_AT.minusSeconds(1)));
        Verification verification = CredentialVerification.verify(presented(), Optional.of("U"), Optional.of(retired),
                Optional.empty(), VALID);
        assertEquals(List.of("key-active-at-issuance", "registered-record", "status"), failed(verification));
        assertTrue(detail(verification, "key-active-at-issuance").startsWith(
                "valid from " + ISSUED_AT + " (not in the registry), when the key was not active"));
    }

    @Test
    void a_credential_that_differs_from_the_registered_one_fails_the_record_check() {
        RegistryRecord other = new RegistryRecord(CREDENTIAL, BODY, CredentialStatus.ACTIVE, ISSUED_AT, "other.signed.form");
        Verification verification = CredentialVerification.verify(presented(), Optional.of("U"), Optional.of(KEY),
                Optional.of(other), VALID);
        assertEquals(List.of("registered-record"), failed(verification));
        assertEquals("the presented credential differs from the one registered as " + CREDENTIAL,
                detail(verification, "registered-record"));
    }

    @Test
    void a_credential_registered_unsigned_cannot_be_matched() {
        RegistryRecord unsigned = new RegistryRecord(CREDENTIAL, BODY, CredentialStatus.ACTIVE, ISSUED_AT, null);
        Verification verification = CredentialVerification.verify(presented(), Optional.of("U"), Optional.of(KEY),
                Optional.of(unsigned), VALID);
        assertEquals(List.of("registered-record"), failed(verification));
    }

    @Test
    void a_revoked_or_suspended_credential_fails_the_status_check_saying_its_status() {
        for (CredentialStatus status : List.of(CredentialStatus.REVOKED, CredentialStatus.SUSPENDED)) {
            RegistryRecord record = new RegistryRecord(CREDENTIAL, BODY, status, ISSUED_AT, COMPACT);
            Verification verification = CredentialVerification.verify(presented(), Optional.of("U"), Optional.of(KEY),
                    Optional.of(record), VALID);
            assertEquals(List.of("status"), failed(verification));
            assertEquals("status is " + status, detail(verification, "status"));
            assertEquals(status, verification.status());
        }
    }

    @Test
    void what_is_not_a_jws_fails_every_check_and_says_why_the_others_did_not_run() {
        Verification verification = CredentialVerification.verify(
                PresentedCredential.unreadable("hello", "not a compact JWS: Invalid serialization"),
                Optional.empty(), Optional.empty(), Optional.empty(), NEVER);
        assertFalse(verification.verified());
        assertEquals(CredentialVerification.CHECKS, failed(verification));
        assertEquals("not a compact JWS: Invalid serialization", detail(verification, "format"));
        for (VerificationCheck check : verification.checks().subList(1, 7)) {
            assertTrue(check.detail().startsWith("not checked: "), check.toString());
        }
        assertNull(verification.credentialId());
    }

    @Test
    void a_malformed_header_fails_the_format_while_the_other_checks_still_run() {
        PresentedCredential.Claims good = PresentedCredentialTest.claims();
        PresentedCredential wrongType = PresentedCredential.read(COMPACT, new PresentedCredential.Claims("JWT", good.kid(),
                good.alg(), good.firstContext(), good.types(), good.id(), good.issuerId(), good.validFrom(), null));
        Verification verification = CredentialVerification.verify(wrongType, Optional.of("U"), Optional.of(KEY),
                Optional.of(RECORD), VALID);
        assertEquals(List.of("format"), failed(verification));
        assertEquals("header typ must be vc+jwt; was JWT", detail(verification, "format"));
    }

    @Test
    void verified_means_every_check_passed() {
        List<VerificationCheck> oneFailed = List.of(VerificationCheck.passed("a", "ok"), VerificationCheck.failed("b", "no"));
        assertFalse(Verification.of(null, null, null, oneFailed).verified());
        assertFalse(Verification.of(null, null, null, List.of()).verified());
        assertThrows(IllegalArgumentException.class, () -> new Verification(true, null, null, null, oneFailed));
        assertEquals("not checked: why", VerificationCheck.notChecked("c", "why").detail());
    }

    private static List<String> names(Verification verification) {
        return verification.checks().stream().map(VerificationCheck::name).toList();
    }

    private static List<String> failed(Verification verification) {
        return verification.checks().stream().filter(check -> !check.passed()).map(VerificationCheck::name).toList();
    }

    private static String detail(Verification verification, String check) {
        return verification.checks().stream().filter(each -> each.name().equals(check)).findFirst().orElseThrow().detail();
    }
}

package eu.microcredentials.registry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The form a presented VC-JWT must have; every problem is named, not only the first. */
class PresentedCredentialTest {
    static final String CREDENTIAL = "6f0f4d1e-58d7-4c39-9f2c-1d3f9e0c2b11";
    static final String BODY = "0b7d2c6a-3c1f-4f7e-8a55-92f0d3b1e4aa";

    static PresentedCredential.Claims claims() {
        return new PresentedCredential.Claims("vc+jwt", "key-1", "ES256", PresentedCredential.CONTEXT_V2,
                List.of("VerifiableCredential", "OpenBadgeCredential"), "urn:uuid:" + CREDENTIAL, "urn:uuid:" + BODY,
                "2026-03-14T10:15:30Z", null);
    }

    @Test
    void a_well_formed_vc_jwt_yields_its_ids_key_and_issuing_instant() {
        PresentedCredential presented = PresentedCredential.read("a.b.c", claims());
        assertTrue(presented.wellFormed(), presented.formatProblems().toString());
        assertEquals("key-1", presented.keyId());
        assertEquals("ES256", presented.algorithm());
        assertEquals(CREDENTIAL, presented.credentialId());
        assertEquals(BODY, presented.awardingBodyId());
        assertEquals(Instant.parse("2026-03-14T10:15:30Z"), presented.validFrom());
    }

    @Test
    void the_media_type_may_be_written_in_full_and_the_time_with_an_offset() {
        PresentedCredential presented = PresentedCredential.read("a.b.c", new PresentedCredential.Claims(
                "application/vc+jwt", "key-1", "EdDSA", PresentedCredential.CONTEXT_V2, List.of("VerifiableCredential"),
                "urn:uuid:" + CREDENTIAL, "urn:uuid:" + BODY, "2026-03-14T11:15:30+01:00", null));
        assertTrue(presented.wellFormed(), presented.formatProblems().toString());
        assertEquals(Instant.parse("2026-03-14T10:15:30Z"), presented.validFrom());
    }

    @Test
    void every_problem_is_named_and_what_is_malformed_stays_unknown() {
        PresentedCredential presented = PresentedCredential.read("a.b.c", new PresentedCredential.Claims(
                "JWT", null, "HS256", "https://www.w3.org/2018/credentials/v1", List.of("OpenBadgeCredential"),
                CREDENTIAL, "did:web:example.org", "14 March 2026", null));
        assertFalse(presented.wellFormed());
        assertEquals(List.of(
                "header typ must be vc+jwt; was JWT",
                "header has no kid naming the signing key",
                "header alg must be ES256 or EdDSA; was HS256",
                "@context must start with https://www.w3.org/ns/credentials/v2",
                "type must include VerifiableCredential",
                "id must be a urn:uuid: URN; was " + CREDENTIAL,
                "issuer.id must be a urn:uuid: URN; was did:web:example.org",
                "validFrom must be a date-time with a time zone; was 14 March 2026"), presented.formatProblems());
        assertNull(presented.keyId());
        assertNull(presented.credentialId());
        assertNull(presented.awardingBodyId());
        assertNull(presented.validFrom());
    }

    @Test
    void a_payload_that_is_not_an_object_is_one_problem_and_the_header_still_counts() {
        PresentedCredential presented = PresentedCredential.read("a.b.c", new PresentedCredential.Claims(
                "vc+jwt", "key-1", "ES256", null, null, null, null, null, "the JWS payload is not a JSON object"));
        assertEquals(List.of("the JWS payload is not a JSON object"), presented.formatProblems());
        assertEquals("key-1", presented.keyId());
        assertNull(presented.credentialId());
    }

    @Test
    void what_is_not_a_jws_has_nothing_to_read() {
        PresentedCredential presented = PresentedCredential.unreadable("hello", "not a compact JWS: no dots");
        assertEquals(List.of("not a compact JWS: no dots"), presented.formatProblems());
        assertNull(presented.keyId());
        assertNull(presented.awardingBodyId());
    }
}

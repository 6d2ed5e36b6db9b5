package eu.microcredentials.registry.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import eu.microcredentials.registry.domain.KeyValidity;
import eu.microcredentials.registry.domain.PresentedCredential;
import eu.microcredentials.registry.domain.SignatureVerifier;
import eu.microcredentials.registry.domain.SigningKey;
import eu.microcredentials.registry.support.VcJwts;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Reading a VC-JWT and checking its signature with Nimbus, without the registry around it. */
class VcJwtTest {
    private static final String CREDENTIAL = UUID.randomUUID().toString();
    private static final String BODY = UUID.randomUUID().toString();
    private static final Instant VALID_FROM = Instant.parse("2026-03-14T10:15:30Z");

    private static ObjectNode credential() {
        return VcJwts.credential(CREDENTIAL, BODY, "did:example:ada", VALID_FROM);
    }

    private static SigningKey published(JWK key, String algorithm) {
        return new SigningKey(key.getKeyID(), BODY, algorithm, key.toPublicJWK().toJSONString(),
                KeyValidity.activeSince(VALID_FROM.minusSeconds(3600)));
    }

    @Test
    void an_es256_vc_jwt_is_read_and_verifies_with_its_key() {
        ECKey key = VcJwts.p256Key();
        VcJwt jwt = VcJwt.read(VcJwts.sign(credential(), key));

        PresentedCredential presented = jwt.presented();
        assertTrue(presented.wellFormed(), presented.formatProblems().toString());
        assertEquals(CREDENTIAL, presented.credentialId());
        assertEquals(BODY, presented.awardingBodyId());
        assertEquals(key.getKeyID(), presented.keyId());
        assertEquals(VALID_FROM, presented.validFrom());
        SignatureVerifier.Outcome outcome = jwt.verify(published(key, "ES256"));
        assertTrue(outcome.valid(), outcome.detail());
    }

    @Test
    void an_eddsa_vc_jwt_verifies_with_its_ed25519_key() {
        OctetKeyPair key = VcJwts.ed25519Key();
        VcJwt jwt = VcJwt.read(VcJwts.sign(credential(), key));
        assertTrue(jwt.presented().wellFormed(), jwt.presented().formatProblems().toString());
        assertEquals("EdDSA", jwt.presented().algorithm());
        SignatureVerifier.Outcome outcome = jwt.verify(published(key, "EdDSA"));
        assertTrue(outcome.valid(), outcome.detail());
        assertFalse(VcJwt.read(VcJwts.tamper(VcJwts.sign(credential(), key), vc -> vc.put("name", "Forged")))
                .verify(published(key, "EdDSA")).valid());
    }

    @Test
    void a_changed_payload_under_the_original_signature_does_not_verify() {
        ECKey key = VcJwts.p256Key();
        String tampered = VcJwts.tamper(VcJwts.sign(credential(), key),
                vc -> ((ObjectNode) vc.get("credentialSubject")).put("id", "did:example:mallory"));
        VcJwt jwt = VcJwt.read(tampered);
        assertTrue(jwt.presented().wellFormed());
        SignatureVerifier.Outcome outcome = jwt.verify(published(key, "ES256"));
        assertFalse(outcome.valid());
        assertTrue(outcome.detail().startsWith("the signature does not verify with key " + key.getKeyID()), outcome.detail());
    }

    @Test
    void a_signature_by_another_key_under_the_same_kid_does_not_verify() {
        ECKey key = VcJwts.p256Key();
        VcJwt forged = VcJwt.read(VcJwts.sign(credential(), VcJwts.p256Key(), key.getKeyID()));
        assertFalse(forged.verify(published(key, "ES256")).valid());
    }

    @Test
    void a_header_algorithm_other_than_the_keys_fails_before_any_cryptography() {
        ECKey key = VcJwts.p256Key();
        SignatureVerifier.Outcome outcome = VcJwt.read(VcJwts.sign(credential(), key)).verify(published(key, "EdDSA"));
        assertFalse(outcome.valid());
        assertEquals("the credential is signed with ES256, but key " + key.getKeyID() + " is published for EdDSA",
                outcome.detail());
    }

    @Test
    void a_published_key_that_is_not_a_jwk_fails_the_signature_saying_so() {
        ECKey key = VcJwts.p256Key();
        SigningKey broken = new SigningKey(key.getKeyID(), BODY, "ES256", "{\"kty\":\"nonsense\"}",
                KeyValidity.activeSince(VALID_FROM));
        SignatureVerifier.Outcome outcome = VcJwt.read(VcJwts.sign(credential(), key)).verify(broken);
        assertFalse(outcome.valid());
        assertTrue(outcome.detail().startsWith("published key " + key.getKeyID() + " is not a readable JWK"), outcome.detail());
    }

    @Test
    void text_that_is_not_a_compact_jws_is_unreadable() {
        for (String text : List.of("hello", "a.b", "not.base64!.at-all", "e30.e30.e30.e30.e30")) {
            PresentedCredential presented = VcJwt.read(text).presented();
            assertFalse(presented.wellFormed(), text);
            assertTrue(presented.formatProblems().get(0).startsWith("not a compact JWS"), presented.formatProblems().toString());
        }
    }

    @Test
    void a_payload_that_is_not_a_json_object_is_named_as_such() {
        ECKey key = VcJwts.p256Key();
        String compact = VcJwts.sign(credential(), key);
        String[] parts = compact.split("\\.");
        String notJson = parts[0] + "." + Base64URL.encode("[1,2]") + "." + parts[2];
        PresentedCredential presented = VcJwt.read(notJson).presented();
        assertEquals(List.of("the JWS payload is not a JSON object"), presented.formatProblems());
        assertEquals(key.getKeyID(), presented.keyId());
    }
}

package eu.microcredentials.issuer.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/**
 * Checks a VC-JWT the way any verifier would, with plain Nimbus and nothing of the issuer's code:
 * the public key comes from the awarding body's published JWKs.
 */
public final class VerifiableCredentials {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VerifiableCredentials() {
    }

    /** A key as {@code GET /api/v1/awarding-bodies/{id}} publishes it. */
    public record PublishedKey(String keyId, String algorithm, ECKey publicKey, String activeFrom, String retiredAt) {
    }

    /** Every key the awarding body publishes, in the order it published them (the active one last). */
    public static List<PublishedKey> publishedKeys(String awardingBodyId) {
        List<Map<String, Object>> keys = given().when().get("/api/v1/awarding-bodies/{id}", awardingBodyId)
                .then().statusCode(200).extract().path("signingKeys");
        return keys.stream().map(key -> new PublishedKey((String) key.get("keyId"), (String) key.get("algorithm"),
                ecKey(castMap(key.get("publicJwk"))), (String) key.get("activeFrom"), (String) key.get("retiredAt")))
                .toList();
    }

    /** The key that signs now: the only one not retired. */
    public static PublishedKey activeKey(String awardingBodyId) {
        List<PublishedKey> active = publishedKeys(awardingBodyId).stream().filter(key -> key.retiredAt() == null).toList();
        if (active.size() != 1) {
            throw new AssertionError("expected exactly one active key of " + awardingBodyId + ", found " + active);
        }
        return active.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    private static ECKey ecKey(Map<String, Object> jwk) {
        try {
            return JWK.parse(jwk).toECKey();
        } catch (ParseException e) {
            throw new AssertionError("not a JWK: " + jwk, e);
        }
    }

    public static JWSObject parse(String compact) {
        try {
            return JWSObject.parse(compact);
        } catch (ParseException e) {
            throw new AssertionError("not a compact JWS: " + compact, e);
        }
    }

    /** Whether the signature of {@code compact} verifies with this public key. */
    public static boolean verifies(String compact, ECKey publicKey) {
        if (publicKey.isPrivate()) {
            throw new AssertionError("a published key holds private material: " + publicKey.getKeyID());
        }
        try {
            return parse(compact).verify(new ECDSAVerifier(publicKey));
        } catch (JOSEException e) {
            throw new AssertionError("cannot verify with " + publicKey.getKeyID(), e);
        }
    }

    /** The credential the JWT carries. */
    public static JsonNode payload(String compact) {
        try {
            return JSON.readTree(parse(compact).getPayload().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package eu.microcredentials.registry.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import eu.microcredentials.registry.domain.PresentedCredential;
import eu.microcredentials.registry.domain.SignatureVerifier;
import eu.microcredentials.registry.domain.SigningKey;
import java.io.IOException;
import java.security.Provider;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * A presented VC-JOSE JWT, read with Nimbus: the claims the domain checks, and the signature check
 * with a published key (ES256 on P-256 with {@link ECDSAVerifier}, EdDSA on Ed25519 with
 * {@link Ed25519Verifier}).
 */
final class VcJwt implements SignatureVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    // ES256 checks by Bouncy Castle's P-256 (for Nimbus only, not installed for the JVM): on Java 17 about
    // four times as fast as the JDK's own (docs/benchmarks.md)
    private static final Provider P256 = new BouncyCastleProvider();
    private static final int VERIFIERS_KEPT = 10_000;
    private static final Map<String, JWSVerifier> VERIFIERS = new ConcurrentHashMap<>();

    private final JWSObject jws;
    private final PresentedCredential presented;

    private VcJwt(JWSObject jws, PresentedCredential presented) {
        this.jws = jws;
        this.presented = presented;
    }

    static VcJwt read(String compact) {
        JWSObject jws;
        try {
            jws = JWSObject.parse(compact);
        } catch (ParseException | RuntimeException e) {
            return new VcJwt(null, PresentedCredential.unreadable(compact, "not a compact JWS: " + e.getMessage()));
        }
        JWSHeader header = jws.getHeader();
        JOSEObjectType type = header.getType();
        JsonNode payload = payload(jws);
        String payloadProblem = payload != null && payload.isObject() ? null : "the JWS payload is not a JSON object";
        JsonNode claims = payloadProblem == null ? payload : JSON.createObjectNode();
        PresentedCredential.Claims read = new PresentedCredential.Claims(
                type == null ? null : type.getType(), header.getKeyID(), header.getAlgorithm().getName(),
                firstContext(claims.get("@context")), types(claims.get("type")), text(claims.get("id")),
                issuerId(claims.get("issuer")), text(claims.get("validFrom")), payloadProblem);
        return new VcJwt(jws, PresentedCredential.read(compact, read));
    }

    PresentedCredential presented() {
        return presented;
    }

    @Override
    public Outcome verify(SigningKey key) {
        if (jws == null) {
            return Outcome.invalid("not checked: the credential is not a compact JWS");
        }
        String algorithm = jws.getHeader().getAlgorithm().getName();
        if (!algorithm.equals(key.algorithm())) {
            return Outcome.invalid("the credential is signed with " + algorithm + ", but key " + key.keyId()
                    + " is published for " + key.algorithm());
        }
        JWSVerifier verifier;
        try {
            verifier = verifierFor(key.publicJwk());
        } catch (ParseException e) {
            return Outcome.invalid("published key " + key.keyId() + " is not a readable JWK: " + e.getMessage());
        } catch (JOSEException | LinkageError e) {
            return Outcome.invalid("published key " + key.keyId() + " cannot verify " + algorithm + ": " + e.getMessage());
        }
        if (verifier == null) {
            return Outcome.invalid("published key " + key.keyId() + " is neither a P-256 nor an Ed25519 key");
        }
        try {
            return jws.verify(verifier)
                    ? Outcome.valid("the signature verifies with key " + key.keyId() + " (" + algorithm + ")")
                    : Outcome.invalid("the signature does not verify with key " + key.keyId()
                            + ": the credential was altered, or signed with another key");
        } catch (JOSEException | RuntimeException e) {
            return Outcome.invalid("the signature cannot be checked with key " + key.keyId() + ": " + e.getMessage());
        }
    }

    /** The verifier of a published key, made once per key (making one converts the key). */
    private static JWSVerifier verifierFor(String publicJwk) throws ParseException, JOSEException {
        JWSVerifier known = VERIFIERS.get(publicJwk);
        if (known != null) {
            return known;
        }
        JWSVerifier verifier = verifierFor(JWK.parse(publicJwk));
        if (verifier != null) {
            if (VERIFIERS.size() >= VERIFIERS_KEPT) {
                VERIFIERS.clear();
            }
            VERIFIERS.put(publicJwk, verifier);
        }
        return verifier;
    }

    /** Null for a key type the platform does not sign with. */
    private static JWSVerifier verifierFor(JWK jwk) throws JOSEException {
        if (jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
            ECDSAVerifier verifier = new ECDSAVerifier(ec.toPublicJWK());
            verifier.getJCAContext().setProvider(P256);
            return verifier;
        }
        if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
            return new Ed25519Verifier(okp.toPublicJWK());
        }
        return null;
    }

    private static JsonNode payload(JWSObject jws) {
        try {
            return JSON.readTree(jws.getPayload().toBytes());
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static String firstContext(JsonNode context) {
        if (context != null && context.isArray()) {
            return context.isEmpty() ? null : text(context.get(0));
        }
        return text(context);
    }

    private static List<String> types(JsonNode type) {
        if (type != null && type.isTextual()) {
            return List.of(type.textValue());
        }
        if (type == null || !type.isArray()) {
            return null;
        }
        List<String> types = new ArrayList<>();
        for (JsonNode each : type) {
            if (!each.isTextual()) {
                return null;
            }
            types.add(each.textValue());
        }
        return types;
    }

    /** VC 2.0 allows the issuer as an object with an id, or as the URL alone. */
    private static String issuerId(JsonNode issuer) {
        return issuer != null && issuer.isObject() ? text(issuer.get("id")) : text(issuer);
    }
}

package eu.microcredentials.registry.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/** Signed credentials as the issuer makes them: W3C VC 2.0 secured as VC-JOSE JWT (compact JWS, typ vc+jwt). */
public final class VcJwts {
    public static final JOSEObjectType VC_JWT = new JOSEObjectType("vc+jwt");
    private static final ObjectMapper JSON = new ObjectMapper();

    private VcJwts() {
    }

    /** A fresh P-256 key pair with a unique kid. */
    public static ECKey p256Key() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("key-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh Ed25519 key pair with a unique kid. */
    public static OctetKeyPair ed25519Key() {
        try {
            return new OctetKeyPairGenerator(Curve.Ed25519).keyID("key-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The credential a VC-JWT carries, as the issuer writes it. */
    public static ObjectNode credential(String credentialId, String awardingBodyId, String learner, Instant validFrom) {
        ObjectNode vc = JSON.createObjectNode();
        vc.putArray("@context").add("https://www.w3.org/ns/credentials/v2")
                .add("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
        vc.put("id", "urn:uuid:" + credentialId);
        vc.putArray("type").add("VerifiableCredential").add("OpenBadgeCredential");
        ObjectNode issuer = vc.putObject("issuer");
        issuer.put("id", "urn:uuid:" + awardingBodyId);
        issuer.putArray("type").add("Profile");
        issuer.put("name", "Universiteit van Test");
        vc.put("validFrom", validFrom.toString());
        vc.put("name", "Data Ethics for Engineers");
        ObjectNode subject = vc.putObject("credentialSubject");
        subject.put("id", learner);
        subject.putArray("type").add("AchievementSubject");
        subject.putObject("achievement").put("name", "Data Ethics for Engineers").put("creditsAvailable", 5.0);
        ObjectNode status = vc.putArray("credentialStatus").addObject();
        status.put("type", "BitstringStatusListEntry").put("statusPurpose", "revocation").put("statusListIndex", "42")
                .put("statusListCredential", "https://registry.example.org/status/revocation/1");
        return vc;
    }

    /** Signs with the key, naming it by its own kid. */
    public static String sign(ObjectNode credential, JWK key) {
        return sign(credential, key, key.getKeyID());
    }

    /** Signs with the key, naming whatever kid the test wants. */
    public static String sign(ObjectNode credential, JWK key, String kid) {
        JWSAlgorithm algorithm = key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.EdDSA;
        JWSHeader header = new JWSHeader.Builder(algorithm).type(VC_JWT).keyID(kid).build();
        JWSObject jws = new JWSObject(header, new Payload(credential.toString()));
        try {
            JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new Ed25519Signer((OctetKeyPair) key);
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jws.serialize();
    }

    /** The same header and signature around a payload changed by {@code change}: what a forger would present. */
    public static String tamper(String compact, Consumer<ObjectNode> change) {
        String[] parts = compact.split("\\.");
        try {
            ObjectNode payload = (ObjectNode) JSON.readTree(Base64URL.from(parts[1]).decode());
            change.accept(payload);
            return parts[0] + "." + Base64URL.encode(payload.toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

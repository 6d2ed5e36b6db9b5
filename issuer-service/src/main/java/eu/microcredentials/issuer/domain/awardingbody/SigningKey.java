package eu.microcredentials.issuer.domain.awardingbody;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A public signing key of an awarding body, published as a JWK. Active from {@code activeFrom}
 * until it is retired; a retired key stays published so that what it signed still verifies.
 */
public record SigningKey(String keyId, String algorithm, Map<String, Object> publicJwk, Instant activeFrom,
                         Instant retiredAt) {
    public SigningKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        publicJwk = Map.copyOf(publicJwk);
        Objects.requireNonNull(activeFrom, "activeFrom");
        refusePrivateMaterial(publicJwk);
    }

    private static void refusePrivateMaterial(Map<String, Object> jwk) {
        if (jwk.containsKey("d")) {
            throw new IllegalArgumentException("a published key must not contain private material");
        }
    }

    public boolean activeAt(Instant instant) {
        return !instant.isBefore(activeFrom) && (retiredAt == null || instant.isBefore(retiredAt));
    }

    SigningKey retire(Instant at) {
        return new SigningKey(keyId, algorithm, publicJwk, activeFrom, at);
    }

    /** A newly generated key's public half, as a command carries it. */
    public record PublicKey(String keyId, String algorithm, Map<String, Object> publicJwk) {
        public PublicKey {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(algorithm, "algorithm");
            publicJwk = Map.copyOf(publicJwk);
            // a command must not carry what its event would publish
            refusePrivateMaterial(publicJwk);
        }
    }
}

package eu.microcredentials.registry.domain;

import java.util.Objects;

/**
 * A signing key an awarding body published: its key id (the JOSE {@code kid}), its JOSE algorithm, its
 * public JWK as JSON text, and when it signs.
 */
public record SigningKey(String keyId, String awardingBodyId, String algorithm, String publicJwk, KeyValidity validity) {

    public SigningKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(awardingBodyId, "awardingBodyId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicJwk, "publicJwk");
        Objects.requireNonNull(validity, "validity");
    }

    public boolean publishedBy(String awardingBody) {
        return awardingBodyId.equals(awardingBody);
    }
}

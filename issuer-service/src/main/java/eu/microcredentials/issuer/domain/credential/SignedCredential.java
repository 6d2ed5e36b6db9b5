package eu.microcredentials.issuer.domain.credential;

import java.net.URI;
import java.util.Objects;

/**
 * The credential as its awarding body signed it: a W3C Verifiable Credential secured as a compact
 * VC-JOSE JWT, the key that signed it, and its reserved index in the awarding body's two Bitstring
 * status lists (revocation and suspension) named by their URLs.
 */
public record SignedCredential(String compactJwt, String keyId, long statusListIndex, URI revocationList,
                               URI suspensionList) {
    public static final int STATUS_LIST_SIZE = 131_072;

    public SignedCredential {
        Objects.requireNonNull(compactJwt, "compactJwt");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(revocationList, "revocationList");
        Objects.requireNonNull(suspensionList, "suspensionList");
        if (statusListIndex < 0 || statusListIndex >= STATUS_LIST_SIZE) {
            throw new IllegalArgumentException("status list index must be 0 to " + (STATUS_LIST_SIZE - 1));
        }
    }
}

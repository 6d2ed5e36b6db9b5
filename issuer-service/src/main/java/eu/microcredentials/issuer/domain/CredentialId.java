package eu.microcredentials.issuer.domain;

import java.util.UUID;

/** Identifies an issued micro-credential. */
public record CredentialId(UUID value) {
    public CredentialId {
        if (value == null) {
            throw new IllegalArgumentException("a credential id is required");
        }
    }

    public static CredentialId parse(String text) {
        try {
            return new CredentialId(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("must be a UUID; was " + text);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

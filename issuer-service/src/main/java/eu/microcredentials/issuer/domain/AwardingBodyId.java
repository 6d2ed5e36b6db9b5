package eu.microcredentials.issuer.domain;

import java.util.UUID;

/** Identifies an awarding body (a university, a training provider) on the platform. */
public record AwardingBodyId(UUID value) {
    public AwardingBodyId {
        if (value == null) {
            throw new IllegalArgumentException("an awarding body id is required");
        }
    }

    public static AwardingBodyId parse(String text) {
        try {
            return new AwardingBodyId(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("must be a UUID; was " + text);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

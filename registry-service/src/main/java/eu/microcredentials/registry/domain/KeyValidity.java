package eu.microcredentials.registry.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * When a signing key signs: from {@code activeFrom} (inclusive) until {@code retiredAt} (exclusive), or
 * without end while it is not retired. A retired key stays published: what it signed while active still
 * verifies, what carries a later issuing instant does not.
 */
public record KeyValidity(Instant activeFrom, Instant retiredAt) {

    public KeyValidity {
        Objects.requireNonNull(activeFrom, "activeFrom");
    }

    public static KeyValidity activeSince(Instant activeFrom) {
        return new KeyValidity(activeFrom, null);
    }

    public boolean activeAt(Instant at) {
        Objects.requireNonNull(at, "at");
        return !at.isBefore(activeFrom) && (retiredAt == null || at.isBefore(retiredAt));
    }

    public boolean retired() {
        return retiredAt != null;
    }

    /** E.g. "active from 2026-01-01T00:00:00Z until 2026-06-01T00:00:00Z" or "active from … and not retired". */
    public String describe() {
        return retiredAt == null ? "active from " + activeFrom + " and not retired"
                : "active from " + activeFrom + " until " + retiredAt;
    }
}

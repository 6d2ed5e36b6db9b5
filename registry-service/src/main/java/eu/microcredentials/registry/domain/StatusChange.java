package eu.microcredentials.registry.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The latest change of a credential's status as the registry recorded it: why, from when it takes
 * effect (a revocation may be retroactive) and when it was recorded. Shown only to registry operators.
 */
public record StatusChange(String reason, Instant effectiveFrom, Instant recordedAt) {

    public StatusChange {
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}

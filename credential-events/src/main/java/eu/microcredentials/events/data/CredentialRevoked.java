package eu.microcredentials.events.data;

import java.time.Instant;

/** A credential was revoked (irreversible), from {@code effectiveFrom}, which may lie before {@code revokedAt}. */
public record CredentialRevoked(
        String credentialId,
        String awardingBodyId,
        String reason,
        Instant effectiveFrom,
        String actor,
        String supersededBy,
        Instant revokedAt) implements EventData {

    @Override
    public String streamId() {
        return credentialId;
    }
}

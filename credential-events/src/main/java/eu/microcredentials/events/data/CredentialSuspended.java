package eu.microcredentials.events.data;

import java.time.Instant;

/** A credential was suspended (reversible). */
public record CredentialSuspended(String credentialId, String awardingBodyId, String reason, String actor,
                                  Instant suspendedAt) implements EventData {

    @Override
    public String streamId() {
        return credentialId;
    }
}

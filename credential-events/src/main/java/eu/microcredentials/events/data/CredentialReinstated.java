package eu.microcredentials.events.data;

import java.time.Instant;

/** A suspended credential was reinstated. */
public record CredentialReinstated(String credentialId, String awardingBodyId, String reason, String actor,
                                   Instant reinstatedAt) implements EventData {

    @Override
    public String streamId() {
        return credentialId;
    }
}

package eu.microcredentials.eventsourcing;

import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.EventJson;
import eu.microcredentials.events.EventType;
import eu.microcredentials.events.data.CredentialSuspended;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** Small, contract-valid events for the kernel's tests. */
final class Events {
    private Events() {
    }

    static PendingEvent suspension(String credentialId, String awardingBodyId, String reason) {
        Instant now = Instant.now();
        return new PendingEvent(new CredentialSuspended(credentialId, awardingBodyId, reason, "kernel-test", now), now,
                awardingBodyId, "PT");
    }

    static EventEnvelope envelope(String credentialId, String awardingBodyId, long sequence, String reason) {
        Instant now = Instant.now();
        return new EventEnvelope(UUID.randomUUID(), URI.create("/kernel-test"), EventType.CREDENTIAL_SUSPENDED,
                credentialId, now.atOffset(ZoneOffset.UTC), sequence, awardingBodyId, "PT",
                EventJson.write(new CredentialSuspended(credentialId, awardingBodyId, reason, "kernel-test", now)));
    }
}

package eu.microcredentials.eventsourcing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.microcredentials.events.ContractViolation;
import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.data.CredentialSuspended;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The event store on a real PostgreSQL: versioned streams, optimistic concurrency, append-only. */
class EventStoreIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static KernelInfrastructure infra;
    private final EventStore store = new EventStore(URI.create("/kernel-test"));

    @BeforeAll
    static void database() {
        infra = KernelInfrastructure.freshDatabase();
    }

    @AfterAll
    static void dropDatabase() {
        infra.close();
    }

    @Test
    void appendsAndLoadsAStreamInVersionOrder() {
        String stream = UUID.randomUUID().toString();
        String body = UUID.randomUUID().toString();
        append(stream, 0, List.of(Events.suspension(stream, body, "one"), Events.suspension(stream, body, "two")));
        append(stream, 2, List.of(Events.suspension(stream, body, "three")));

        List<EventEnvelope> events = store.load(infra.pool, stream).await().atMost(TIMEOUT);

        assertEquals(List.of(1L, 2L, 3L), events.stream().map(EventEnvelope::sequence).toList());
        assertEquals(List.of("one", "two", "three"),
                events.stream().map(e -> ((CredentialSuspended) e.decode()).reason()).toList());
        assertEquals(URI.create("/kernel-test"), events.get(0).source());
        assertEquals("PT", events.get(0).country());
        assertEquals(body, events.get(0).awardingBody());
    }

    @Test
    void aDecisionOnAStaleVersionIsRefusedAndWritesNothing() {
        String stream = UUID.randomUUID().toString();
        String body = UUID.randomUUID().toString();
        append(stream, 0, List.of(Events.suspension(stream, body, "first writer")));

        Throwable failure = assertThrows(Throwable.class,
                () -> append(stream, 0, List.of(Events.suspension(stream, body, "second writer"))));

        assertInstanceOf(ConcurrentAppend.class, failure instanceof CompletionException ? failure.getCause() : failure);
        assertEquals(1, store.load(infra.pool, stream).await().atMost(TIMEOUT).size());
    }

    @Test
    void storedEventsCanBeNeitherUpdatedNorDeleted() {
        String stream = UUID.randomUUID().toString();
        append(stream, 0, List.of(Events.suspension(stream, UUID.randomUUID().toString(), "kept")));

        for (String tampering : List.of(
                "UPDATE event_store SET data = '{}' WHERE stream_id = '" + stream + "'",
                "DELETE FROM event_store WHERE stream_id = '" + stream + "'",
                "TRUNCATE event_store")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> infra.sql(tampering));
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        }
        assertEquals(1, store.load(infra.pool, stream).await().atMost(TIMEOUT).size());
    }

    @Test
    void anEventThatBreaksTheContractIsNeverStored() {
        String stream = UUID.randomUUID().toString();
        PendingEvent broken = new PendingEvent(new CredentialSuspended(stream, null, "no awarding body", "kernel-test",
                Instant.now()), Instant.now(), null, null);

        assertThrows(ContractViolation.class, () -> append(stream, 0, List.of(broken)));
        assertEquals(0, infra.count("SELECT count(*) FROM event_store WHERE stream_id = '" + stream + "'"));
    }

    private void append(String stream, long expectedVersion, List<PendingEvent> events) {
        infra.pool.withTransaction(tx -> store.append(tx, "credential", stream, expectedVersion, events))
                .await().atMost(TIMEOUT);
    }
}

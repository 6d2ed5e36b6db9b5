package eu.microcredentials.eventsourcing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.EventHashChain;
import eu.microcredentials.events.EventJson;
import eu.microcredentials.events.EventType;
import eu.microcredentials.events.KafkaCloudEvents;
import eu.microcredentials.events.Topic;
import eu.microcredentials.events.data.CredentialSuspended;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tamper evidence on real PostgreSQL and Kafka: intact chains pass, a changed or missing event is named. */
class HashChainAuditIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String TOPIC = Topic.CREDENTIALS.topicName();
    // a source of its own: the audit checks only the records this "service" published
    private final URI source = URI.create("/audit-test-" + UUID.randomUUID());
    private final EventStore store = new EventStore(source);
    private final String body = UUID.randomUUID().toString();
    private KernelInfrastructure infra;
    private Producer<String, byte[]> producer;
    private HashChainAudit audit;

    @BeforeEach
    void infrastructure() {
        infra = KernelInfrastructure.freshDatabase();
        producer = infra.producer();
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, KernelInfrastructure.KAFKA))) {
            KafkaTopics.ensure(admin, List.of(TOPIC), 6, (short) 1);
        }
        audit = new HashChainAudit(infra.pool, source, KernelInfrastructure.KAFKA);
    }

    @AfterEach
    void close() {
        producer.close();
        infra.close();
    }

    @Test
    void chainsOfUntouchedEventsAreIntactInTheStoreAndOnTheTopic() {
        stream(3);
        stream(1);
        stream(4);
        transaction(tx -> store.appendNewStreams(tx, "credential",
                List.of(Events.suspension(UUID.randomUUID().toString(), body, "bulk"))).await().atMost(TIMEOUT));
        publishAll();

        HashChainAudit.Report report = audit.verify();

        assertTrue(report.intact(), report.toString());
        assertEquals(9, report.store().events());
        assertEquals(4, report.store().streams());
        assertEquals(0, report.store().unchained());
        assertEquals(1, report.topics().size());
        HashChainAudit.TopicChains topic = report.topics().get(0);
        assertEquals(TOPIC, topic.topic());
        assertEquals(9, topic.records(), "every published event of this source was checked");
        assertEquals(0, topic.unchained());
    }

    @Test
    void eachEventCarriesTheHashOfItsPredecessorOnKafka() {
        String stream = stream(3);
        publishAll();

        List<EventHashChain.Link> links = TopicReader.read(TOPIC, r -> stream.equals(r.key()), 3, Duration.ofSeconds(30))
                .stream().map(r -> EventHashChain.readFrom(r).orElseThrow()).toList();
        List<EventEnvelope> stored = store.load(infra.pool, stream).await().atMost(TIMEOUT);

        assertEquals(3, links.size());
        assertNull(links.get(0).previousHash(), "a stream's first event has no predecessor");
        assertEquals(links.get(0).hash(), links.get(1).previousHash());
        assertEquals(links.get(1).hash(), links.get(2).previousHash());
        assertEquals(EventHashChain.hash(links.get(1).hash(), stored.get(2)), links.get(2).hash(),
                "anyone can recompute the hash from the event and its predecessor's hash");
    }

    @Test
    void aStoredEventChangedBehindTheStoresBackIsNamed() {
        stream(2);
        String tampered = stream(3);
        stream(2);
        tamper("UPDATE event_store SET data = replace(data::text, 'reason 2', 'reason X')::json "
                + "WHERE stream_id = '" + tampered + "' AND version = 2");

        HashChainAudit.StoreChains chains = audit.verifyStore();

        assertNotNull(chains.firstBreak(), chains.toString());
        assertEquals(tampered, chains.firstBreak().streamId());
        assertEquals(2, chains.firstBreak().version());
        assertTrue(chains.firstBreak().problem().contains("content does not match its hash"), chains.firstBreak().problem());
    }

    @Test
    void aDeletedStoredEventIsNamed() {
        String tampered = stream(3);
        tamper("DELETE FROM event_store WHERE stream_id = '" + tampered + "' AND version = 2");

        HashChainAudit.StoreChains chains = audit.verifyStore();

        assertEquals(tampered, chains.firstBreak().streamId());
        assertEquals(3, chains.firstBreak().version());
        assertTrue(chains.firstBreak().problem().contains("missing"), chains.firstBreak().problem());
    }

    @Test
    void aForgedRecordOnTheTopicIsNamedWithItsOffset() throws Exception {
        String stream = stream(2);
        publishAll();
        List<EventEnvelope> stored = store.load(infra.pool, stream).await().atMost(TIMEOUT);
        String headHash = EventHashChain.hash(EventHashChain.hash(null, stored.get(0)), stored.get(1));
        // a third event that claims the right predecessor but whose hash was made for other content
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        EventEnvelope forged = new EventEnvelope(UUID.randomUUID(), source, EventType.CREDENTIAL_SUSPENDED, stream,
                now.atOffset(ZoneOffset.UTC), 3, body, "PT",
                EventJson.write(new CredentialSuspended(stream, body, "forged", "intruder", now)));
        ProducerRecord<String, byte[]> record = KafkaCloudEvents.toRecord(forged);
        EventHashChain.addTo(record.headers(), new EventHashChain.Link("0".repeat(64), headHash));
        long offset = producer.send(record).get().offset();

        HashChainAudit.TopicChains chains = audit.verifyTopic(TOPIC);

        assertNotNull(chains.firstBreak(), chains.toString());
        assertEquals(stream, chains.firstBreak().streamId());
        assertEquals(3, chains.firstBreak().version());
        assertTrue(chains.firstBreak().location().endsWith("@" + offset), chains.firstBreak().location());
        assertTrue(chains.firstBreak().problem().contains("content does not match its hash"), chains.firstBreak().problem());
    }

    @Test
    void theExportedLogHasEachEventOfTheRangeWithItsDataAsStoredAndItsLink() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        String stream = stream(3);
        Instant after = Instant.now().plusSeconds(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long written = new EventLogExport(infra.pool).write(out, before, after);

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, written);
        assertEquals(3, lines.size());
        ObjectMapper json = new ObjectMapper();
        List<EventEnvelope> stored = store.load(infra.pool, stream).await().atMost(TIMEOUT);
        String previous = null;
        for (int i = 0; i < 3; i++) {
            JsonNode line = json.readTree(lines.get(i));
            assertEquals(stream, line.get("subject").asText());
            assertEquals(i + 1, line.get("sequence").asLong());
            assertEquals(json.readTree(stored.get(i).data()), line.get("data"));
            assertEquals(previous == null, line.get("prevhash").isNull());
            String hash = EventHashChain.hash(previous, stored.get(i));
            assertEquals(hash, line.get("hash").asText(), "an auditor can recompute each link from the export");
            previous = hash;
        }
        assertEquals(0, new EventLogExport(infra.pool).write(new ByteArrayOutputStream(), after, after.plusSeconds(60)),
                "nothing recorded in a later range");
    }

    /** A new stream of {@code versions} events, appended one transaction per event. */
    private String stream(int versions) {
        String stream = UUID.randomUUID().toString();
        for (int version = 0; version < versions; version++) {
            long expected = version;
            transaction(tx -> store.append(tx, "credential", stream, expected,
                    List.of(Events.suspension(stream, body, "reason " + (expected + 1)))).await().atMost(TIMEOUT));
        }
        return stream;
    }

    private void publishAll() {
        OutboxRelay relay = new OutboxRelay("audit-test", infra.pool, producer, 100, Duration.ofMillis(10), Duration.ofMillis(10), infra.meters);
        while (relay.publishNextBatch() > 0) {
            // until the store is published
        }
    }

    /** Changes the store as only someone with the database owner's rights could: with its guard switched off. */
    private void tamper(String statement) {
        infra.sql("ALTER TABLE event_store DISABLE TRIGGER event_store_no_update_or_delete");
        infra.sql(statement);
        infra.sql("ALTER TABLE event_store ENABLE TRIGGER event_store_no_update_or_delete");
    }

    private void transaction(Consumer<SqlConnection> work) {
        SqlConnection connection = infra.pool.getConnection().await().atMost(TIMEOUT);
        try {
            Transaction tx = connection.begin().await().atMost(TIMEOUT);
            work.accept(connection);
            tx.commit().await().atMost(TIMEOUT);
        } finally {
            connection.close().await().atMost(TIMEOUT);
        }
    }
}

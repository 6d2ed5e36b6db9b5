package eu.microcredentials.eventsourcing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.KafkaCloudEvents;
import eu.microcredentials.events.Topic;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transactional outbox on real PostgreSQL and Kafka: what commits is published once, in stream order; nothing else is. */
class OutboxRelayIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private KernelInfrastructure infra;
    private Producer<String, byte[]> producer;
    private final EventStore store = new EventStore(URI.create("/kernel-test"));

    @BeforeEach
    void infrastructure() {
        infra = KernelInfrastructure.freshDatabase();
        producer = infra.producer();
        // the broker creates no topic by itself (as in production): the kernel creates the contract's topics
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, KernelInfrastructure.KAFKA))) {
            KafkaTopics.ensure(admin, List.of(Topic.CREDENTIALS.topicName()), 6, (short) 1);
        }
    }

    @AfterEach
    void close() {
        producer.close();
        infra.close();
    }

    @Test
    void publishesEveryCommittedEventOnceInStreamOrderAsACloudEvent() {
        String body = UUID.randomUUID().toString();
        List<String> streams = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        for (int version = 0; version < 5; version++) {
            for (String stream : streams) {
                append(stream, version, body);
            }
        }
        OutboxRelay relay = relay();

        drain(relay);

        List<ConsumerRecord<String, byte[]>> published = published(Set.copyOf(streams), 15);
        assertEquals(15, published.size());
        Map<String, List<Long>> sequences = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : published) {
            EventEnvelope event = KafkaCloudEvents.fromRecord(record);
            sequences.computeIfAbsent(event.subject(), s -> new ArrayList<>()).add(event.sequence());
            assertEquals(body, event.awardingBody());
            assertEquals("application/json", header(record, "content-type"));
        }
        for (String stream : streams) {
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), sequences.get(stream), "order of stream " + stream);
        }
        assertEquals(0, relay.publishNextBatch(), "a second round publishes nothing again");
    }

    @Test
    void anEventWhoseTransactionRolledBackIsNeverPublished() {
        String body = UUID.randomUUID().toString();
        String rolledBack = UUID.randomUUID().toString();
        String committed = UUID.randomUUID().toString();
        SqlConnection connection = infra.pool.getConnection().await().atMost(TIMEOUT);
        Transaction transaction = connection.begin().await().atMost(TIMEOUT);
        store.append(connection, "credential", rolledBack, 0, List.of(Events.suspension(rolledBack, body, "undone")))
                .await().atMost(TIMEOUT);
        transaction.rollback().await().atMost(TIMEOUT);
        connection.close().await().atMost(TIMEOUT);
        append(committed, 0, body);

        drain(relay());

        List<ConsumerRecord<String, byte[]>> published = published(Set.of(rolledBack, committed), 1);
        assertEquals(List.of(committed), published.stream().map(ConsumerRecord::key).toList());
    }

    @Test
    void aStreamsNextVersionAppendedByAnOlderTransactionIsStillPublishedAfterTheVersionBeforeIt() {
        String body = UUID.randomUUID().toString();
        String stream = UUID.randomUUID().toString();
        // a projection reacting to events takes its transaction id early (its bookkeeping writes first)
        SqlConnection reacting = infra.pool.getConnection().await().atMost(TIMEOUT);
        Transaction reaction = reacting.begin().await().atMost(TIMEOUT);
        reacting.query("SELECT pg_current_xact_id()").execute().await().atMost(TIMEOUT);
        append(stream, 0, body); // version 1, committed by a later transaction
        store.append(reacting, "credential", stream, 1, List.of(Events.suspension(stream, body, "v2")))
                .await().atMost(TIMEOUT);
        reaction.commit().await().atMost(TIMEOUT);
        reacting.close().await().atMost(TIMEOUT);

        drain(relay());

        List<Long> sequences = published(Set.of(stream), 2).stream()
                .map(record -> KafkaCloudEvents.fromRecord(record).sequence()).toList();
        assertEquals(List.of(1L, 2L), sequences, "the topic has the stream in version order");
    }

    @Test
    void anEventCommittedBeforeAnOlderTransactionIsHeldBackUntilThatOneCommits() {
        String body = UUID.randomUUID().toString();
        String older = UUID.randomUUID().toString();
        String newer = UUID.randomUUID().toString();
        SqlConnection slow = infra.pool.getConnection().await().atMost(TIMEOUT);
        Transaction slowTransaction = slow.begin().await().atMost(TIMEOUT);
        store.append(slow, "credential", older, 0, List.of(Events.suspension(older, body, "older")))
                .await().atMost(TIMEOUT);
        append(newer, 0, body); // commits first, with a later transaction id
        OutboxRelay relay = relay();

        assertEquals(0, relay.publishNextBatch(), "nothing may pass the open older transaction");
        slowTransaction.commit().await().atMost(TIMEOUT);
        slow.close().await().atMost(TIMEOUT);
        drain(relay);

        List<ConsumerRecord<String, byte[]>> published = published(Set.of(older, newer), 2);
        assertEquals(Set.of(older, newer), published.stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
        assertEquals(2, published.size());
    }

    @Test
    void twoInstancesPublishingAtOnceStillPublishEachEventOnce() throws Exception {
        String body = UUID.randomUUID().toString();
        Set<String> streams = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            String stream = UUID.randomUUID().toString();
            streams.add(stream);
            append(stream, 0, body);
        }
        OutboxRelay first = relay();
        OutboxRelay second = relay();
        AtomicInteger total = new AtomicInteger();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (OutboxRelay relay : List.of(first, second)) {
                workers.add(pool.submit(() -> {
                    while (total.get() < 200 && System.nanoTime() < deadline) {
                        int published = relay.publishNextBatch();
                        total.addAndGet(published);
                        if (published == 0) {
                            // as the relay's own loop pauses: a loser spinning on the lock starves the holder on 2 cores
                            Thread.sleep(5);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, total.get(), "the two instances together published each event once");
        assertEquals(0, first.publishNextBatch() + second.publishNextBatch(), "and nothing more");
        List<ConsumerRecord<String, byte[]>> published = published(streams, 200);
        assertEquals(200, published.size());
        assertEquals(streams, published.stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
        assertTrue(infra.count("SELECT published FROM outbox_relay_checkpoint") == 200);
    }

    @Test
    void aRunningRelayIsWokenByTheCommitOfAnAppendInsteadOfWaitingOutItsIdlePause() {
        String body = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        append(first, 0, body);
        // it would look again only after a minute if nothing woke it
        try (OutboxRelay relay = new OutboxRelay("kernel-test", infra.pool, producer, 7, Duration.ofMillis(10),
                Duration.ofMinutes(1), infra.meters)) {
            relay.start();
            assertEquals(List.of(first), published(Set.of(first), 1).stream().map(ConsumerRecord::key).toList());
            // it listens from before its first round, which published the first event; nothing has woken it since,
            // so it sleeps now, and only a notification brings it back before its idle pause
            Eventually.until(Duration.ofSeconds(10), "the relay listens", relay::isListening);

            append(second, 0, body);

            List<ConsumerRecord<String, byte[]>> published = TopicReader.read(Topic.CREDENTIALS.topicName(),
                    record -> record.key().equals(second), 1, Duration.ofSeconds(20));
            assertEquals(List.of(second), published.stream().map(ConsumerRecord::key).toList(),
                    "published within 20 s, a third of the idle pause: the commit woke the relay");
        }
    }

    private OutboxRelay relay() {
        // batches of 7 so that several rounds are needed
        return new OutboxRelay("kernel-test", infra.pool, producer, 7, Duration.ofMillis(10), Duration.ofMillis(10), infra.meters);
    }

    private void drain(OutboxRelay relay) {
        for (int round = 0; round < 100 && relay.publishNextBatch() > 0; round++) {
            // keep publishing until the relay has caught up
        }
    }

    private void append(String stream, long expectedVersion, String body) {
        infra.pool.withTransaction(tx -> store.append(tx, "credential", stream, expectedVersion,
                List.of(Events.suspension(stream, body, "v" + (expectedVersion + 1))))).await().atMost(TIMEOUT);
    }

    private static List<ConsumerRecord<String, byte[]>> published(Set<String> keys, int expected) {
        return TopicReader.read(Topic.CREDENTIALS.topicName(), record -> keys.contains(record.key()), expected,
                Duration.ofSeconds(30));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

package eu.microcredentials.eventsourcing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.Topic;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a service recorded and what another applied, compared by digest on real PostgreSQL and Kafka. */
class StreamDigestsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final URI source = URI.create("/digest-test-" + UUID.randomUUID());
    private final EventStore store = new EventStore(source);
    private final String body = UUID.randomUUID().toString();
    private final String projection = "digest-test-" + UUID.randomUUID().toString().substring(0, 8);
    private KernelInfrastructure infra;
    private Producer<String, byte[]> producer;
    private ProjectionRunner runner;
    private StreamDigests digests;

    @BeforeEach
    void infrastructure() {
        infra = KernelInfrastructure.freshDatabase();
        producer = infra.producer();
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, KernelInfrastructure.KAFKA))) {
            KafkaTopics.ensure(admin, List.of(Topic.CREDENTIALS.topicName(), "mc.dead-letters." + projection), 6, (short) 1);
        }
        digests = new StreamDigests(infra.pool);
    }

    @AfterEach
    void close() {
        if (runner != null) {
            runner.close();
        }
        producer.close();
        infra.close();
    }

    /** Applies nothing: what it claimed is what the kernel records for comparison. */
    private final class Follower implements Projection {
        @Override
        public String name() {
            return projection;
        }

        @Override
        public Set<Topic> topics() {
            return Set.of(Topic.CREDENTIALS);
        }

        @Override
        public void apply(SqlConnection transaction, EventEnvelope event) {
        }

        @Override
        public void reset(SqlConnection transaction) {
        }
    }

    @Test
    void theRecordingStoreAndAFollowingProjectionHaveTheSameDigestUntilOneMissesAnEvent() {
        List<String> streams = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String stream = UUID.randomUUID().toString();
            streams.add(stream);
            for (int version = 0; version < 1 + i % 3; version++) {
                append(stream, version);
            }
        }
        publishAll();
        follow();
        awaitApplied(streams.size());

        StreamDigests.Digest recorded = digests.ofStore(Topic.CREDENTIALS, source.toString());
        StreamDigests.Digest applied = digests.ofProjection(projection, Topic.CREDENTIALS, source.toString());
        assertEquals(20, recorded.streams());
        assertEquals(recorded.digest(), applied.digest());
        assertEquals(recorded.buckets(), applied.buckets());

        // the follower stops; the store records one more event of one stream
        runner.close();
        runner = null;
        String changed = streams.get(7);
        append(changed, 1 + 7 % 3);

        StreamDigests.Digest later = digests.ofStore(Topic.CREDENTIALS, source.toString());
        assertNotEquals(later.digest(), applied.digest());
        List<String> differing = later.buckets().stream().filter(b -> !applied.buckets().contains(b))
                .map(StreamDigests.Bucket::bucket).toList();
        assertEquals(1, differing.size());
        List<StreamDigests.Entry> ours = digests.entries(Topic.CREDENTIALS, source.toString(), "event-store", differing.get(0));
        List<StreamDigests.Entry> theirs = digests.entries(Topic.CREDENTIALS, source.toString(), "projection:" + projection,
                differing.get(0));
        List<StreamDigests.Entry> onlyOurs = ours.stream().filter(e -> !theirs.contains(e)).toList();
        assertEquals(1, onlyOurs.size());
        assertEquals(changed, onlyOurs.get(0).streamId(), "the stream the two disagree on is named");
    }

    private void append(String stream, long expectedVersion) {
        infra.pool.withTransaction(tx -> store.append(tx, "credential", stream, expectedVersion,
                List.of(Events.suspension(stream, body, "v" + (expectedVersion + 1))))).await().atMost(TIMEOUT);
    }

    private void publishAll() {
        OutboxRelay relay = new OutboxRelay("digest-test", infra.pool, producer, 100, Duration.ofMillis(10), Duration.ofMillis(10), infra.meters);
        while (relay.publishNextBatch() > 0) {
            // until the store is published
        }
    }

    private void follow() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KernelInfrastructure.KAFKA);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, projection);
        runner = new ProjectionRunner(new Follower(), infra.pool, config,
                new DeadLetterTopic("mc.dead-letters." + projection, producer), infra.meters);
        runner.start();
    }

    private void awaitApplied(int streams) {
        Eventually.until(Duration.ofSeconds(90), streams + " streams applied", () -> infra.count(
                "SELECT count(*) FROM projection_stream_version WHERE projection = '" + projection + "' AND source = '"
                        + source + "' AND version = (SELECT max(version) FROM event_store e WHERE e.stream_id = "
                        + "projection_stream_version.stream_id)") == streams);
    }
}

package eu.microcredentials.eventsourcing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.microcredentials.events.ContractViolation;
import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.KafkaCloudEvents;
import eu.microcredentials.events.Topic;
import eu.microcredentials.events.data.CredentialSuspended;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The projection runner on real PostgreSQL and Kafka: every event applied once in effect, whatever
 * Kafka delivers again; poison records dead-lettered without stalling; rebuilds from offset 0.
 */
class ProjectionRunnerIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private KernelInfrastructure infra;
    private Producer<String, byte[]> producer;
    private DeadLetterTopic deadLetters;
    private final List<ProjectionRunner> runners = new ArrayList<>();
    private final String awardingBody = UUID.randomUUID().toString();
    private final String projectionName = "kernel-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Long> lastOffsets = new HashMap<>();
    private final AtomicInteger sideEffects = new AtomicInteger();
    /** How many more times the projection fails on the reason "passing failure" before it applies it. */
    private final AtomicInteger passingFailures = new AtomicInteger();

    @BeforeEach
    void infrastructure() {
        infra = KernelInfrastructure.freshDatabase();
        infra.sql("CREATE TABLE applied_suspension (event_id UUID PRIMARY KEY, stream_id TEXT NOT NULL, "
                + "sequence BIGINT NOT NULL, reason TEXT)");
        producer = infra.producer();
        String dlt = "mc.dead-letters." + projectionName;
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, KernelInfrastructure.KAFKA))) {
            KafkaTopics.ensure(admin, List.of(Topic.CREDENTIALS.topicName(), dlt), 6, (short) 1);
        }
        deadLetters = new DeadLetterTopic(dlt, producer);
    }

    @AfterEach
    void close() {
        runners.forEach(ProjectionRunner::close);
        producer.close();
        infra.close();
    }

    /** Records the suspensions of this test's awarding body; refuses the reason "explode". */
    private final class SuspensionLog implements Projection {
        @Override
        public String name() {
            return projectionName;
        }

        @Override
        public Set<Topic> topics() {
            return Set.of(Topic.CREDENTIALS);
        }

        @Override
        public void apply(SqlConnection tx, EventEnvelope event) {
            if (!awardingBody.equals(event.awardingBody())) {
                return;
            }
            CredentialSuspended suspended = (CredentialSuspended) event.decode();
            if ("explode".equals(suspended.reason())) {
                throw new IllegalStateException("this projection cannot apply an explosion");
            }
            if ("passing failure".equals(suspended.reason()) && passingFailures.getAndDecrement() > 0) {
                throw new IllegalStateException("a failure that passes when tried again");
            }
            if ("impossible".equals(suspended.reason())) {
                throw new ContractViolation("this event cannot be right");
            }
            tx.preparedQuery("INSERT INTO applied_suspension (event_id, stream_id, sequence, reason) VALUES ($1, $2, $3, $4)")
                    .execute(Tuple.of(event.id(), event.subject(), event.sequence(), suspended.reason()))
                    .await().atMost(Duration.ofSeconds(10));
            sideEffects.incrementAndGet(); // stands for a reaction, e.g. an event appended in response
        }

        @Override
        public void replay(SqlConnection tx, EventEnvelope event) {
            int reactions = sideEffects.get();
            apply(tx, event);
            sideEffects.set(reactions); // a replay must not react again
        }

        @Override
        public List<String> tables() {
            return List.of("applied_suspension");
        }

        @Override
        public void reset(SqlConnection tx) {
            tx.query("DELETE FROM applied_suspension").execute().await().atMost(Duration.ofSeconds(10));
        }
    }

    @Test
    void appliesEachEventOnceThoughKafkaDeliversItAgain() {
        List<EventEnvelope> events = streams(4, 5);
        events.forEach(this::publish);
        events.forEach(this::publish); // the same events again, at new offsets (a relay that crashed before its checkpoint)
        ProjectionRunner runner = start("group-a");

        awaitCaughtUp();
        assertEquals(20, applied());
        // the runner counts a transaction's skipped duplicates once it committed: just after the positions moved
        Eventually.until(DEADLINE, "the 20 duplicates counted as seen and skipped",
                () -> runner.status().duplicatesSkipped() >= 20);

        // a new consumer group has no Kafka offsets: the stored positions alone decide, so nothing is applied twice
        runner.close();
        ProjectionRunner fresh = start("group-b");
        EventEnvelope later = Events.envelope(events.get(0).subject(), awardingBody, 6, "later");
        publish(later);
        awaitCaughtUp();
        assertEquals(21, applied());
        // the state is set after the batch's transaction: it may trail the stored positions by a moment
        Eventually.until(DEADLINE, "runner reports RUNNING", () -> fresh.status().state() == ProjectionStatus.State.RUNNING);
    }

    @Test
    void twoRunnersSharingTheGroupApplyEachEventOnce() {
        List<EventEnvelope> events = streams(50, 4);
        start("shared-group");
        start("shared-group");
        events.forEach(this::publish);

        awaitCaughtUp();
        assertEquals(200, applied());
        assertEquals(200, infra.count("SELECT count(DISTINCT event_id) FROM applied_suspension"));
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndThePartitionKeepsFlowing() throws Exception {
        String credential = UUID.randomUUID().toString();
        EventEnvelope valid = Events.envelope(credential, awardingBody, 1, "valid");
        ProducerRecord<String, byte[]> notJson = KafkaCloudEvents.toRecord(valid);
        ProducerRecord<String, byte[]> garbage = new ProducerRecord<>(notJson.topic(), null, credential,
                "{not json".getBytes(StandardCharsets.UTF_8), notJson.headers());
        ProducerRecord<String, byte[]> headerless = new ProducerRecord<>(Topic.CREDENTIALS.topicName(), credential,
                "{}".getBytes(StandardCharsets.UTF_8));
        EventEnvelope explosion = Events.envelope(credential, awardingBody, 1, "explode");
        EventEnvelope impossible = Events.envelope(credential, awardingBody, 2, "impossible");
        RecordMetadata garbageAt = producer.send(garbage).get();
        RecordMetadata headerlessAt = producer.send(headerless).get();
        RecordMetadata explosionAt = producer.send(KafkaCloudEvents.toRecord(explosion)).get();
        RecordMetadata impossibleAt = producer.send(KafkaCloudEvents.toRecord(impossible)).get();
        remember(garbageAt);
        remember(headerlessAt);
        remember(explosionAt);
        remember(impossibleAt);
        EventEnvelope after = Events.envelope(credential, awardingBody, 3, "after the poison");
        publish(after);
        ProjectionRunner runner = start("poison-group");

        awaitCaughtUp();
        assertEquals(List.of("after the poison"), reasons(), "the partition did not stall");
        List<ConsumerRecord<String, byte[]>> dead = TopicReader.read(deadLetters.topic(),
                record -> credential.equals(record.key()), 4, DEADLINE);
        assertEquals(4, dead.size(), "four poison records dead-lettered");
        Map<Long, ConsumerRecord<String, byte[]>> byOffset = new HashMap<>();
        dead.forEach(record -> byOffset.put(Long.parseLong(header(record, "dlt_original_offset")), record));
        for (RecordMetadata poison : List.of(garbageAt, headerlessAt, explosionAt, impossibleAt)) {
            ConsumerRecord<String, byte[]> record = byOffset.get(poison.offset());
            assertEquals(Topic.CREDENTIALS.topicName(), header(record, "dlt_original_topic"));
            assertEquals(Integer.toString(poison.partition()), header(record, "dlt_original_partition"));
            assertEquals(projectionName, header(record, "dlt_consumer"));
            assertFalse(header(record, "dlt_reason").isBlank());
        }
        assertTrue(header(byOffset.get(explosionAt.offset()), "dlt_reason").contains("cannot apply an explosion"));
        assertTrue(header(byOffset.get(impossibleAt.offset()), "dlt_reason").contains("cannot be right"));
        assertTrue(runner.status().deadLettered() >= 4);
    }

    @Test
    void aRebuildReplaysFromOffsetZeroToTheSameReadModel() {
        List<EventEnvelope> events = streams(5, 3);
        events.forEach(this::publish);
        ProjectionRunner runner = start("rebuild-group");
        awaitCaughtUp();
        List<String> before = contents();
        assertEquals(15, before.size());

        long generation = runner.rebuild();

        assertEquals(1, generation);
        Eventually.until(DEADLINE, "rebuilt to the same content", () -> contents().equals(before));
        awaitCaughtUp();
        assertEquals(before, contents());
    }

    @Test
    void aShadowRebuildReplaysBesideTheLiveModelWhichKeepsServingAndSwapsInTheSameContent() throws Exception {
        streams(5, 3).forEach(this::publish);
        ProjectionRunner runner = start("shadow-group");
        awaitCaughtUp();
        List<String> before = contents();
        ShadowRebuild rebuild = new ShadowRebuild(new SuspensionLog(), infra.pool, KernelInfrastructure.KAFKA);

        Thread rebuilding = new Thread(rebuild);
        rebuilding.start();
        List<EventEnvelope> duringRebuild = streams(2, 2);
        duringRebuild.forEach(this::publish);
        while (rebuilding.isAlive()) {
            assertTrue(contents().containsAll(before), "the live model keeps answering with everything it had");
            Thread.sleep(20);
        }

        ShadowRebuild.Progress done = rebuild.progress();
        assertEquals(ShadowRebuild.State.DONE, done.state(), done.toString());
        assertEquals(Boolean.TRUE, done.identical(), done.toString());
        assertTrue(done.differences().isEmpty(), done.toString());
        assertTrue(done.eventsDone() >= 15 && done.eventsTotal() >= 15, done.toString());
        awaitCaughtUp();
        assertEquals(19, applied(), "the events published during the rebuild are in the swapped-in model");
        assertEquals(applied(), sideEffects.get(), "each event reacted to once: the replay caused no side effect");
        assertTrue(contents().containsAll(before));

        EventEnvelope afterSwap = Events.envelope(UUID.randomUUID().toString(), awardingBody, 1, "after the swap");
        publish(afterSwap);
        awaitCaughtUp();
        assertEquals(20, applied(), "the live runner goes on in the swapped-in table");
        assertEquals(0, infra.count("SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE 'rebuild_%'"),
                "no shadow schema is left behind");
    }

    @Test
    void aShadowRebuildAnalysesItsCopyAsItGrowsSoThatThePlannerKnowsItsSize() {
        // past the first analysis (1,000 events) whatever else the shared topic holds
        streams(400, 3).forEach(this::publish);
        start("analysed-group");
        awaitCaughtUp();
        ShadowRebuild.Progress done = rebuiltToTheEnd();
        // the copy's read-model table, swapped in, was analysed by the rebuild itself (autovacuum's count apart);
        // the copy's kernel tables, analysed with it, are dropped after their rows are copied to the live ones
        assertEquals(1, infra.count("SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = 'public' "
                + "AND relname = 'applied_suspension' AND last_analyze IS NOT NULL"), "applied_suspension analysed");
    }

    @Test
    void aShadowRebuildNamesTheRowsTheLiveModelHadWrongAndReplacesThem() throws Exception {
        streams(3, 2).forEach(this::publish);
        ProjectionRunner runner = start("divergence-group");
        awaitCaughtUp();
        List<String> fromTheLog = contents();
        String checksumFromTheLog = runner.checksum();
        infra.sql("UPDATE applied_suspension SET reason = 'tampered' WHERE sequence = 2 AND stream_id = "
                + "(SELECT min(stream_id) FROM applied_suspension)");
        assertFalse(contents().equals(fromTheLog));

        ShadowRebuild.Progress done = rebuiltToTheEnd();
        assertEquals(Boolean.FALSE, done.identical());
        assertEquals(2, done.differences().size(), done.differences().toString());
        assertTrue(done.differences().stream().anyMatch(d -> d.side().equals("LIVE") && d.row().contains("tampered")));
        assertTrue(done.differences().stream().anyMatch(d -> d.side().equals("REBUILT") && d.row().endsWith(",v2)")));
        assertEquals(fromTheLog, contents(), "the model rebuilt from the log replaced the wrong one");
        assertEquals(checksumFromTheLog, done.checksum());
        assertEquals(checksumFromTheLog, runner.checksum());
    }

    /**
     * A record the projection refused after its stream version was claimed, in a batch that then failed on another
     * record: applied again one by one, the live runner must count that version as seen, as a replay does, or an
     * older version of the stream published later is applied live and not in a rebuild (the rebuilt model differs).
     */
    @Test
    void aRecordRefusedInABatchThatThenFailedHoldsItsVersionLiveAsInAReplay() throws Exception {
        int partition = startWhereTheTopicEndsNow();
        String refused = UUID.randomUUID().toString();
        String failing = UUID.randomUUID().toString();
        // the runner's first batch: all three on one partition, behind the positions stored above
        for (EventEnvelope event : List.of(Events.envelope(refused, awardingBody, 2, "impossible"),
                Events.envelope(failing, awardingBody, 1, "explode"),
                Events.envelope(refused, awardingBody, 1, "older version, later"))) {
            ProducerRecord<String, byte[]> record = KafkaCloudEvents.toRecord(event);
            remember(producer.send(new ProducerRecord<>(record.topic(), partition, record.key(), record.value(),
                    record.headers())).get());
        }
        start("refused-group");
        awaitCaughtUp();

        ShadowRebuild.Progress done = rebuiltToTheEnd();
        assertEquals(Boolean.TRUE, done.identical(), "the rebuilt model differs: " + done.differences());
        assertEquals(List.of(), reasons(), "version 2 of the stream was seen: its older version 1 is not applied");
    }

    /**
     * A failure that passes when tried again (a deadlock, a timeout) fails the rebuild's batch and then the record's
     * first attempt alone: the rebuild tries it again as the live runner does, instead of leaving it out of the copy.
     */
    @Test
    void aRebuildTriesAPassingFailureAgainAsTheLiveRunnerDoes() throws Exception {
        streams(2, 2).forEach(this::publish);
        publish(Events.envelope(UUID.randomUUID().toString(), awardingBody, 1, "passing failure"));
        passingFailures.set(2); // live: the batch, then the record's first attempt alone
        start("passing-group");
        awaitCaughtUp();
        assertEquals(5, applied(), "the live runner applied the record on a later attempt");
        List<String> live = contents();

        passingFailures.set(2); // the rebuild: its batch, then the record's first attempt alone
        ShadowRebuild.Progress done = rebuiltToTheEnd();
        // (other tests' poison on the shared topic is rejected too: only this record matters here)
        assertTrue(done.rejected().stream().noneMatch(r -> r.reason().contains("passes when tried again")), done.toString());
        assertEquals(Boolean.TRUE, done.identical(), "the rebuilt model differs: " + done.differences());
        assertEquals(live, contents());
    }

    /** Runs a rebuild of the test's projection to its end, beside the live one; answers its progress, done. */
    private ShadowRebuild.Progress rebuiltToTheEnd() {
        ShadowRebuild rebuild = new ShadowRebuild(new SuspensionLog(), infra.pool, KernelInfrastructure.KAFKA);
        rebuild.run();
        ShadowRebuild.Progress done = rebuild.progress();
        assertEquals(ShadowRebuild.State.DONE, done.state(), done.toString());
        return done;
    }

    /** Stores positions at the current end of every partition of the topic; answers one of the partitions. */
    private int startWhereTheTopicEndsNow() throws Exception {
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, KernelInfrastructure.KAFKA))) {
            String topic = Topic.CREDENTIALS.topicName();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(info -> latest.put(new TopicPartition(topic, info.partition()), OffsetSpec.latest()));
            admin.listOffsets(latest).all().get().forEach((partition, end) -> infra.sql(
                    "INSERT INTO projection_position (projection, topic, kafka_partition, next_offset) VALUES ('"
                            + projectionName + "', '" + topic + "', " + partition.partition() + ", " + end.offset() + ")"));
            return latest.keySet().iterator().next().partition();
        }
    }

    private ProjectionRunner start(String group) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KernelInfrastructure.KAFKA);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, projectionName + "." + group);
        ProjectionRunner runner = new ProjectionRunner(new SuspensionLog(), infra.pool, config, deadLetters, infra.meters);
        runner.start();
        runners.add(runner);
        return runner;
    }

    private List<EventEnvelope> streams(int count, int length) {
        List<EventEnvelope> events = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            String credential = UUID.randomUUID().toString();
            for (int version = 1; version <= length; version++) {
                events.add(Events.envelope(credential, awardingBody, version, "v" + version));
            }
        }
        return events;
    }

    private void publish(EventEnvelope event) {
        try {
            remember(producer.send(KafkaCloudEvents.toRecord(event)).get());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void remember(RecordMetadata metadata) {
        lastOffsets.merge(metadata.topic() + ":" + metadata.partition(), metadata.offset(), Math::max);
    }

    /** Waits until the stored positions are past every record this test produced. */
    private void awaitCaughtUp() {
        Eventually.until(DEADLINE, "projection past offsets " + lastOffsets, () -> lastOffsets.entrySet().stream()
                .allMatch(entry -> {
                    String[] topicPartition = entry.getKey().split(":");
                    return infra.count("SELECT COALESCE(max(next_offset), 0) FROM projection_position WHERE projection = '"
                            + projectionName + "' AND topic = '" + topicPartition[0] + "' AND kafka_partition = "
                            + topicPartition[1]) > entry.getValue();
                }));
    }

    private long applied() {
        return infra.count("SELECT count(*) FROM applied_suspension");
    }

    private List<String> reasons() {
        List<String> reasons = new ArrayList<>();
        infra.pool.query("SELECT reason FROM applied_suspension ORDER BY reason").execute().await()
                .atMost(Duration.ofSeconds(10)).forEach(row -> reasons.add(row.getString(0)));
        return reasons;
    }

    private List<String> contents() {
        List<String> rows = new ArrayList<>();
        infra.pool.query("SELECT event_id, stream_id, sequence, reason FROM applied_suspension ORDER BY event_id").execute()
                .await().atMost(Duration.ofSeconds(10))
                .forEach(row -> rows.add(row.getUUID(0) + "|" + row.getString(1) + "|" + row.getLong(2) + "|" + row.getString(3)));
        return rows;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

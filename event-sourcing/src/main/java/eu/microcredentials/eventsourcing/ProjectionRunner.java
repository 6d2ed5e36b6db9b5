package eu.microcredentials.eventsourcing;

import eu.microcredentials.events.ContractViolation;
import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.EventHashChain;
import eu.microcredentials.events.KafkaCloudEvents;
import eu.microcredentials.events.Topic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Feeds one {@link Projection} from Kafka with exactly-once effect. Each batch is applied in one
 * database transaction that also moves the stored position (topic, partition, next offset); the
 * database, not Kafka, is the truth about what was consumed, so a batch redelivered after a crash
 * or a rebalance finds its offsets already passed and changes nothing. An event published twice
 * (at another offset) is recognised by its stream version. A record that breaks the contract, or
 * that the projection cannot apply after retries, goes to the dead-letter topic and the position
 * moves past it: nothing is skipped silently, and the partition does not stall.
 *
 * <p>Several instances share the partitions through the consumer group; the stored positions are
 * locked per partition, so a zombie instance cannot apply a batch twice.
 */
public final class ProjectionRunner implements AutoCloseable {
    /**
     * The most a fetch answers (Kafka's default is 50 MiB). The JDK reads a socket into a heap buffer through
     * a direct buffer as large as what is left of the answer, and keeps it for the thread: a consumer thread
     * that once fetched 6 MiB (six partitions of 1 MiB, as when catching up) kept 6 MiB of native memory.
     */
    static final int FETCH_MAX_BYTES = 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(ProjectionRunner.class);
    static final int APPLY_ATTEMPTS = 3;
    private static final Duration GENERATION_CHECK = Duration.ofMillis(500);

    private static final String ENSURE_PROJECTION = "INSERT INTO projection (name) VALUES ($1) ON CONFLICT DO NOTHING";
    private static final String GENERATION = "SELECT generation FROM projection WHERE name = $1";
    private static final String GENERATION_SHARED = "SELECT generation FROM projection WHERE name = $1 FOR SHARE";
    private static final String POSITIONS = "SELECT topic, kafka_partition, next_offset FROM projection_position WHERE projection = $1";
    private static final String POSITION_FOR_UPDATE = """
            SELECT next_offset FROM projection_position
            WHERE projection = $1 AND topic = $2 AND kafka_partition = $3 FOR UPDATE""";
    static final String SAVE_POSITION = """
            INSERT INTO projection_position (projection, topic, kafka_partition, next_offset, events_applied, last_event_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (projection, topic, kafka_partition) DO UPDATE SET next_offset = EXCLUDED.next_offset,
                events_applied = projection_position.events_applied + EXCLUDED.events_applied,
                last_event_at = COALESCE(EXCLUDED.last_event_at, projection_position.last_event_at)""";
    private static final String BUMP_GENERATION = """
            UPDATE projection SET generation = generation + 1, rebuilt_at = now() WHERE name = $1 RETURNING generation""";
    private static final String CLEAR_POSITIONS = "DELETE FROM projection_position WHERE projection = $1";
    private static final String CLEAR_VERSIONS = "DELETE FROM projection_stream_version WHERE projection = $1";

    private final Projection projection;
    private final Pool pool;
    private final Map<String, Object> consumerConfig;
    private final DeadLetterTopic deadLetters;
    private final MeterRegistry meters;
    private final Counter applied;
    private final Counter duplicates;
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong lag = new AtomicLong(-1);
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final AtomicReference<List<String>> assigned = new AtomicReference<>(List.of());
    private volatile ProjectionStatus.State state = ProjectionStatus.State.STOPPED;
    private volatile boolean running;
    private volatile long generation;
    private KafkaConsumer<String, byte[]> consumer;
    private KafkaClientMetrics consumerMetrics;
    private Thread thread;

    /**
     * @param consumerConfig Kafka consumer settings: at least {@code bootstrap.servers} and
     *                       {@code group.id}; offsets are committed to Kafka only as a hint for tools
     */
    public ProjectionRunner(Projection projection, Pool pool, Map<String, Object> consumerConfig,
                            DeadLetterTopic deadLetters, MeterRegistry meters) {
        this.projection = projection;
        this.pool = pool;
        this.consumerConfig = new HashMap<>(consumerConfig);
        this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumerConfig.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        this.consumerConfig.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_MAX_BYTES);
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.applied = Counter.builder("mc.projection.events.applied").tag("projection", projection.name())
                .description("events applied to the read model").register(meters);
        this.duplicates = Counter.builder("mc.projection.events.duplicate").tag("projection", projection.name())
                .description("events delivered again and skipped").register(meters);
        Gauge.builder("mc.projection.lag", lag, l -> Math.max(l.get(), 0)).tag("projection", projection.name())
                .description("records on the assigned partitions not yet applied").register(meters);
        Gauge.builder("mc.projection.dead.letters", deadLettered, AtomicLong::get).tag("projection", projection.name())
                .description("records sent to the dead-letter topic since start").register(meters);
    }

    public String name() {
        return projection.name();
    }

    public Projection projection() {
        return projection;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        generation = Transactions.inTransaction(pool, tx -> {
            tx.preparedQuery(ENSURE_PROJECTION).execute(Tuple.of(projection.name())).await().atMost(Transactions.TIMEOUT);
            return readGeneration(tx);
        });
        consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(meters);
        running = true;
        state = ProjectionStatus.State.STARTING;
        thread = new Thread(this::run, "projection-" + projection.name());
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        consumer.subscribe(projection.topics().stream().map(Topic::topicName).toList(), new Rebalance());
        Duration backoff = Duration.ofMillis(200);
        long nextGenerationCheck = 0;
        while (running) {
            ConsumerRecords<String, byte[]> records = ConsumerRecords.empty();
            try {
                records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    if (System.currentTimeMillis() >= nextGenerationCheck) {
                        nextGenerationCheck = System.currentTimeMillis() + GENERATION_CHECK.toMillis();
                        long current = Transactions.inTransaction(pool, this::readGeneration);
                        if (current != generation) {
                            generation = current;
                            seekToStoredPositions(consumer.assignment());
                        }
                    }
                } else {
                    process(records);
                }
                updateLag();
                state = ProjectionStatus.State.RUNNING;
                lastError.set(null);
                backoff = Duration.ofMillis(200);
            } catch (WakeupException e) {
                if (running) {
                    continue;
                }
                break;
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                state = ProjectionStatus.State.FAILING;
                lastError.set(e.toString());
                LOG.errorf(e, "projection %s: batch failed, retrying in %s", projection.name(), backoff);
                rewind(records);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
                        : backoff.multipliedBy(2);
            }
        }
        state = ProjectionStatus.State.STOPPED;
        consumerMetrics.close();
        consumer.close(Duration.ofSeconds(5));
    }

    private void process(ConsumerRecords<String, byte[]> records) {
        // records dead-lettered by an attempt whose transaction then rolled back are not sent again
        Set<String> deadLettered = new HashSet<>();
        try {
            Tally tally = new Tally();
            boolean current = Transactions.inTransaction(pool, tx -> applyAll(tx, records, null, deadLettered, tally));
            tally.count();
            if (!current) {
                seekToStoredPositions(consumer.assignment());
                return;
            }
        } catch (RuntimeException batchFailure) {
            if (!Transactions.databaseAnswers(pool)) {
                throw batchFailure;
            }
            LOG.warnf("projection %s: batch of %d failed (%s); applying one by one", projection.name(), records.count(),
                    batchFailure.toString());
            for (TopicPartition partition : records.partitions()) {
                for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                    applyAlone(record, deadLettered);
                }
            }
        }
        commitHint(records);
    }

    /** One record in its own transaction, retried; dead-lettered when it still fails and the database is fine. */
    private void applyAlone(ConsumerRecord<String, byte[]> record, Set<String> deadLettered) {
        ConsumerRecords<String, byte[]> single = new ConsumerRecords<>(
                Map.of(new TopicPartition(record.topic(), record.partition()), List.of(record)), Map.of());
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= APPLY_ATTEMPTS; attempt++) {
            try {
                Tally tally = new Tally();
                Transactions.inTransaction(pool, tx -> applyAll(tx, single, null, deadLettered, tally));
                tally.count();
                return;
            } catch (RuntimeException e) {
                failure = e;
                if (e.getCause() instanceof ContractViolation) {
                    break; // deterministic: trying again cannot help
                }
                sleep(Duration.ofMillis(100L * attempt));
            }
        }
        if (!Transactions.databaseAnswers(pool)) {
            throw failure;
        }
        RuntimeException reason = failure;
        LOG.errorf("projection %s: dead-lettering %s-%d@%d: %s", projection.name(), record.topic(), record.partition(),
                record.offset(), reason);
        Transactions.inTransaction(pool, tx -> applyAll(tx, single, reason, deadLettered, new Tally()));
    }

    /**
     * Applies the records past the stored positions, in the caller's transaction.
     *
     * @param deadLetterReason when not null, every new record goes to the dead-letter topic for this reason
     *                         instead of being applied
     * @return false when a rebuild started meanwhile: nothing was applied, positions must be re-read
     */
    private boolean applyAll(SqlConnection tx, ConsumerRecords<String, byte[]> records, Throwable deadLetterReason,
                             Set<String> deadLettered, Tally tally) {
        Long shared = null;
        for (Row row : tx.preparedQuery(GENERATION_SHARED).execute(Tuple.of(projection.name())).await()
                .atMost(Transactions.TIMEOUT)) {
            shared = row.getLong("generation");
        }
        if (shared == null || shared != generation) {
            generation = shared == null ? 0 : shared;
            return false;
        }
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(records.count());
        records.forEach(all::add);
        // the partitions are held first, so that the stream versions read next are not those of a batch that
        // another instance is applying to them
        Map<TopicPartition, Long> held = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            long next = -1;
            for (Row row : tx.preparedQuery(POSITION_FOR_UPDATE)
                    .execute(Tuple.of(projection.name(), partition.topic(), partition.partition())).await()
                    .atMost(Transactions.TIMEOUT)) {
                next = row.getLong("next_offset");
            }
            held.put(partition, next);
        }
        StreamVersionClaims claims = StreamVersionClaims.of(tx, projection.name(), all);
        for (TopicPartition partition : records.partitions()) {
            long next = held.get(partition);
            long appliedHere = 0;
            long last = -1;
            OffsetDateTime lastEventAt = null;
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (record.offset() < next) {
                    tally.duplicates++;
                    continue;
                }
                last = record.offset();
                if (deadLettered.contains(coordinates(record))) {
                    if (deadLettered.contains(refusedAfterItsClaim(record))) {
                        // dead-lettered by an attempt that rolled back after claiming its version: claim it again, as
                        // a replay does, or an older version of its stream met later would be applied here and not
                        // in a rebuild
                        EventEnvelope refused = KafkaCloudEvents.fromRecord(record);
                        if (claims.claim(record, refused)) {
                            claims.notApplied(record, refused);
                        }
                    }
                    continue;
                }
                if (deadLetterReason != null) {
                    deadLetter(record, deadLetterReason, deadLettered);
                    continue;
                }
                EventEnvelope event;
                try {
                    event = KafkaCloudEvents.fromRecord(record);
                } catch (ContractViolation violation) {
                    LOG.warnf("projection %s: dead-lettering %s-%d@%d, it breaks the contract: %s", projection.name(),
                            record.topic(), record.partition(), record.offset(), violation.getMessage());
                    deadLetter(record, violation, deadLettered);
                    continue;
                }
                if (claims.claim(record, event)) {
                    try {
                        projection.apply(tx, event, delivery(record));
                    } catch (ContractViolation violation) {
                        claims.notApplied(record, event);
                        // the projection refused the event before writing anything for it: dead-letter it and go on
                        LOG.warnf("projection %s: dead-lettering %s-%d@%d, it cannot be right: %s", projection.name(),
                                record.topic(), record.partition(), record.offset(), violation.getMessage());
                        deadLetter(record, violation, deadLettered);
                        deadLettered.add(refusedAfterItsClaim(record));
                        continue;
                    } catch (RuntimeException e) {
                        throw new ProjectionFailure(event, e);
                    }
                    appliedHere++;
                    lastEventAt = event.time();
                } else {
                    tally.duplicates++;
                }
            }
            if (last >= 0) {
                tx.preparedQuery(SAVE_POSITION).execute(Tuple.of(projection.name(), partition.topic(),
                        partition.partition(), last + 1, appliedHere, lastEventAt)).await().atMost(Transactions.TIMEOUT);
                tally.applied += appliedHere;
            }
        }
        projection.flush(tx);
        claims.save(tx);
        return true;
    }

    static Projection.Delivery delivery(ConsumerRecord<String, byte[]> record) {
        Optional<EventHashChain.Link> link = EventHashChain.readFrom(record);
        return new Projection.Delivery(record.topic(), record.partition(), record.offset(),
                link.map(EventHashChain.Link::hash).orElse(null), link.map(EventHashChain.Link::previousHash).orElse(null));
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, Throwable reason, Set<String> deadLettered) {
        deadLetters.send(record, projection.name(), reason);
        deadLettered.add(coordinates(record));
        this.deadLettered.incrementAndGet();
        meters.counter("mc.dead.letters", "projection", projection.name(), "reason", reason.getClass().getSimpleName())
                .increment();
    }

    /** What one transaction applied and skipped; counted in the metrics only once it committed. */
    private final class Tally {
        long applied;
        long duplicates;

        void count() {
            ProjectionRunner.this.applied.increment(applied);
            ProjectionRunner.this.duplicates.increment(duplicates);
        }
    }

    private static String refusedAfterItsClaim(ConsumerRecord<String, byte[]> record) {
        return coordinates(record) + " refused after its version was claimed";
    }

    private static String coordinates(ConsumerRecord<String, byte[]> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private long readGeneration(SqlConnection tx) {
        for (Row row : tx.preparedQuery(GENERATION).execute(Tuple.of(projection.name())).await()
                .atMost(Transactions.TIMEOUT)) {
            return row.getLong("generation");
        }
        return 0;
    }

    private void seekToStoredPositions(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> stored = new HashMap<>();
        for (Row row : pool.preparedQuery(POSITIONS).execute(Tuple.of(projection.name())).await()
                .atMost(Transactions.TIMEOUT)) {
            stored.put(new TopicPartition(row.getString("topic"), row.getInteger("kafka_partition")),
                    row.getLong("next_offset"));
        }
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            Long next = stored.get(partition);
            if (next == null) {
                fromStart.add(partition);
            } else {
                consumer.seek(partition, next);
            }
        }
        if (!fromStart.isEmpty()) {
            consumer.seekToBeginning(fromStart);
        }
    }

    /** After a failed batch, read it again: the stored positions decide what is applied. */
    private void rewind(ConsumerRecords<String, byte[]> records) {
        try {
            for (TopicPartition partition : records.partitions()) {
                consumer.seek(partition, records.records(partition).get(0).offset());
            }
        } catch (RuntimeException e) {
            LOG.debugf(e, "projection %s: rewind failed", projection.name());
        }
    }

    private void commitHint(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> list = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        consumer.commitAsync(offsets, (committed, failure) -> {
            if (failure != null) {
                LOG.debugf("projection %s: offset hint not committed: %s", projection.name(), failure);
            }
        });
    }

    private void updateLag() {
        long total = 0;
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong partitionLag = consumer.currentLag(partition);
            if (partitionLag.isPresent()) {
                total += partitionLag.getAsLong();
            }
        }
        lag.set(total);
    }

    /**
     * Starts a rebuild: clears the read model and the stored positions in one transaction and bumps
     * the generation, so that every instance's runner replays its partitions from offset 0.
     *
     * @return the new generation
     */
    public long rebuild() {
        return Transactions.inTransaction(pool, tx -> {
            tx.preparedQuery(ENSURE_PROJECTION).execute(Tuple.of(projection.name())).await().atMost(Transactions.TIMEOUT);
            long next = tx.preparedQuery(BUMP_GENERATION).execute(Tuple.of(projection.name())).await()
                    .atMost(Transactions.TIMEOUT).iterator().next().getLong("generation");
            tx.preparedQuery(CLEAR_POSITIONS).execute(Tuple.of(projection.name())).await().atMost(Transactions.TIMEOUT);
            tx.preparedQuery(CLEAR_VERSIONS).execute(Tuple.of(projection.name())).await().atMost(Transactions.TIMEOUT);
            projection.reset(tx);
            return next;
        });
    }

    /** Where the read model stands in each partition (shared by every instance), as stored with its content. */
    public List<StoredPosition> storedPositions() {
        List<StoredPosition> stored = new ArrayList<>();
        for (Row row : pool.preparedQuery("""
                        SELECT topic, kafka_partition, next_offset, events_applied, last_event_at FROM projection_position
                        WHERE projection = $1 ORDER BY topic, kafka_partition""").execute(Tuple.of(projection.name()))
                .await().atMost(Transactions.TIMEOUT)) {
            stored.add(new StoredPosition(row.getString("topic"), row.getInteger("kafka_partition"),
                    row.getLong("next_offset"), row.getLong("events_applied"), row.getOffsetDateTime("last_event_at")));
        }
        return stored;
    }

    /** A partition's stored position: the next offset to apply, how many events were applied, the last one's time. */
    public record StoredPosition(String topic, int partition, long nextOffset, long eventsApplied, OffsetDateTime lastEventAt) {
    }

    /** The checksum of the live read model's content (null for a projection that names no tables). */
    public String checksum() {
        return projection.tables().isEmpty() ? null
                : ReadModelChecksum.combined(ReadModelChecksum.of(pool, "public", projection.tables()));
    }

    public ProjectionStatus status() {
        return new ProjectionStatus(projection.name(), state, generation, lag.get(), assigned.get(),
                (long) applied.count(), (long) duplicates.count(), deadLettered.get(), lastError.get());
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned.set(consumer.assignment().stream().map(TopicPartition::toString).sorted().toList());
            generation = Transactions.inTransaction(pool, ProjectionRunner.this::readGeneration);
            seekToStoredPositions(partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            assigned.set(List.of());
        }
    }

    /** The projection could not apply an event (as opposed to the database being unreachable). */
    static final class ProjectionFailure extends RuntimeException {
        ProjectionFailure(EventEnvelope event, RuntimeException cause) {
            super("cannot apply " + event + ": " + cause.getMessage(), cause);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        if (thread != null) {
            try {
                thread.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

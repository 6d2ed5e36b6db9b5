package eu.microcredentials.eventsourcing;

import eu.microcredentials.events.ContractViolation;
import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.KafkaCloudEvents;
import eu.microcredentials.events.Topic;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Rebuilds a projection's read model from offset 0 into a shadow copy of its tables (a schema of its
 * own) while the live model keeps serving queries and following the log. Once the copy has caught up,
 * one transaction holds the live positions still (pausing the live runners for a moment), brings the
 * copy to exactly those positions, compares the two (checksum per table, and the differing rows if
 * any), and swaps the copy in (blue/green): the tables change schema, the positions are the live
 * ones, so the live runners go on where they were.
 *
 * <p>Replaying causes no side effect: events go to {@link Projection#replay}, and records that break
 * the contract or cannot be applied are counted and listed, not dead-lettered a second time.
 */
public final class ShadowRebuild implements Runnable {
    private static final Logger LOG = Logger.getLogger(ShadowRebuild.class);
    private static final int DIFFERENCES_SHOWN = 50;
    private static final Duration SWAP_PATIENCE = Duration.ofMinutes(2);
    private static final List<String> KERNEL_TABLES = List.of("projection_position", "projection_stream_version");
    /** Events replayed before the copy's tables are first analysed ({@link #analyseShadow}). */
    private static final long FIRST_ANALYSIS = 1_000;

    public enum State { REPLAYING, SWAPPING, DONE, FAILED }

    /** A row only one side has: {@code LIVE} (the model before the rebuild) or {@code REBUILT} (from the log). */
    public record Difference(String table, String side, String row) {
    }

    /** One table compared at the same positions, before the swap. */
    public record TableComparison(String table, long liveRows, long rebuiltRows, String liveChecksum,
                                  String rebuiltChecksum, boolean identical) {
    }

    /** A record the replay could not apply (it was dead-lettered when the live model met it). */
    public record Rejected(String coordinates, String reason) {
    }

    /** Where a rebuild stands; {@code identical} is known once it swapped. */
    public record Progress(String id, String projection, State state, long eventsDone, long eventsTotal,
                           double eventsPerSecond, Long etaSeconds, Instant startedAt, Instant finishedAt,
                           Boolean identical, String checksum, List<TableComparison> tables,
                           List<Difference> differences, List<Rejected> rejected, String error) {
    }

    private final String id = UUID.randomUUID().toString();
    private final String schema = "rebuild_" + id.replace("-", "").substring(0, 16);
    private final Projection projection;
    private final Pool pool;
    private final Map<String, Object> consumerConfig;
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private final AtomicLong done = new AtomicLong();
    private final List<Rejected> rejected = new ArrayList<>();
    private final Instant startedAt = Instant.now();
    private volatile State state = State.REPLAYING;
    private volatile long total;
    private volatile Instant finishedAt;
    private volatile Boolean identical;
    private volatile String checksum;
    private volatile List<TableComparison> comparisons = List.of();
    private volatile List<Difference> differences = List.of();
    private volatile String error;

    /** @param bootstrapServers the Kafka the projection reads; the replay uses no consumer group */
    public ShadowRebuild(Projection projection, Pool pool, String bootstrapServers) {
        if (projection.tables().isEmpty()) {
            throw new IllegalArgumentException(projection.name() + " names no tables: it can only be rebuilt in place");
        }
        this.projection = projection;
        this.pool = pool;
        this.consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1_000,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, ProjectionRunner.FETCH_MAX_BYTES,
                ConsumerConfig.CLIENT_ID_CONFIG, "rebuild-" + projection.name() + "-" + id.substring(0, 8));
    }

    public String id() {
        return id;
    }

    public String projection() {
        return projection.name();
    }

    @Override
    public void run() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            createShadow();
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            total = partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
            begin.forEach(positions::put);
            replayUntil(consumer, end);
            state = State.SWAPPING;
            swapWhenLiveCaughtUp(consumer);
            state = State.DONE;
        } catch (RuntimeException e) {
            LOG.errorf(e, "rebuild %s of %s failed", id, projection.name());
            error = e.toString();
            state = State.FAILED;
            dropShadow();
        } finally {
            finishedAt = Instant.now();
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic topic : projection.topics()) {
            for (PartitionInfo info : consumer.partitionsFor(topic.topicName(), Transactions.TIMEOUT)) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        return partitions;
    }

    private void createShadow() {
        Transactions.inTransaction(pool, tx -> {
            tx.preparedQuery("INSERT INTO projection (name) VALUES ($1) ON CONFLICT DO NOTHING")
                    .execute(Tuple.of(projection.name())).await().atMost(Transactions.TIMEOUT);
            execute(tx, "CREATE SCHEMA " + schema);
            for (String table : tablesWithPositions()) {
                execute(tx, "CREATE TABLE " + ReadModelChecksum.qualified(schema, table) + " (LIKE "
                        + ReadModelChecksum.qualified("public", table) + " INCLUDING ALL)");
            }
            return null;
        });
    }

    /**
     * Gives PostgreSQL's planner the statistics of the copy's tables, which autovacuum may not have looked at
     * yet. Done after the first {@link #FIRST_ANALYSIS} events and each time the copy has doubled since, so
     * about 10 times for a million events. It was added (session 7) for the batches' stream-version lookup,
     * which read every row of the projection in a copy without statistics; that lookup no longer depends on
     * statistics ({@link StreamVersionClaims}), so what this still gives is statistics for the copy's other
     * statements and for the swap's whole-table comparison (not measured without it since).
     */
    private void analyseShadow() {
        Transactions.inTransaction(pool, tx -> {
            for (String table : tablesWithPositions()) {
                execute(tx, "ANALYZE " + ReadModelChecksum.qualified(schema, table));
            }
            return null;
        });
    }

    private List<String> tablesWithPositions() {
        List<String> tables = new ArrayList<>(projection.tables());
        tables.addAll(KERNEL_TABLES);
        return tables;
    }

    /**
     * Reads the topics up to {@code end}, applying batch after batch. The next batch is decoded and checked
     * against its schema on a thread of its own while the one before it is written, so that the two cores
     * of a small machine parse and write at once (parsing and schema checks were most of a replay's time).
     */
    private void replayUntil(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        ExecutorService decoder = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "rebuild-" + id.substring(0, 8) + "-decoder");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletableFuture<List<Decoded>> next = CompletableFuture.completedFuture(List.of());
            long analyseAt = FIRST_ANALYSIS;
            while (end.entrySet().stream().anyMatch(e -> positions.get(e.getKey()) < e.getValue())) {
                List<Decoded> current = next.join();
                List<ConsumerRecord<String, byte[]>> polled = poll(consumer, end);
                next = CompletableFuture.supplyAsync(() -> decode(polled), decoder);
                apply(current, null);
                if (done.get() >= analyseAt) {
                    analyseShadow();
                    analyseAt = done.get() * 2;
                }
            }
        } finally {
            decoder.shutdownNow();
        }
    }

    /** The records of the next poll that lie before {@code end}. */
    private static List<ConsumerRecord<String, byte[]>> poll(KafkaConsumer<String, byte[]> consumer,
                                                             Map<TopicPartition, Long> end) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            if (record.offset() < end.get(partition(record))) {
                batch.add(record);
            }
        }
        return batch;
    }

    /** A record as read from a topic, decoded and checked against its schema, or why it could not be. */
    private record Decoded(ConsumerRecord<String, byte[]> record, EventEnvelope event, RuntimeException failure) {
        static Decoded of(ConsumerRecord<String, byte[]> record) {
            try {
                return new Decoded(record, KafkaCloudEvents.fromRecord(record), null);
            } catch (RuntimeException e) {
                return new Decoded(record, null, e);
            }
        }

        /** The event; throws what decoding it threw (a {@link ContractViolation} for poison). */
        EventEnvelope eventOrThrow() {
            if (failure != null) {
                throw failure;
            }
            return event;
        }
    }

    private static List<Decoded> decode(List<ConsumerRecord<String, byte[]>> records) {
        List<Decoded> decoded = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            decoded.add(Decoded.of(record));
        }
        return decoded;
    }

    /**
     * Applies a batch in one transaction on the shadow copy (or in the caller's transaction); when the
     * batch fails, record by record, rejecting those that fail alone.
     */
    private void apply(List<Decoded> batch, SqlConnection callersTransaction) {
        if (batch.isEmpty()) {
            return;
        }
        if (callersTransaction != null) {
            commitPositions(applyAll(callersTransaction, batch));
            return;
        }
        try {
            commitPositions(Transactions.inTransaction(pool, tx -> {
                useShadow(tx);
                return applyAll(tx, batch);
            }));
        } catch (RuntimeException batchFailure) {
            for (Decoded record : batch) {
                applyAlone(record);
            }
        }
    }

    /**
     * One record in its own transaction, tried as often as the live runner tries it, so that a passing failure
     * (a deadlock, a timeout) does not leave out of the copy what the live model applied; rejected when it still
     * fails and the database answers, and the rebuild fails when the database does not.
     */
    private void applyAlone(Decoded decoded) {
        ConsumerRecord<String, byte[]> record = decoded.record();
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= ProjectionRunner.APPLY_ATTEMPTS; attempt++) {
            try {
                commitPositions(Transactions.inTransaction(pool, tx -> {
                    useShadow(tx);
                    return applyAll(tx, List.of(decoded));
                }));
                return;
            } catch (RuntimeException e) {
                failure = e;
                sleep(100L * attempt);
            }
        }
        if (!Transactions.databaseAnswers(pool)) {
            throw failure;
        }
        reject(record, failure.toString());
        Transactions.inTransaction(pool, tx -> {
            useShadow(tx);
            return savePositions(tx, Map.of(partition(record), new Applied(record.offset() + 1, 0, null)));
        });
        positions.put(partition(record), record.offset() + 1);
        done.incrementAndGet();
    }

    private record Applied(long nextOffset, long events, OffsetDateTime lastEventAt) {
    }

    /** The read-model change of a batch, and the positions it moves to (stored in the same transaction). */
    private Map<TopicPartition, Applied> applyAll(SqlConnection tx, List<Decoded> batch) {
        Map<TopicPartition, Applied> moved = new HashMap<>();
        List<Rejected> rejectedHere = new ArrayList<>();
        StreamVersionClaims claims = StreamVersionClaims.of(tx, projection.name(), batch.stream().map(Decoded::record).toList());
        for (Decoded decoded : batch) {
            ConsumerRecord<String, byte[]> record = decoded.record();
            TopicPartition partition = partition(record);
            Applied before = moved.getOrDefault(partition, new Applied(positions.get(partition), 0, null));
            if (record.offset() < before.nextOffset()) {
                continue;
            }
            long events = before.events();
            OffsetDateTime lastEventAt = before.lastEventAt();
            try {
                EventEnvelope event = decoded.eventOrThrow();
                if (claims.claim(record, event)) {
                    try {
                        projection.replay(tx, event, ProjectionRunner.delivery(record));
                    } catch (ContractViolation violation) {
                        claims.notApplied(record, event);
                        throw violation;
                    }
                    events++;
                    lastEventAt = event.time();
                }
            } catch (ContractViolation violation) {
                rejectedHere.add(new Rejected(coordinates(record), violation.getMessage()));
            }
            moved.put(partition, new Applied(record.offset() + 1, events, lastEventAt));
        }
        projection.flush(tx);
        claims.save(tx);
        savePositions(tx, moved);
        synchronized (rejected) {
            rejected.addAll(rejectedHere);
        }
        return moved;
    }

    private Map<TopicPartition, Applied> savePositions(SqlConnection tx, Map<TopicPartition, Applied> moved) {
        moved.forEach((partition, applied) -> tx.preparedQuery(ProjectionRunner.SAVE_POSITION)
                .execute(Tuple.of(projection.name(), partition.topic(), partition.partition(), applied.nextOffset(),
                        applied.events(), applied.lastEventAt()))
                .await().atMost(Transactions.TIMEOUT));
        return moved;
    }

    private void commitPositions(Map<TopicPartition, Applied> moved) {
        moved.forEach((partition, applied) -> {
            done.addAndGet(applied.nextOffset() - positions.get(partition));
            positions.put(partition, applied.nextOffset());
        });
    }

    private void reject(ConsumerRecord<String, byte[]> record, String reason) {
        synchronized (rejected) {
            rejected.add(new Rejected(coordinates(record), reason));
        }
    }

    /**
     * Waits until the live model has reached the copy's positions, then, in one transaction: holds the
     * live positions, brings the copy to them, compares, and swaps.
     */
    private void swapWhenLiveCaughtUp(KafkaConsumer<String, byte[]> consumer) {
        long deadline = System.nanoTime() + SWAP_PATIENCE.toNanos();
        while (true) {
            Map<TopicPartition, Long> before = Map.copyOf(positions);
            try {
                boolean swapped = Transactions.inTransaction(pool, tx -> {
                    Map<TopicPartition, Long> live = livePositionsHeld(tx);
                    for (Map.Entry<TopicPartition, Long> shadow : positions.entrySet()) {
                        if (live.getOrDefault(shadow.getKey(), 0L) < shadow.getValue()) {
                            return false; // the live model is behind the copy: let it catch up first
                        }
                    }
                    useShadow(tx);
                    catchUp(tx, consumer, live);
                    compare(tx);
                    swap(tx);
                    return true;
                });
                if (swapped) {
                    return;
                }
            } catch (RuntimeException e) {
                // e.g. a deadlock with a live runner: the attempt rolled back, the copy is where it was
                LOG.warnf("rebuild %s: swap attempt failed (%s), trying again", id, e.toString());
                done.addAndGet(before.entrySet().stream().mapToLong(p -> p.getValue() - positions.get(p.getKey())).sum());
                positions.putAll(before);
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the live model did not reach the rebuilt positions within " + SWAP_PATIENCE);
            }
            sleep(50);
        }
    }

    /** The live positions, locked: the live runners of every instance wait until this transaction ends. */
    private Map<TopicPartition, Long> livePositionsHeld(SqlConnection tx) {
        // the projection's row first, as the runners take it: no deadlock between their batches and this swap
        tx.preparedQuery("SELECT generation FROM public.projection WHERE name = $1 FOR UPDATE")
                .execute(Tuple.of(projection.name())).await().atMost(Transactions.TIMEOUT);
        Map<TopicPartition, Long> live = new HashMap<>();
        for (Row row : tx.preparedQuery("SELECT topic, kafka_partition, next_offset FROM public.projection_position "
                + "WHERE projection = $1 ORDER BY topic, kafka_partition FOR UPDATE").execute(Tuple.of(projection.name())).await().atMost(Transactions.TIMEOUT)) {
            live.put(new TopicPartition(row.getString("topic"), row.getInteger("kafka_partition")), row.getLong("next_offset"));
        }
        return live;
    }

    private void catchUp(SqlConnection tx, KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> live) {
        Map<TopicPartition, Long> target = new HashMap<>();
        positions.forEach((partition, at) -> target.put(partition, Math.max(at, live.getOrDefault(partition, at))));
        positions.forEach(consumer::seek);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (target.entrySet().stream().anyMatch(e -> positions.get(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read up to the live positions " + target);
            }
            apply(decode(poll(consumer, target)), tx);
        }
    }

    private void compare(SqlConnection tx) {
        List<ReadModelChecksum.TableChecksum> live = ReadModelChecksum.of(tx, "public", projection.tables());
        List<ReadModelChecksum.TableChecksum> rebuilt = ReadModelChecksum.of(tx, schema, projection.tables());
        List<TableComparison> tables = new ArrayList<>();
        List<Difference> found = new ArrayList<>();
        for (int i = 0; i < live.size(); i++) {
            String table = live.get(i).table();
            boolean same = live.get(i).checksum().equals(rebuilt.get(i).checksum());
            tables.add(new TableComparison(table, live.get(i).rows(), rebuilt.get(i).rows(), live.get(i).checksum(),
                    rebuilt.get(i).checksum(), same));
            if (!same) {
                found.addAll(rowsOnlyIn(tx, "public", schema, table, "LIVE"));
                found.addAll(rowsOnlyIn(tx, schema, "public", table, "REBUILT"));
            }
        }
        comparisons = List.copyOf(tables);
        differences = List.copyOf(found);
        identical = tables.stream().allMatch(TableComparison::identical);
        checksum = ReadModelChecksum.combined(rebuilt);
    }

    private List<Difference> rowsOnlyIn(SqlConnection tx, String in, String notIn, String table, String side) {
        List<Difference> rows = new ArrayList<>();
        // compared as row text: json columns have no equality operator
        tx.query("SELECT d.row FROM (SELECT t::text AS row FROM " + ReadModelChecksum.qualified(in, table)
                        + " t EXCEPT ALL SELECT t::text FROM " + ReadModelChecksum.qualified(notIn, table) + " t) d LIMIT "
                        + DIFFERENCES_SHOWN)
                .execute().await().atMost(ReadModelChecksum.TIMEOUT)
                .forEach(row -> rows.add(new Difference(table, side, row.getString("row"))));
        return rows;
    }

    /** Blue/green: the rebuilt tables and positions become the live ones; the old tables are dropped. */
    private void swap(SqlConnection tx) {
        lockLiveTables(tx);
        String retired = schema + "_retired";
        execute(tx, "CREATE SCHEMA " + retired);
        for (String table : projection.tables()) {
            execute(tx, "ALTER TABLE " + ReadModelChecksum.qualified("public", table) + " SET SCHEMA " + retired);
            execute(tx, "ALTER TABLE " + ReadModelChecksum.qualified(schema, table) + " SET SCHEMA public");
        }
        for (String table : KERNEL_TABLES) {
            tx.preparedQuery("DELETE FROM public." + table + " WHERE projection = $1").execute(Tuple.of(projection.name()))
                    .await().atMost(Transactions.TIMEOUT);
            tx.preparedQuery("INSERT INTO public." + table + " SELECT * FROM " + ReadModelChecksum.qualified(schema, table)
                    + " WHERE projection = $1").execute(Tuple.of(projection.name())).await().atMost(Transactions.TIMEOUT);
        }
        tx.preparedQuery("UPDATE public.projection SET rebuilt_at = now() WHERE name = $1").execute(Tuple.of(projection.name()))
                .await().atMost(Transactions.TIMEOUT);
        execute(tx, "DROP SCHEMA " + retired + " CASCADE");
        execute(tx, "DROP SCHEMA " + schema + " CASCADE");
    }

    /**
     * Takes every live table of the read model at once, or none: with a lock timeout below PostgreSQL's
     * deadlock timeout, a reader holding one table while waiting for another is never deadlocked by the swap.
     */
    private void lockLiveTables(SqlConnection tx) {
        execute(tx, "SET LOCAL lock_timeout = '200ms'");
        String[] tables = projection.tables().stream().map(t -> ReadModelChecksum.qualified("public", t)).toArray(String[]::new);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!tx.preparedQuery("SELECT read_model_try_lock($1) AS locked").execute(Tuple.tuple().addArrayOfString(tables))
                .await().atMost(Transactions.TIMEOUT).iterator().next().getBoolean("locked")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not lock the live tables for the swap within a minute");
            }
            sleep(50);
        }
        execute(tx, "SET LOCAL lock_timeout = 0");
    }

    private void dropShadow() {
        try {
            Transactions.inTransaction(pool, tx -> execute(tx, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
        } catch (RuntimeException e) {
            LOG.warnf(e, "rebuild %s: shadow schema %s left behind", id, schema);
        }
    }

    /** Within this transaction, the read model's tables and positions are the shadow copy's. */
    private void useShadow(SqlConnection tx) {
        execute(tx, "SET LOCAL search_path TO " + schema + ", public");
    }

    private static Object execute(SqlConnection tx, String statement) {
        tx.query(statement).execute().await().atMost(Transactions.TIMEOUT);
        return null;
    }

    public Progress progress() {
        long eventsDone = done.get();
        double seconds = Math.max(Duration.between(startedAt, finishedAt == null ? Instant.now() : finishedAt).toMillis(), 1) / 1000.0;
        double rate = eventsDone / seconds;
        Long eta = state == State.REPLAYING && rate > 0 ? (long) Math.ceil(Math.max(total - eventsDone, 0) / rate) : null;
        List<Rejected> rejectedNow;
        synchronized (rejected) {
            rejectedNow = List.copyOf(rejected);
        }
        return new Progress(id, projection.name(), state, eventsDone, total, Math.round(rate * 10) / 10.0, eta, startedAt,
                finishedAt, identical, checksum, comparisons, differences, rejectedNow, error);
    }

    private static TopicPartition partition(ConsumerRecord<String, byte[]> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    private static String coordinates(ConsumerRecord<String, byte[]> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

}

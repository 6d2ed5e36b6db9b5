package eu.microcredentials.eventsourcing;

import eu.microcredentials.events.EventHashChain;
import eu.microcredentials.events.KafkaCloudEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * The transactional outbox: tails the event store in commit-safe order and publishes each event to
 * its Kafka topic as a CloudEvent, then records how far it got. Nothing is published that did not
 * commit (it reads only below {@code pg_snapshot_xmin}), and nothing committed stays unpublished
 * (the checkpoint advances only after Kafka acknowledged). A crash between the two publishes the
 * last batch again; subscribers recognise those events by id and sequence.
 *
 * <p>Several instances of a service may run: in each round only the holder of a transaction-scoped
 * advisory lock publishes, so per-stream order is kept.
 *
 * <p>It does not poll an idle event store: it listens on the channel {@value #APPENDED}, which the event store
 * notifies when a transaction that appended events commits (kernel migration V1.6), and runs a round when woken,
 * at most one every {@code roundGap} however many commits woke it. For a second after it was last woken it
 * also runs a round every {@code roundGap} (an event held back behind an older transaction, which may append
 * nothing and so wake nobody, is then published once that one commits); otherwise it sleeps up to
 * {@code idlePause}, in case a notification was missed (e.g. while its listening connection was reconnecting).
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** The channel the event store notifies when events were appended (kernel migration V1.6). */
    static final String APPENDED = "event_store_appended";
    /** How long after a wake-up the relay keeps looking every round gap. */
    private static final Duration ACTIVE = Duration.ofSeconds(1);
    private static final Duration LISTEN_AGAIN = Duration.ofSeconds(5);
    private static final String LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('outbox-relay:' || $1)) AS locked";
    private static final String CHECKPOINT = """
            SELECT transaction_id::text AS transaction_id, global_position FROM outbox_relay_checkpoint
            WHERE relay = $1""";
    private static final String NEXT_EVENTS = """
            SELECT global_position, transaction_id::text AS transaction_text, event_id, stream_id, version, event_type,
                   source, occurred_at, awarding_body_id, country, data::text, hash, previous_hash
            FROM event_store
            WHERE (transaction_id, global_position) > ($1::text::xid8, $2)
              AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY event_store.transaction_id, global_position
            LIMIT $3""";
    private static final String SAVE_CHECKPOINT = """
            INSERT INTO outbox_relay_checkpoint (relay, transaction_id, global_position, published, updated_at)
            VALUES ($1, $2::text::xid8, $3, $4, now())
            ON CONFLICT (relay) DO UPDATE SET transaction_id = EXCLUDED.transaction_id,
                global_position = EXCLUDED.global_position,
                published = outbox_relay_checkpoint.published + EXCLUDED.published, updated_at = now()""";

    private final String name;
    private final Pool pool;
    private final Producer<String, byte[]> producer;
    private final int batchSize;
    private final Duration roundGap;
    private final Duration idlePause;
    private final Object wakeUps = new Object();
    private boolean woken;
    private long lastWokenAt = System.nanoTime() - ACTIVE.toNanos();
    private volatile SqlConnection listening;
    private long listenAgainAt = System.nanoTime();
    private final Counter published;
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile boolean running;
    private Thread thread;

    /**
     * @param name      the relay's name; instances with the same name share one checkpoint and take turns
     * @param producer  an idempotent producer ({@code acks=all}, {@code enable.idempotence=true})
     * @param roundGap  the least time from one round's start to the next's
     * @param idlePause the longest time the relay sleeps when it is not woken
     */
    public OutboxRelay(String name, Pool pool, Producer<String, byte[]> producer, int batchSize, Duration roundGap,
                       Duration idlePause, MeterRegistry meters) {
        this.name = name;
        this.pool = pool;
        this.producer = producer;
        this.batchSize = batchSize;
        this.roundGap = roundGap;
        this.idlePause = idlePause;
        this.published = Counter.builder("mc.outbox.published").description("events published to Kafka by the outbox relay")
                .tag("relay", name).register(meters);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "outbox-relay-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Duration backoff = roundGap;
        while (running) {
            try {
                if (listening == null && System.nanoTime() - listenAgainAt >= 0) {
                    listen();
                }
                long roundStarted = System.nanoTime();
                int count = publishNextBatch();
                lastError.set(null);
                backoff = roundGap;
                if (count < batchSize) {
                    pause(roundStarted);
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                lastError.set(e.toString());
                LOG.warnf(e, "outbox relay %s: round failed, retrying in %s", name, backoff);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                        : backoff.multipliedBy(2);
            }
        }
    }

    /** One round: publish the next committed events, if this instance holds the turn. Returns how many. */
    public int publishNextBatch() {
        return Transactions.inTransaction(pool, connection -> {
            if (!connection.preparedQuery(LOCK).execute(Tuple.of(name)).await().atMost(Transactions.TIMEOUT)
                    .iterator().next().getBoolean("locked")) {
                return 0;
            }
            String transactionId = "0";
            long position = 0;
            for (Row row : connection.preparedQuery(CHECKPOINT).execute(Tuple.of(name)).await()
                    .atMost(Transactions.TIMEOUT)) {
                transactionId = row.getString("transaction_id");
                position = row.getLong("global_position");
            }
            // per stream, in version order: a transaction that took its id early (a projection reacting to an
            // event) can append a stream's next version with a lower id than the version before it
            Map<String, TreeMap<Long, ProducerRecord<String, byte[]>>> byStream = new LinkedHashMap<>();
            int count = 0;
            for (Row row : connection.preparedQuery(NEXT_EVENTS).execute(Tuple.of(transactionId, position, batchSize))
                    .await().atMost(Transactions.TIMEOUT)) {
                byStream.computeIfAbsent(row.getString("stream_id"), stream -> new TreeMap<>())
                        .put(row.getLong("version"), record(row));
                transactionId = row.getString("transaction_text");
                position = row.getLong("global_position");
                count++;
            }
            if (count == 0) {
                return 0;
            }
            List<ProducerRecord<String, byte[]>> events = new ArrayList<>(count);
            byStream.values().forEach(stream -> events.addAll(stream.values()));
            publish(events);
            saveCheckpoint(connection, transactionId, position, events.size());
            return events.size();
        });
    }

    /** The event as a CloudEvent, with its hash chain link when it has one (events stored before chaining have none). */
    private static ProducerRecord<String, byte[]> record(Row row) {
        ProducerRecord<String, byte[]> record = KafkaCloudEvents.toRecord(EventStore.envelope(row));
        String hash = row.getString("hash");
        if (hash != null) {
            EventHashChain.addTo(record.headers(), new EventHashChain.Link(hash, row.getString("previous_hash")));
        }
        return record;
    }

    private void publish(List<ProducerRecord<String, byte[]>> events) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        for (ProducerRecord<String, byte[]> event : events) {
            acks.add(producer.send(event));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Kafka did not acknowledge: " + e.getMessage(), e);
            }
        }
        published.increment(events.size());
    }

    private void saveCheckpoint(SqlConnection connection, String transactionId, long position, int count) {
        connection.preparedQuery(SAVE_CHECKPOINT).execute(Tuple.of(name, transactionId, position, count))
                .await().atMost(Transactions.TIMEOUT);
    }

    /** Null while healthy; the last failure otherwise. */
    public String lastError() {
        return lastError.get();
    }

    /** Whether it holds a connection listening for appended events (else it looks every idle pause). */
    public boolean isListening() {
        return listening != null;
    }

    public boolean isRunning() {
        return running && thread != null && thread.isAlive();
    }

    /**
     * Holds one connection that listens on {@value #APPENDED}; when it closes, the next round listens again. Until
     * then the relay looks every {@code idlePause}.
     */
    private void listen() {
        SqlConnection connection = null;
        try {
            connection = pool.getConnection().await().atMost(Transactions.TIMEOUT);
            PgConnection pg = PgConnection.cast(connection.getDelegate());
            pg.notificationHandler(notification -> wakeUp());
            pg.closeHandler(closed -> listening = null);
            connection.query("LISTEN " + APPENDED).execute().await().atMost(Transactions.TIMEOUT);
            listening = connection;
        } catch (RuntimeException e) {
            // not fatal: the relay looks every idle pause meanwhile, and tries to listen again in a while
            LOG.warnf("outbox relay %s: cannot listen on %s (%s); looking every %s, listening again in %s", name, APPENDED,
                    e.toString(), idlePause, LISTEN_AGAIN);
            listenAgainAt = System.nanoTime() + LISTEN_AGAIN.toNanos();
            if (connection != null) {
                connection.closeAndForget();
            }
        }
    }

    private void wakeUp() {
        synchronized (wakeUps) {
            woken = true;
            lastWokenAt = System.nanoTime();
            wakeUps.notifyAll();
        }
    }

    /** Until the next round: woken (or, shortly after a wake-up, one round gap), or {@code idlePause}, never less than the gap. */
    private void pause(long roundStarted) {
        try {
            synchronized (wakeUps) {
                boolean active = System.nanoTime() - lastWokenAt < ACTIVE.toNanos();
                long until = roundStarted + (active ? roundGap : idlePause).toNanos();
                for (long left = until - System.nanoTime(); running && !woken && left > 0; left = until - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(wakeUps, left);
                }
                woken = false;
            }
            long gapLeft = roundStarted + roundGap.toNanos() - System.nanoTime();
            if (gapLeft > 0) {
                TimeUnit.NANOSECONDS.sleep(gapLeft);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        running = false;
        SqlConnection connection = listening;
        if (connection != null) {
            listening = null;
            connection.closeAndForget();
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

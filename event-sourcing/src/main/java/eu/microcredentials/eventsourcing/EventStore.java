package eu.microcredentials.eventsourcing;

import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.EventHashChain;
import eu.microcredentials.events.EventJson;
import eu.microcredentials.events.EventSchemas;
import eu.microcredentials.events.EventType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The append-only PostgreSQL event store. Streams are versioned from 1; {@code UNIQUE(stream_id,
 * version)} makes a concurrent append fail instead of forking the stream. Rows are never updated
 * or deleted (a trigger refuses it). The outbox relay publishes what commits here.
 *
 * <p>Appending must be a transaction's first write: the relay reads in transaction-id order, and a
 * transaction's id is taken at its first write.
 */
public final class EventStore {
    private static final String INSERT = """
            INSERT INTO event_store (event_id, stream_type, stream_id, version, event_type, source,
                                     occurred_at, awarding_body_id, country, data, hash, previous_hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::json, $11, $12)""";
    private static final String STREAM_HEAD_HASH = "SELECT hash FROM event_store WHERE stream_id = $1 AND version = $2";
    private static final String SELECT_STREAM = """
            SELECT event_id, stream_id, version, event_type, source, occurred_at, awarding_body_id, country, data::text
            FROM event_store WHERE stream_id = $1 ORDER BY version""";
    private static final String UNIQUE_VIOLATION = "23505";

    private final URI source;

    /** @param source the CloudEvents {@code source} of every event this store records, e.g. {@code /issuer-service} */
    public EventStore(URI source) {
        this.source = source;
    }

    /** The CloudEvents {@code source} of the events this store records. */
    public URI source() {
        return source;
    }

    /**
     * Appends events to a stream inside the caller's transaction.
     *
     * @param expectedVersion the version the decision was taken on (0 for a new stream)
     * @return the stored events, with their ids and versions
     * @throws ConcurrentAppend (as the Uni's failure) when the stream has moved on
     */
    public Uni<List<EventEnvelope>> append(SqlConnection transaction, String streamType, String streamId,
                                           long expectedVersion, List<PendingEvent> events) {
        List<EventEnvelope> stored = new ArrayList<>(events.size());
        long version = expectedVersion;
        for (PendingEvent event : events) {
            version++;
            stored.add(envelope(event, streamId, version));
        }
        if (events.isEmpty()) {
            return Uni.createFrom().item(stored);
        }
        Uni<String> previousHash = expectedVersion == 0 ? Uni.createFrom().nullItem()
                : transaction.preparedQuery(STREAM_HEAD_HASH).execute(Tuple.of(streamId, expectedVersion))
                        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("hash"));
        return previousHash.chain(head -> {
            List<Tuple> rows = new ArrayList<>(stored.size());
            String previous = head;
            for (EventEnvelope envelope : stored) {
                String hash = EventHashChain.hash(previous, envelope);
                rows.add(row(envelope, streamType, new EventHashChain.Link(hash, previous)));
                previous = hash;
            }
            return insert(transaction, rows, stored, streamId, expectedVersion);
        });
    }

    /**
     * Starts many streams at once, in the caller's transaction: each event is version 1 of the stream
     * its data names (bulk issuance writes a chunk of credentials in one round trip).
     */
    public Uni<List<EventEnvelope>> appendNewStreams(SqlConnection transaction, String streamType,
                                                     List<PendingEvent> firstEvents) {
        List<EventEnvelope> stored = new ArrayList<>(firstEvents.size());
        List<Tuple> rows = new ArrayList<>(firstEvents.size());
        for (PendingEvent event : firstEvents) {
            EventEnvelope envelope = envelope(event, event.data().streamId(), 1);
            stored.add(envelope);
            rows.add(row(envelope, streamType, new EventHashChain.Link(EventHashChain.hash(null, envelope), null)));
        }
        return insert(transaction, rows, stored, "(one of " + firstEvents.size() + " new streams)", 0);
    }

    private EventEnvelope envelope(PendingEvent event, String streamId, long version) {
        EventType type = EventType.of(event.data());
        if (!event.data().streamId().equals(streamId)) {
            throw new IllegalArgumentException(type.type() + " belongs to stream " + event.data().streamId()
                    + ", not " + streamId);
        }
        byte[] data = EventJson.write(event.data());
        EventSchemas.check(type, data); // never store what subscribers could not read
        // whole microseconds, as PostgreSQL keeps them: the envelope, its hash and the stored row agree
        return new EventEnvelope(UUID.randomUUID(), source, type, streamId,
                event.occurredAt().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC), version, event.awardingBody(), event.country(), data);
    }

    private Tuple row(EventEnvelope envelope, String streamType, EventHashChain.Link link) {
        // Arrays.asList, not List.of: awarding body, country and previous hash may be null
        return Tuple.from(Arrays.asList(envelope.id(), streamType, envelope.subject(), envelope.sequence(),
                envelope.type().type(), source.toString(), envelope.time(), envelope.awardingBody(), envelope.country(),
                new String(envelope.data(), StandardCharsets.UTF_8), link.hash(), link.previousHash()));
    }

    private static Uni<List<EventEnvelope>> insert(SqlConnection transaction, List<Tuple> rows, List<EventEnvelope> stored,
                                                   String streamId, long expectedVersion) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(stored);
        }
        return transaction.preparedQuery(INSERT).executeBatch(rows)
                .replaceWith(stored)
                .onFailure(EventStore::isUniqueViolation)
                .transform(e -> new ConcurrentAppend(streamId, expectedVersion));
    }

    /** All events of a stream, oldest first; empty when the stream does not exist. */
    public Uni<List<EventEnvelope>> load(SqlClient client, String streamId) {
        return client.preparedQuery(SELECT_STREAM).execute(Tuple.of(streamId))
                .map(rows -> {
                    List<EventEnvelope> events = new ArrayList<>();
                    for (Row row : rows) {
                        events.add(envelope(row));
                    }
                    return events;
                });
    }

    static EventEnvelope envelope(Row row) {
        return new EventEnvelope(row.getUUID("event_id"), URI.create(row.getString("source")),
                EventType.ofType(row.getString("event_type")), row.getString("stream_id"),
                row.getOffsetDateTime("occurred_at").withOffsetSameInstant(ZoneOffset.UTC), row.getLong("version"),
                row.getString("awarding_body_id"), row.getString("country"),
                row.getString("data").getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isUniqueViolation(Throwable failure) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                && "event_store_stream_id_version_key".equals(pg.getConstraint());
    }
}

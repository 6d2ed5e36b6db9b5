package eu.microcredentials.eventsourcing;

import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.EventHashChain;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The stream versions a projection takes in one batch, in two statements instead of one per event: the
 * versions it took before are read for every stream of the batch at once, each event is claimed in
 * memory (taken when its version is past the stream's last, exactly as one upsert per event would
 * decide), and the new versions are written together before the transaction commits. The caller holds
 * the batch's partitions (a stream's events share its partition), so nobody else claims these streams
 * meanwhile.
 */
final class StreamVersionClaims {
    /**
     * One lookup by the whole primary key per stream of the batch. Not {@code stream_id = ANY($3)}: on a
     * table PostgreSQL has no statistics for yet (a new database, until autovacuum first analyses it), the
     * planner guesses that {@code projection = $1 AND topic = $2} matches about one row and reads every
     * version of the topic, filtering them by the array (100 ms at 100,000 rows, for each batch); a
     * lateral lookup of one row by the whole key is planned the same with or without statistics.
     */
    private static final String TAKEN = """
            SELECT stream.id AS stream_id, taken.version
            FROM unnest($3::text[]) AS stream (id)
            CROSS JOIN LATERAL (SELECT version FROM projection_stream_version
                                WHERE projection = $1 AND topic = $2 AND stream_id = stream.id LIMIT 1) AS taken""";
    private static final String SAVE = """
            INSERT INTO projection_stream_version (projection, topic, stream_id, version, source, hash)
            SELECT $1, claim.topic, claim.stream_id, claim.version, claim.source, claim.hash
            FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[])
                AS claim (topic, stream_id, version, source, hash)
            ON CONFLICT (projection, topic, stream_id) DO UPDATE SET version = EXCLUDED.version,
                source = EXCLUDED.source, hash = EXCLUDED.hash
            WHERE projection_stream_version.version < EXCLUDED.version""";

    private record Stream(String topic, String streamId) {
    }

    private record Claim(long version, String source, String hash) {
    }

    private final String projection;
    private final Map<Stream, Long> taken = new HashMap<>();
    private final Map<Stream, Claim> claimed = new LinkedHashMap<>();

    private StreamVersionClaims(String projection) {
        this.projection = projection;
    }

    /** Reads the versions the projection took of the batch's streams (one statement per topic). */
    static StreamVersionClaims of(SqlConnection tx, String projection, List<ConsumerRecord<String, byte[]>> batch) {
        StreamVersionClaims claims = new StreamVersionClaims(projection);
        Map<String, Set<String>> streamsByTopic = batch.stream().filter(record -> record.key() != null)
                .collect(Collectors.groupingBy(ConsumerRecord::topic,
                        Collectors.mapping(ConsumerRecord::key, Collectors.toSet())));
        streamsByTopic.forEach((topic, streams) -> {
            for (Row row : tx.preparedQuery(TAKEN).execute(Tuple.of(projection, topic, streams.toArray(String[]::new)))
                    .await().atMost(Transactions.TIMEOUT)) {
                claims.taken.put(new Stream(topic, row.getString("stream_id")), row.getLong("version"));
            }
        });
        return claims;
    }

    /**
     * Takes this event of its stream: false when the projection took this version or a later one before.
     * Keeps the event's source and chained hash, for comparing what services applied.
     */
    boolean claim(ConsumerRecord<String, byte[]> record, EventEnvelope event) {
        Stream stream = new Stream(record.topic(), event.subject());
        Long last = taken.get(stream);
        if (last != null && last >= event.sequence()) {
            return false;
        }
        taken.put(stream, event.sequence());
        String hash = EventHashChain.readFrom(record).map(EventHashChain.Link::hash).orElse(null);
        claimed.put(stream, new Claim(event.sequence(), event.source().toString(), hash));
        return true;
    }

    /** The claimed event was refused, not applied: it must not count as applied when services are compared. */
    void notApplied(ConsumerRecord<String, byte[]> record, EventEnvelope event) {
        Stream stream = new Stream(record.topic(), event.subject());
        Claim claim = claimed.get(stream);
        if (claim != null) {
            claimed.put(stream, new Claim(claim.version(), claim.source(), null));
        }
    }

    /** Writes the versions claimed, in the batch's transaction. */
    void save(SqlConnection tx) {
        if (claimed.isEmpty()) {
            return;
        }
        List<String> topics = new ArrayList<>(claimed.size());
        List<String> streams = new ArrayList<>(claimed.size());
        List<Long> versions = new ArrayList<>(claimed.size());
        List<String> sources = new ArrayList<>(claimed.size());
        List<String> hashes = new ArrayList<>(claimed.size());
        claimed.forEach((stream, claim) -> {
            topics.add(stream.topic());
            streams.add(stream.streamId());
            versions.add(claim.version());
            sources.add(claim.source());
            hashes.add(claim.hash());
        });
        tx.preparedQuery(SAVE).execute(Tuple.of(projection, topics.toArray(String[]::new),
                        streams.toArray(String[]::new), versions.toArray(Long[]::new), sources.toArray(String[]::new),
                        hashes.toArray(String[]::new)))
                .await().atMost(Transactions.TIMEOUT);
        claimed.clear();
    }
}

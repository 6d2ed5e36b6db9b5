package eu.microcredentials.eventsourcing;

import eu.microcredentials.events.EventType;
import eu.microcredentials.events.Topic;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a service holds of a topic's streams, in a form services can compare: per stream the last
 * version it recorded or applied and that event's chained hash (which stands for every event before
 * it), folded into 256 buckets by the stream id's MD5 prefix. Equal digests: the same events. A
 * differing bucket is listed entry by entry to name the streams on which services disagree.
 */
public final class StreamDigests {
    private static final Pattern BUCKET = Pattern.compile("[0-9a-f]{2}");
    private static final String STORE_ENTRIES = """
            SELECT DISTINCT ON (stream_id) stream_id, version, hash FROM event_store
            WHERE event_type = ANY($1) AND source = $2 ORDER BY stream_id, version DESC""";
    private static final String PROJECTION_ENTRIES = """
            SELECT stream_id, version, hash FROM projection_stream_version
            WHERE projection = $1 AND topic = $2 AND source = $3""";
    private static final String BUCKETS = """
            SELECT substr(md5(stream_id), 1, 2) AS bucket, count(*) AS streams,
                   md5(string_agg(stream_id || ':' || version || ':' || coalesce(hash, '-'), ',' ORDER BY stream_id)) AS digest
            FROM (%s) e GROUP BY 1 ORDER BY 1""";
    private static final String BUCKET_ENTRIES = """
            SELECT stream_id, version, hash FROM (%s) e WHERE substr(md5(stream_id), 1, 2) = $%d ORDER BY stream_id""";

    private final Pool pool;

    public StreamDigests(Pool pool) {
        this.pool = pool;
    }

    /** One stream as a service holds it. */
    public record Entry(String streamId, long version, String hash) {
    }

    /** One bucket's streams, folded. */
    public record Bucket(String bucket, long streams, String digest) {
    }

    /**
     * What one holder (the event store, or a projection) has of a topic's streams from one source.
     *
     * @param heldBy {@code event-store} or {@code projection:<name>}
     */
    public record Digest(String topic, String source, String heldBy, long streams, String digest, List<Bucket> buckets) {
    }

    /** The event store's streams of the topic's event types recorded by {@code source}. */
    public Digest ofStore(Topic topic, String source) {
        return digest(topic, source, "event-store", STORE_ENTRIES, storeParameters(topic, source));
    }

    /** The streams of {@code topic} from {@code source} that the projection applied. */
    public Digest ofProjection(String projection, Topic topic, String source) {
        return digest(topic, source, "projection:" + projection, PROJECTION_ENTRIES,
                Tuple.of(projection, topic.topicName(), source));
    }

    /** The entries of one bucket, to name the streams a differing bucket disagrees on. */
    public List<Entry> entries(Topic topic, String source, String heldBy, String bucket) {
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("a bucket is two lower-case hex digits, was " + bucket);
        }
        boolean store = heldBy.equals("event-store");
        Tuple parameters = store ? storeParameters(topic, source)
                : Tuple.of(heldBy.replaceFirst("^projection:", ""), topic.topicName(), source);
        String query = BUCKET_ENTRIES.formatted(store ? STORE_ENTRIES : PROJECTION_ENTRIES, parameters.size() + 1);
        List<Entry> found = new ArrayList<>();
        for (Row row : pool.preparedQuery(query).execute(parameters.addString(bucket)).await().atMost(Transactions.TIMEOUT)) {
            found.add(new Entry(row.getString("stream_id"), row.getLong("version"), row.getString("hash")));
        }
        return found;
    }

    private Digest digest(Topic topic, String source, String heldBy, String entries, Tuple parameters) {
        List<Bucket> buckets = new ArrayList<>();
        long streams = 0;
        StringBuilder all = new StringBuilder();
        for (Row row : pool.preparedQuery(BUCKETS.formatted(entries))
                .execute(parameters).await().atMost(Transactions.TIMEOUT)) {
            Bucket bucket = new Bucket(row.getString("bucket"), row.getLong("streams"), row.getString("digest"));
            buckets.add(bucket);
            streams += bucket.streams();
            all.append(bucket.bucket()).append(':').append(bucket.digest()).append(';');
        }
        return new Digest(topic.topicName(), source, heldBy, streams, ReadModelChecksum.md5Hex(all.toString()), buckets);
    }

    private static Tuple storeParameters(Topic topic, String source) {
        String[] types = Arrays.stream(EventType.values()).filter(t -> t.topic() == topic).map(EventType::type)
                .toArray(String[]::new);
        return Tuple.tuple().addArrayOfString(types).addString(source);
    }

}

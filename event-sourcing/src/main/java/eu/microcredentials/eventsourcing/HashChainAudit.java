package eu.microcredentials.eventsourcing;

import eu.microcredentials.events.ContractViolation;
import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.EventHashChain;
import eu.microcredentials.events.EventType;
import eu.microcredentials.events.KafkaCloudEvents;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Checks the hash chains (see {@link EventHashChain}) of a service's event store and of the events
 * its outbox relay published to Kafka, and names the first break of each: an event whose content no
 * longer matches its hash, whose previous hash is not its predecessor's, or a missing event.
 */
public final class HashChainAudit {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PAGE = 2_000;
    private static final String PAGE_OF_STREAMS = """
            SELECT event_id, stream_id, version, event_type, source, occurred_at, awarding_body_id, country, data::text,
                   hash, previous_hash
            FROM event_store WHERE (stream_id, version) > ($1, $2) ORDER BY stream_id, version LIMIT $3""";

    private final Pool pool;
    private final URI source;
    private final String bootstrapServers;

    /** @param source the CloudEvents source of the events this service records; other sources' records are not its to check */
    public HashChainAudit(Pool pool, URI source, String bootstrapServers) {
        this.pool = pool;
        this.source = source;
        this.bootstrapServers = bootstrapServers;
    }

    /** Where a chain breaks first, and why. */
    public record Break(String streamId, long version, String eventId, String location, String problem) {
    }

    /** The store's chains: how many events and streams were checked, how many events predate chaining. */
    public record StoreChains(long events, long streams, long unchained, Break firstBreak) {
        public boolean intact() {
            return firstBreak == null;
        }
    }

    /** One topic's chains, over the records this service published there (republished duplicates are counted apart). */
    public record TopicChains(String topic, long records, long unchained, long duplicates, Break firstBreak) {
        public boolean intact() {
            return firstBreak == null;
        }
    }

    /** Everything checked at once: intact only when the store and every topic are. */
    public record Report(boolean intact, Instant checkedAt, StoreChains store, List<TopicChains> topics) {
    }

    public Report verify() {
        StoreChains store = verifyStore();
        List<TopicChains> topics = topicsOfStoredEvents().stream().map(this::verifyTopic).toList();
        return new Report(store.intact() && topics.stream().allMatch(TopicChains::intact), Instant.now(), store, topics);
    }

    /** Walks every stream of the store in version order, recomputing each hash. */
    public StoreChains verifyStore() {
        long events = 0;
        long streams = 0;
        long unchained = 0;
        String afterStream = "";
        long afterVersion = 0;
        String previousHash = null;
        while (true) {
            List<Row> page = new ArrayList<>(PAGE);
            pool.preparedQuery(PAGE_OF_STREAMS).execute(Tuple.of(afterStream, afterVersion, PAGE)).await().atMost(TIMEOUT)
                    .forEach(page::add);
            for (Row row : page) {
                String streamId = row.getString("stream_id");
                long version = row.getLong("version");
                String location = "event_store " + streamId + "#" + version;
                if (!streamId.equals(afterStream)) {
                    streams++;
                    afterVersion = 0;
                    previousHash = null;
                }
                events++;
                String eventId = row.getUUID("event_id").toString();
                if (version != afterVersion + 1) {
                    return new StoreChains(events, streams, unchained, new Break(streamId, version, eventId, location,
                            "version " + version + " follows version " + afterVersion + ": events in between are missing"));
                }
                String hash = row.getString("hash");
                if (hash == null) {
                    unchained++;
                } else {
                    String problem = problem(row, hash, previousHash);
                    if (problem != null) {
                        return new StoreChains(events, streams, unchained, new Break(streamId, version, eventId, location, problem));
                    }
                }
                previousHash = hash;
                afterStream = streamId;
                afterVersion = version;
            }
            if (page.size() < PAGE) {
                return new StoreChains(events, streams, unchained, null);
            }
        }
    }

    private static String problem(Row row, String hash, String expectedPreviousHash) {
        String previousHash = row.getString("previous_hash");
        if (!Objects.equals(previousHash, expectedPreviousHash)) {
            return "its previous hash " + previousHash + " is not the hash of the event before it, " + expectedPreviousHash;
        }
        EventEnvelope event;
        try {
            event = EventStore.envelope(row);
        } catch (RuntimeException e) {
            return "it cannot be read as an event: " + e.getMessage();
        }
        return hash.equals(EventHashChain.hash(previousHash, event)) ? null
                : "its content does not match its hash: it was changed after it was recorded";
    }

    /** Reads one topic from its first offset to its end as of now, checking the records this service published. */
    public TopicChains verifyTopic(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000,
                ConsumerConfig.CLIENT_ID_CONFIG, "hash-chain-audit" + source.getPath().replace('/', '-'));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo partition : consumer.partitionsFor(topic, TIMEOUT)) {
                partitions.add(new TopicPartition(topic, partition.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, TIMEOUT));
            TopicWalk walk = new TopicWalk(topic);
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey(), TIMEOUT) < end.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " took longer than 10 minutes");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))
                            && walk.check(record).isPresent()) {
                        return walk.result();
                    }
                }
            }
            return walk.result();
        }
    }

    /** The state of one topic's check: the last link seen per stream. */
    private final class TopicWalk {
        private final String topic;
        private final Map<String, SeenLink> last = new HashMap<>();
        private long records;
        private long unchained;
        private long duplicates;
        private Break firstBreak;

        private TopicWalk(String topic) {
            this.topic = topic;
        }

        private record SeenLink(long sequence, String hash) {
        }

        /** Checks one record; the break, if this record is the first one. */
        Optional<Break> check(ConsumerRecord<String, byte[]> record) {
            Header sourceHeader = record.headers().lastHeader("ce_source");
            if (sourceHeader == null || !source.toString().equals(new String(sourceHeader.value(), StandardCharsets.UTF_8))) {
                return Optional.empty();
            }
            records++;
            String location = topic + "-" + record.partition() + "@" + record.offset();
            EventEnvelope event;
            try {
                event = KafkaCloudEvents.fromRecord(record);
            } catch (ContractViolation | IllegalArgumentException e) {
                return broken(new Break(record.key(), 0, null, location, "not a readable event: " + e.getMessage()));
            }
            Optional<EventHashChain.Link> link = EventHashChain.readFrom(record);
            SeenLink before = last.get(event.subject());
            String eventId = event.id().toString();
            if (link.isEmpty()) {
                unchained++;
                last.put(event.subject(), new SeenLink(event.sequence(), null));
                return Optional.empty();
            }
            if (before != null && event.sequence() <= before.sequence()) {
                // the relay publishes its last batch again after a crash: an earlier event of the stream, seen before
                if (!link.get().hash().equals(EventHashChain.hash(link.get().previousHash(), event))) {
                    return broken(new Break(event.subject(), event.sequence(), eventId, location,
                            "a repeated event whose content does not match its hash"));
                }
                duplicates++;
                return Optional.empty();
            }
            long expectedSequence = before == null ? 1 : before.sequence() + 1;
            if (event.sequence() != expectedSequence) {
                return broken(new Break(event.subject(), event.sequence(), eventId, location,
                        "sequence " + event.sequence() + " where " + expectedSequence + " was expected: events are missing"));
            }
            String expectedPrevious = before == null ? null : before.hash();
            if (before == null || before.hash() != null) {
                if (!Objects.equals(link.get().previousHash(), expectedPrevious)) {
                    return broken(new Break(event.subject(), event.sequence(), eventId, location, "its previous hash "
                            + link.get().previousHash() + " is not the hash of the event before it, " + expectedPrevious));
                }
            }
            if (!link.get().hash().equals(EventHashChain.hash(link.get().previousHash(), event))) {
                return broken(new Break(event.subject(), event.sequence(), eventId, location,
                        "its content does not match its hash: it was changed after it was recorded"));
            }
            last.put(event.subject(), new SeenLink(event.sequence(), link.get().hash()));
            return Optional.empty();
        }

        private Optional<Break> broken(Break found) {
            firstBreak = found;
            return Optional.of(found);
        }

        TopicChains result() {
            return new TopicChains(topic, records, unchained, duplicates, firstBreak);
        }
    }

    private List<String> topicsOfStoredEvents() {
        TreeSet<String> topics = new TreeSet<>();
        pool.query("SELECT DISTINCT event_type FROM event_store").execute().await().atMost(TIMEOUT)
                .forEach(row -> topics.add(EventType.ofType(row.getString("event_type")).topic().topicName()));
        return List.copyOf(topics);
    }
}

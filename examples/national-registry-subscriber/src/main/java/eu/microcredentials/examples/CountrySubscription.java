package eu.microcredentials.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A national registry's subscription to its country's credential events: consumes
 * {@code mc.credentials.v1} with a consumer group of its own, keeps the records whose
 * {@code ce_country} header is the country, drops redeliveries by {@code ce_id}, and hands each event
 * to a callback before committing its offset (at least once: an event whose callback did not return
 * is read again).
 *
 * <p>Not thread-safe, like the Kafka consumer it wraps: one thread polls; any thread may {@link #wakeup()}.
 */
public final class CountrySubscription implements AutoCloseable {
    public static final String TOPIC = "mc.credentials.v1";
    public static final String COUNTRY_HEADER = "ce_country";
    public static final String ID_HEADER = "ce_id";
    /**
     * How many event ids are remembered for de-duplication. A redelivery follows its original closely (the
     * issuer's relay sends its last batch again after a crash), so a window of recent ids catches it; a
     * registry that must never apply an event twice keeps the ids in its own database, in the transaction
     * that applies the event, and so survives its own restarts too.
     */
    static final int REMEMBERED_IDS = 100_000;
    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Z]{2}");

    /** What to subscribe to, and where to start. */
    public record Settings(String bootstrapServers, String country, String groupId, StartingPoint start) {
        public Settings {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(country, "country");
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(start, "start");
            country = country.toUpperCase(Locale.ROOT);
            if (!COUNTRY_CODE.matcher(country).matches()) {
                throw new IllegalArgumentException("the country must be an ISO 3166-1 alpha-2 code such as PT; was " + country);
            }
        }

        /** The group a registry uses unless told otherwise: {@code national-registry-<country>}, e.g. national-registry-pt. */
        public static String defaultGroup(String country) {
            return "national-registry-" + country.toLowerCase(Locale.ROOT);
        }
    }

    private final Settings settings;
    private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
    private final Set<TopicPartition> positioned = new HashSet<>();
    private final Set<String> seen = recentIds();
    private long delivered;
    private long duplicates;

    /** Subscribes; the consumer joins its group with the first poll. */
    public CountrySubscription(Settings settings) {
        this(settings, new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, settings.groupId(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer()));
    }

    /** With a consumer made elsewhere (a {@code MockConsumer} in tests); it is closed with this subscription. */
    CountrySubscription(Settings settings, org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer) {
        this.settings = settings;
        this.consumer = consumer;
        consumer.subscribe(List.of(TOPIC), new Positioning());
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Polls once and hands every new event of the country to {@code onEvent}, in partition order, then
     * commits what was read.
     *
     * @param limit at most this many events are handed over; the records after the last one handed are read
     *              again by the next poll
     * @return how many events were handed over
     */
    public int poll(Duration timeout, int limit, Consumer<CredentialEvent> onEvent) {
        ConsumerRecords<String, byte[]> records = consumer.poll(timeout);
        Map<TopicPartition, OffsetAndMetadata> read = new HashMap<>();
        int handed = 0;
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (handed >= limit) {
                    consumer.seek(partition, record.offset());
                    break;
                }
                if (hand(record, onEvent)) {
                    handed++;
                }
                read.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        if (!read.isEmpty()) {
            consumer.commitSync(read);
        }
        return handed;
    }

    /** {@link #poll(Duration, int, Consumer)} without a limit. */
    public int poll(Duration timeout, Consumer<CredentialEvent> onEvent) {
        return poll(timeout, Integer.MAX_VALUE, onEvent);
    }

    /**
     * Where every partition of the topic ends now: {@link #caughtUp} with these tells when everything that
     * had been published by then is read.
     */
    public Map<TopicPartition, Long> endOffsets() {
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        return consumer.endOffsets(partitions, Duration.ofSeconds(30));
    }

    /**
     * Whether every partition this subscription holds is read up to {@code ends}. Partitions that other
     * members of the group hold are theirs to read.
     */
    public boolean caughtUp(Map<TopicPartition, Long> ends) {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty() || !positioned.containsAll(assigned)) {
            return false;
        }
        for (TopicPartition partition : assigned) {
            if (consumer.position(partition, Duration.ofSeconds(30)) < ends.getOrDefault(partition, 0L)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads until everything published before this call is read, handing the country's events over.
     *
     * @return how many events were handed over
     * @throws IllegalStateException if that takes longer than {@code deadline}
     */
    public int catchUp(Duration deadline, Consumer<CredentialEvent> onEvent) {
        Map<TopicPartition, Long> ends = endOffsets();
        long end = System.nanoTime() + deadline.toNanos();
        int handed = 0;
        do {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("not caught up with " + TOPIC + " within " + deadline.toSeconds()
                        + " s: at " + positions() + ", the end was " + ends);
            }
            handed += poll(Duration.ofMillis(200), onEvent);
        } while (!caughtUp(ends));
        return handed;
    }

    /** Makes a poll in progress, or the next one, return at once with a {@link org.apache.kafka.common.errors.WakeupException}. */
    public void wakeup() {
        consumer.wakeup();
    }

    /** Events handed over so far. */
    public long delivered() {
        return delivered;
    }

    /** Events of the country dropped because their {@code ce_id} had been handed over already. */
    public long duplicates() {
        return duplicates;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(10));
    }

    private boolean hand(ConsumerRecord<String, byte[]> record, Consumer<CredentialEvent> onEvent) {
        if (!settings.country().equals(CredentialEvent.header(record, COUNTRY_HEADER))) {
            return false;
        }
        String id = CredentialEvent.header(record, ID_HEADER);
        if (id == null) {
            // no CloudEvent: nothing to tell a registry, and nothing to deduplicate it by
            return false;
        }
        if (seen.contains(id)) {
            duplicates++;
            return false;
        }
        onEvent.accept(CredentialEvent.of(record));
        // remembered only once handed over: an event whose callback threw is not taken for a duplicate
        seen.add(id);
        delivered++;
        return true;
    }

    private Map<TopicPartition, Long> positions() {
        Map<TopicPartition, Long> positions = new LinkedHashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            positions.put(partition, consumer.position(partition, Duration.ofSeconds(5)));
        }
        return positions;
    }

    private static Set<String> recentIds() {
        return Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REMEMBERED_IDS;
            }
        });
    }

    /** Places each partition at the starting point the first time this subscription is given it. */
    private final class Positioning implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            List<TopicPartition> fresh = new ArrayList<>(partitions);
            fresh.removeAll(positioned);
            if (fresh.isEmpty()) {
                return;
            }
            // Committed: the group's committed offsets, or the beginning for a new group (auto.offset.reset)
            if (settings.start() instanceof StartingPoint.Beginning) {
                consumer.seekToBeginning(fresh);
            } else if (settings.start() instanceof StartingPoint.At at) {
                seekToTime(fresh, at);
            }
            positioned.addAll(fresh);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // every poll commits what it read before returning: nothing is pending here
        }

        private void seekToTime(List<TopicPartition> partitions, StartingPoint.At at) {
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(partition -> times.put(partition, at.time().toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, Duration.ofSeconds(30));
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp offset = offsets.get(partition);
                if (offset == null) {
                    // nothing published at or after that time yet: start with what comes next
                    consumer.seekToEnd(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                }
            }
        }
    }
}

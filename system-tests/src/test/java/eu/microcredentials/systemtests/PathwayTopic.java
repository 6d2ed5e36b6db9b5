package eu.microcredentials.systemtests;

import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.KafkaCloudEvents;
import eu.microcredentials.events.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * mc.pathways.v1 as any subscriber reads it: every partition from the beginning, outside any consumer group; the
 * events read are kept, so that several can be looked for one after the other.
 */
final class PathwayTopic implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<EventEnvelope> read = new ArrayList<>();

    PathwayTopic() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Platform.kafkaBootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        String topic = Topic.PATHWAYS.topicName();
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** The events that match, once there are at least {@code count} of them; fails after the deadline with fewer. */
    List<EventEnvelope> await(Predicate<EventEnvelope> match, int count, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            consumer.poll(Duration.ofMillis(200)).forEach(record -> read.add(KafkaCloudEvents.fromRecord(record)));
            List<EventEnvelope> matching = read.stream().filter(match).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("only " + matching.size() + " of " + count + " matching events on "
                        + Topic.PATHWAYS.topicName() + " within " + deadline);
            }
        }
    }

    /** Everything that matches among what the topic holds now (read to its end). */
    List<EventEnvelope> allNow(Predicate<EventEnvelope> match) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            consumer.poll(Duration.ofMillis(200)).forEach(record -> read.add(KafkaCloudEvents.fromRecord(record)));
        }
        return read.stream().filter(match).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}

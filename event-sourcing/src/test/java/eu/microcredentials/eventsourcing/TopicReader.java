package eu.microcredentials.eventsourcing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic from the beginning, without a consumer group, as a subscriber's audit would. */
final class TopicReader {
    private TopicReader() {
    }

    /** Every record matching {@code wanted}, read until the end offsets seen at the start (and at least until {@code expected} matched). */
    static List<ConsumerRecord<String, byte[]>> read(String topic, Predicate<ConsumerRecord<String, byte[]>> wanted,
                                                    int expected, Duration deadline) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KernelInfrastructure.KAFKA);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            long end = System.nanoTime() + deadline.toNanos();
            while (partitions.isEmpty() && System.nanoTime() < end) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions);
            while (System.nanoTime() < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (wanted.test(record)) {
                        found.add(record);
                    }
                }
                boolean atEnd = true;
                for (TopicPartition partition : partitions) {
                    atEnd &= consumer.position(partition) >= endOffsets.get(partition);
                }
                if (atEnd && found.size() >= expected) {
                    return found;
                }
                if (atEnd) {
                    endOffsets = consumer.endOffsets(partitions);
                }
            }
            return found;
        }
    }
}

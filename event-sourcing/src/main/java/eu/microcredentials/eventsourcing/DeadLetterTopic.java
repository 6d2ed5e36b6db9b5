package eu.microcredentials.eventsourcing;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Where a service puts the records it cannot apply: the original key, value and headers, plus
 * {@code dlt_*} headers saying why and where the record came from. Sending waits for Kafka's
 * acknowledgement, so a record is never skipped before it is safely dead-lettered.
 */
public final class DeadLetterTopic {
    private final String topic;
    private final Producer<String, byte[]> producer;

    public DeadLetterTopic(String topic, Producer<String, byte[]> producer) {
        this.topic = topic;
        this.producer = producer;
    }

    public String topic() {
        return topic;
    }

    public void send(ConsumerRecord<String, byte[]> original, String consumer, Throwable reason) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, original.key(), original.value());
        for (Header header : original.headers()) {
            record.headers().add(header);
        }
        header(record, "dlt_reason", String.valueOf(reason.getMessage()));
        header(record, "dlt_exception", reason.getClass().getName());
        header(record, "dlt_original_topic", original.topic());
        header(record, "dlt_original_partition", Integer.toString(original.partition()));
        header(record, "dlt_original_offset", Long.toString(original.offset()));
        header(record, "dlt_consumer", consumer);
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("dead-letter topic " + topic + " did not acknowledge", e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}

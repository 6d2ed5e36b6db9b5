package eu.microcredentials.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One credential event as a national registry receives it: the CloudEvents attributes from the
 * record's headers, the fields it lists from the data, and where the record sits in Kafka.
 *
 * @param title     the credential's title; null for an event whose data has none (revoked, suspended, ...)
 * @param learnerId the learner's identifier; null likewise
 * @param data      the event's data as sent (JSON null when it is not JSON)
 * @param recordTime the record's Kafka timestamp: when it was published, the time {@code --from} compares with
 */
public record CredentialEvent(String id, String type, String subject, String time, Long sequence, String country,
                              String awardingBody, String title, String learnerId, JsonNode data, String topic,
                              int partition, long offset, Instant recordTime) {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a record of {@code mc.credentials.v1} (CloudEvents binary mode: attributes in {@code ce_*} headers). */
    public static CredentialEvent of(ConsumerRecord<String, byte[]> record) {
        JsonNode data = parse(record.value());
        String sequence = header(record, "ce_sequence");
        return new CredentialEvent(header(record, "ce_id"), header(record, "ce_type"), header(record, "ce_subject"),
                header(record, "ce_time"), sequence == null || !sequence.matches("[0-9]{1,18}") ? null : Long.valueOf(sequence),
                header(record, "ce_country"), header(record, "ce_awardingbody"), text(data.path("title")),
                text(data.path("learner").path("id")), data, record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()));
    }

    /** The line the subscriber prints: the event's id, type, subject and time, and the credential's title and learner. */
    public ObjectNode summary() {
        ObjectNode line = JSON.createObjectNode();
        line.put("ce_id", id);
        line.put("ce_type", type);
        line.put("ce_subject", subject);
        line.put("ce_time", time);
        line.put("title", title);
        line.put("learnerId", learnerId);
        return line;
    }

    /** The value of a header as UTF-8 text; null when the record does not have it. */
    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode parse(byte[] value) {
        if (value == null) {
            return JSON.nullNode();
        }
        try {
            JsonNode node = JSON.readTree(value);
            return node == null ? JSON.nullNode() : node;
        } catch (IOException e) {
            // not for this subscriber to judge: it reports the attributes and leaves the data out
            return JSON.nullNode();
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : null;
    }
}

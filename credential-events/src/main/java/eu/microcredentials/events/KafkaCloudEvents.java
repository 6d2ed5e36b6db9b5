package eu.microcredentials.events;

import eu.microcredentials.events.data.EventData;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The CloudEvents Kafka protocol binding in binary content mode, as the contract fixes it:
 * attributes as {@code ce_*} headers, {@code content-type: application/json}, the data as the
 * record value, the stream id as the record key.
 */
public final class KafkaCloudEvents {
    public static final String CONTENT_TYPE = "application/json";
    public static final String SEQUENCE = "sequence";
    public static final String AWARDING_BODY = "awardingbody";
    public static final String COUNTRY = "country";
    private static final Pattern SEQUENCE_FORMAT = Pattern.compile("[1-9][0-9]*");
    private static final Pattern COUNTRY_FORMAT = Pattern.compile("[A-Z]{2}");

    private KafkaCloudEvents() {
    }

    public static ProducerRecord<String, byte[]> toRecord(EventEnvelope event) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(event.id().toString())
                .withSource(event.source())
                .withType(event.type().type())
                .withSubject(event.subject())
                .withTime(event.time())
                .withDataContentType(CONTENT_TYPE)
                .withExtension(SEQUENCE, Long.toString(event.sequence()))
                .withData(event.data());
        if (event.awardingBody() != null) {
            builder.withExtension(AWARDING_BODY, event.awardingBody());
        }
        if (event.country() != null) {
            builder.withExtension(COUNTRY, event.country());
        }
        return KafkaMessageFactory.<String>createWriter(event.topic().topicName(), event.subject())
                .writeBinary(builder.build());
    }

    /** Reads a record of a contract topic; anything that breaks the contract is a {@link ContractViolation}. */
    public static EventEnvelope fromRecord(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (CloudEventRWException | IllegalStateException e) {
            throw new ContractViolation("not a CloudEvent in binary mode: " + e.getMessage(), e);
        }
        if (event.getSpecVersion() != SpecVersion.V1) {
            throw new ContractViolation("unsupported specversion " + event.getSpecVersion());
        }
        if (!CONTENT_TYPE.equals(event.getDataContentType())) {
            throw new ContractViolation("content-type must be " + CONTENT_TYPE + ", was " + event.getDataContentType());
        }
        EventType type = EventType.ofType(event.getType());
        if (!type.topic().topicName().equals(record.topic())) {
            throw new ContractViolation(type.type() + " does not belong on topic " + record.topic());
        }
        String subject = required(event.getSubject(), "subject");
        if (record.key() == null) {
            throw new ContractViolation("record has no key; the key must be the stream id " + subject);
        }
        if (!record.key().equals(subject)) {
            throw new ContractViolation("record key " + record.key() + " differs from subject " + subject);
        }
        UUID id;
        try {
            id = UUID.fromString(event.getId());
        } catch (IllegalArgumentException e) {
            throw new ContractViolation("id is not a UUID: " + event.getId(), e);
        }
        String sequenceText = required(extension(event, SEQUENCE), SEQUENCE);
        if (!SEQUENCE_FORMAT.matcher(sequenceText).matches()) {
            throw new ContractViolation("sequence must be a decimal number from 1 without leading zeros, was " + sequenceText);
        }
        long sequence;
        try {
            sequence = Long.parseLong(sequenceText);
        } catch (NumberFormatException e) {
            throw new ContractViolation("sequence is out of range: " + sequenceText, e);
        }
        String country = extension(event, COUNTRY);
        if (country != null && !COUNTRY_FORMAT.matcher(country).matches()) {
            throw new ContractViolation("country must be an ISO 3166-1 alpha-2 code, was " + country);
        }
        if (event.getData() == null) {
            throw new ContractViolation("event has no data");
        }
        byte[] data = event.getData().toBytes();
        // parsed once: checked against the schema, then decoded from the same tree, and kept decoded
        EventData decoded = EventJson.read(EventSchemas.validated(type, data), type.dataClass());
        EventEnvelope envelope = new EventEnvelope(id, event.getSource(), type, subject,
                required(event.getTime(), "time"), sequence, extension(event, AWARDING_BODY), country, data, decoded);
        String streamId = decoded.streamId();
        if (!subject.equals(streamId)) {
            throw new ContractViolation("subject " + subject + " differs from the data's stream id " + streamId);
        }
        return envelope;
    }

    private static String extension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        return value == null ? null : value.toString();
    }

    private static <T> T required(T value, String attribute) {
        if (value == null) {
            throw new ContractViolation("missing CloudEvents attribute " + attribute);
        }
        return value;
    }
}

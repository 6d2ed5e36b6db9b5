package eu.microcredentials.events;

import eu.microcredentials.events.data.EventData;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * One event as it travels between services: the CloudEvents context attributes and the JSON data.
 *
 * @param id           {@code ce_id}; unique per event, the subscribers' deduplication key
 * @param source       {@code ce_source}; the service that recorded the event
 * @param type         {@code ce_type}
 * @param subject      {@code ce_subject}; the stream id, also the Kafka key
 * @param time         {@code ce_time}; when the event was recorded
 * @param sequence     {@code ce_sequence}; the event's version within its stream, from 1
 * @param awardingBody {@code ce_awardingbody}; the awarding body the event concerns, if any
 * @param country      {@code ce_country}; ISO 3166-1 alpha-2 country of the issuer, if any
 * @param data         the event data, JSON
 */
public record EventEnvelope(UUID id, URI source, EventType type, String subject, OffsetDateTime time,
                            long sequence, String awardingBody, String country, byte[] data) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1, was " + sequence);
        }
    }

    /** The data as its contract record. */
    public EventData decode() {
        return EventJson.read(data, type.dataClass());
    }

    public Topic topic() {
        return type.topic();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventEnvelope other && id.equals(other.id) && source.equals(other.source)
                && type == other.type && subject.equals(other.subject) && time.isEqual(other.time)
                && sequence == other.sequence && Objects.equals(awardingBody, other.awardingBody)
                && Objects.equals(country, other.country) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type, subject, sequence);
    }

    @Override
    public String toString() {
        return "EventEnvelope[" + type.type() + " " + subject + "#" + sequence + " id=" + id + "]";
    }
}

package eu.microcredentials.events;

import eu.microcredentials.events.data.EventData;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * One event as it travels between services: the CloudEvents context attributes and the JSON data.
 * Its data is decoded at most once (a class rather than a record only so that it can keep the decoded
 * data: a subscriber's runner checks the data's stream id and its projection reads it, from one decode).
 */
public final class EventEnvelope {
    private final UUID id;
    private final URI source;
    private final EventType type;
    private final String subject;
    private final OffsetDateTime time;
    private final long sequence;
    private final String awardingBody;
    private final String country;
    private final byte[] data;
    private volatile EventData decoded;

    /**
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
    public EventEnvelope(UUID id, URI source, EventType type, String subject, OffsetDateTime time,
                         long sequence, String awardingBody, String country, byte[] data) {
        this(id, source, type, subject, time, sequence, awardingBody, country, data, null);
    }

    /** As the other constructor, with the data already decoded from (or encoded as) {@code data}. */
    EventEnvelope(UUID id, URI source, EventType type, String subject, OffsetDateTime time,
                  long sequence, String awardingBody, String country, byte[] data, EventData decoded) {
        this.id = Objects.requireNonNull(id, "id");
        this.source = Objects.requireNonNull(source, "source");
        this.type = Objects.requireNonNull(type, "type");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.time = Objects.requireNonNull(time, "time");
        this.data = Objects.requireNonNull(data, "data");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1, was " + sequence);
        }
        this.sequence = sequence;
        this.awardingBody = awardingBody;
        this.country = country;
        this.decoded = decoded;
    }

    public UUID id() {
        return id;
    }

    public URI source() {
        return source;
    }

    public EventType type() {
        return type;
    }

    public String subject() {
        return subject;
    }

    public OffsetDateTime time() {
        return time;
    }

    public long sequence() {
        return sequence;
    }

    public String awardingBody() {
        return awardingBody;
    }

    public String country() {
        return country;
    }

    public byte[] data() {
        return data;
    }

    /** The data as its contract record (decoded on first use, then kept). */
    public EventData decode() {
        EventData known = decoded;
        if (known == null) {
            known = EventJson.read(data, type.dataClass());
            decoded = known;
        }
        return known;
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

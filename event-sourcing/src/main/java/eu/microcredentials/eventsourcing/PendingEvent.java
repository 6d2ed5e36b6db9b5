package eu.microcredentials.eventsourcing;

import eu.microcredentials.events.data.EventData;
import java.time.Instant;
import java.util.Objects;

/**
 * An event a decision produced, not yet stored.
 *
 * @param awardingBody the awarding body it concerns (CloudEvents extension {@code awardingbody}), or null
 * @param country      the issuer's country (CloudEvents extension {@code country}), or null
 */
public record PendingEvent(EventData data, Instant occurredAt, String awardingBody, String country) {
    public PendingEvent {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}

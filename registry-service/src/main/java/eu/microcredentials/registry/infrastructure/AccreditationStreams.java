package eu.microcredentials.registry.infrastructure;

import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.data.AccreditationGranted;
import eu.microcredentials.events.data.AccreditationWithdrawn;
import eu.microcredentials.events.data.EventData;
import eu.microcredentials.eventsourcing.EventStore;
import eu.microcredentials.eventsourcing.PendingEvent;
import eu.microcredentials.registry.domain.accreditation.AccreditationEvent;
import eu.microcredentials.registry.domain.accreditation.AwardingBodyId;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;

/**
 * Loads an awarding body's accreditation stream from the registry's event store and appends to it,
 * mapping the domain's events to the contract's {@code accreditation.granted.v1} / {@code withdrawn.v1}.
 */
@ApplicationScoped
public class AccreditationStreams {
    static final String ACCREDITATION = "accreditation";

    private final EventStore store;

    public AccreditationStreams(EventStore store) {
        this.store = store;
    }

    /** The events of a stream and the version they bring it to. */
    public record Loaded(List<AccreditationEvent> events, long version) {
    }

    public Uni<Loaded> load(SqlClient client, AwardingBodyId id) {
        return store.load(client, id.value()).map(events -> new Loaded(
                events.stream().map(AccreditationStreams::toDomain).toList(), events.size()));
    }

    /** Appends at the version the decision was taken on: must be the transaction's first write. */
    public Uni<Void> append(SqlConnection tx, AwardingBodyId id, long expectedVersion, String country,
                            List<AccreditationEvent> events) {
        return store.append(tx, ACCREDITATION, id.value(), expectedVersion,
                events.stream().map(event -> new PendingEvent(toContract(event), event.decidedAt(), id.value(), country))
                        .toList()).replaceWithVoid();
    }

    static EventData toContract(AccreditationEvent event) {
        if (event instanceof AccreditationEvent.Granted granted) {
            return new AccreditationGranted(granted.awardingBodyId().value(), granted.qualityAssuranceAgency(),
                    text(granted.evidence()), granted.validFrom(), granted.validUntil(), granted.actor(),
                    granted.decidedAt());
        }
        AccreditationEvent.Withdrawn withdrawn = (AccreditationEvent.Withdrawn) event;
        return new AccreditationWithdrawn(withdrawn.awardingBodyId().value(), withdrawn.qualityAssuranceAgency(),
                text(withdrawn.evidence()), null, withdrawn.effectiveFrom(), withdrawn.actor(), withdrawn.decidedAt());
    }

    static AccreditationEvent toDomain(EventEnvelope envelope) {
        EventData data = envelope.decode();
        if (data instanceof AccreditationGranted granted) {
            return new AccreditationEvent.Granted(new AwardingBodyId(granted.awardingBodyId()),
                    granted.qualityAssuranceAgency(), uri(granted.evidence()),
                    granted.validFrom() != null ? granted.validFrom() : granted.decidedAt(), granted.validUntil(),
                    granted.actor(), granted.decidedAt());
        }
        if (data instanceof AccreditationWithdrawn withdrawn) {
            return new AccreditationEvent.Withdrawn(new AwardingBodyId(withdrawn.awardingBodyId()),
                    withdrawn.qualityAssuranceAgency(), uri(withdrawn.evidence()),
                    withdrawn.effectiveFrom() != null ? withdrawn.effectiveFrom() : withdrawn.decidedAt(),
                    withdrawn.actor(), withdrawn.decidedAt());
        }
        throw new IllegalStateException("stream " + envelope.subject() + " holds " + envelope.type().type()
                + ", not an accreditation event");
    }

    private static String text(URI uri) {
        return uri == null ? null : uri.toString();
    }

    private static URI uri(String text) {
        return text == null ? null : URI.create(text);
    }
}

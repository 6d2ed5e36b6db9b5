package eu.microcredentials.recognition.infrastructure;

import com.fasterxml.jackson.core.JsonProcessingException;
import eu.microcredentials.events.EventJson;
import eu.microcredentials.events.data.EventData;
import eu.microcredentials.events.data.PathwayCompleted;
import eu.microcredentials.events.data.PathwayDefined;
import eu.microcredentials.eventsourcing.EventStore;
import eu.microcredentials.eventsourcing.PendingEvent;
import eu.microcredentials.recognition.domain.pathway.Pathway;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Learning pathways, each a stream of recognition-service's event store (pathway.defined.v1 on mc.pathways.v1): the
 * write side (following credentials, completing) reads them from there; the API shows the definitions read model
 * ({@code pathway}). Pathways are never changed once defined.
 */
@ApplicationScoped
public class PathwayStore {
    static final String PATHWAY = "pathway";
    private static final String COLUMNS = "pathway::text AS pathway, target::text AS target, organisation_id";

    private final EventStore store;

    public PathwayStore(EventStore store) {
        this.store = store;
    }

    /**
     * A pathway and the content of the stacked credential it awards.
     *
     * @param organisationId the awarding body's organisation that defined it (null: before organisations existed)
     */
    public record Defined(Pathway pathway, PathwayCompleted.StackedCredential target, String organisationId) {
    }

    public Uni<Void> define(SqlConnection tx, Defined defined) {
        Pathway p = defined.pathway();
        return store.append(tx, PATHWAY, p.id(), 0, List.of(new PendingEvent(toContract(defined), p.definedAt(),
                p.awardingBodyId(), null))).replaceWithVoid();
    }

    /** Every pathway defined, oldest first, as the event store has them (the write side's view). */
    public Uni<List<Defined>> all(SqlClient client) {
        return client.query("SELECT data::text AS data FROM event_store WHERE stream_type = '" + PATHWAY
                        + "' AND version = 1 ORDER BY global_position").execute()
                .map(rows -> {
                    List<Defined> all = new ArrayList<>();
                    for (Row row : rows) {
                        all.add(toDomain(EventJson.read(row.getString("data").getBytes(StandardCharsets.UTF_8),
                                PathwayDefined.class)).orElseThrow());
                    }
                    return all;
                });
    }

    /** A pathway as the definitions read model shows it. */
    public Uni<Optional<Defined>> find(SqlClient client, String id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM pathway WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> defined(rows).stream().findFirst());
    }

    /** Every pathway the definitions read model shows, oldest first. */
    public Uni<List<Defined>> listed(SqlClient client) {
        return client.query("SELECT " + COLUMNS + " FROM pathway ORDER BY defined_at, id").execute()
                .map(PathwayStore::defined);
    }

    /** The definitions read model's row for a pathway defined (idempotent: a pathway never changes). */
    public static void project(SqlConnection tx, PathwayDefined event) {
        Defined defined = toDomain(event).orElseThrow();
        Pathway pathway = defined.pathway();
        tx.preparedQuery("""
                        INSERT INTO pathway (id, awarding_body_id, pathway, target, defined_at, organisation_id)
                        VALUES ($1, $2, $3::text::jsonb, $4::text::jsonb, $5, $6)
                        ON CONFLICT (id) DO UPDATE SET pathway = EXCLUDED.pathway, target = EXCLUDED.target,
                            defined_at = EXCLUDED.defined_at, organisation_id = EXCLUDED.organisation_id""")
                .execute(Tuple.of(pathway.id(), pathway.awardingBodyId(), write(pathway), write(defined.target()),
                        pathway.definedAt().atOffset(ZoneOffset.UTC), defined.organisationId()))
                .await().atMost(Duration.ofSeconds(30));
    }

    public static PathwayDefined toContract(Defined defined) {
        Pathway p = defined.pathway();
        Pathway.Requirements r = p.requirements();
        return new PathwayDefined(p.id(), p.awardingBodyId(), defined.organisationId(), p.title(),
                new PathwayDefined.Requirements(r.minTotalEcts(), r.minCount(), r.minEqfLevel(),
                        r.requiredLearningOutcomes(), r.requiredEscoSkills(),
                        r.allowedAwardingBodyIds().stream().sorted().toList(),
                        r.maxCredentialAge() == null ? null : r.maxCredentialAge().toString(),
                        r.accreditedAwardingBodyRequired()),
                p.autoIssue(), p.onPartRevoked().name(), defined.target(), p.definedAt());
    }

    static Optional<Defined> toDomain(EventData data) {
        if (!(data instanceof PathwayDefined e)) {
            return Optional.empty();
        }
        PathwayDefined.Requirements r = e.requirements();
        return Optional.of(new Defined(new Pathway(e.pathwayId(), e.awardingBodyId(), e.title(),
                new Pathway.Requirements(r.minTotalEcts(), r.minCount(), r.minEqfLevel(), r.requiredLearningOutcomes(),
                        r.requiredEscoSkills(), r.allowedAwardingBodyIds() == null ? null
                        : new HashSet<>(r.allowedAwardingBodyIds()),
                        r.maxCredentialAge() == null ? null : Period.parse(r.maxCredentialAge()),
                        r.accreditedAwardingBodyRequired()),
                e.autoIssue(), Pathway.OnPartRevoked.valueOf(e.onPartRevoked()), e.definedAt()), e.target(),
                e.organisationId()));
    }

    private static List<Defined> defined(RowSet<Row> rows) {
        List<Defined> all = new ArrayList<>();
        for (Row row : rows) {
            all.add(new Defined(read(row.getString("pathway"), Pathway.class),
                    read(row.getString("target"), PathwayCompleted.StackedCredential.class),
                    row.getString("organisation_id")));
        }
        return all;
    }

    public static String write(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return EventJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName() + ": " + json, e);
        }
    }
}

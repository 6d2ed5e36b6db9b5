package eu.microcredentials.recognition.infrastructure;

import com.fasterxml.jackson.core.JsonProcessingException;
import eu.microcredentials.events.EventJson;
import eu.microcredentials.events.data.PathwayCompleted;
import eu.microcredentials.recognition.domain.pathway.Pathway;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Keeps the learning pathways, each as its awarding body defined it, with the stacked credential it awards. */
@ApplicationScoped
public class PathwayStore {
    private static final String COLUMNS = "pathway::text AS pathway, target::text AS target";

    /** A pathway and the content of the stacked credential it awards. */
    public record Defined(Pathway pathway, PathwayCompleted.StackedCredential target) {
    }

    public Uni<Void> add(SqlClient client, Defined defined) {
        Pathway pathway = defined.pathway();
        return client.preparedQuery("""
                        INSERT INTO pathway (id, awarding_body_id, pathway, target, defined_at)
                        VALUES ($1, $2, $3::text::jsonb, $4::text::jsonb, $5)""")
                .execute(Tuple.of(pathway.id(), pathway.awardingBodyId(), write(pathway), write(defined.target()),
                        pathway.definedAt().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<Optional<Defined>> find(SqlClient client, String id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM pathway WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> defined(rows).stream().findFirst());
    }

    /** Every pathway, oldest first. */
    public Uni<List<Defined>> all(SqlClient client) {
        return client.query("SELECT " + COLUMNS + " FROM pathway ORDER BY defined_at, id").execute()
                .map(PathwayStore::defined);
    }

    private static List<Defined> defined(RowSet<Row> rows) {
        List<Defined> all = new ArrayList<>();
        for (Row row : rows) {
            all.add(new Defined(read(row.getString("pathway"), Pathway.class),
                    read(row.getString("target"), PathwayCompleted.StackedCredential.class)));
        }
        return all;
    }

    private static String write(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return EventJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName() + ": " + json, e);
        }
    }
}

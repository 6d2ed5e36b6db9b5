package eu.microcredentials.recognition.recognizing;

import com.fasterxml.jackson.core.JsonProcessingException;
import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.EventJson;
import eu.microcredentials.events.Topic;
import eu.microcredentials.events.data.EventData;
import eu.microcredentials.events.data.RecognisingOrganisationRegistered;
import eu.microcredentials.events.data.RecognitionPolicyDefined;
import eu.microcredentials.eventsourcing.Projection;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.List;
import java.util.Set;

/** The decisions read model: each recognition's view, folded from mc.recognitions.v1. */
@ApplicationScoped
public class RecognitionsProjection implements Projection {
    public static final String NAME = "recognitions";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of("recognition_view");
    }

    @Override
    public Set<Topic> topics() {
        return Set.of(Topic.RECOGNITIONS);
    }

    @Override
    public void apply(SqlConnection tx, EventEnvelope event) {
        if (!isRecognitionEvent(event.decode())) {
            return; // the organisations and policies defined share the topic; the definitions read model takes them
        }
        RecognitionView current = null;
        for (Row row : tx.preparedQuery("SELECT view::text AS view FROM recognition_view WHERE id = $1")
                .execute(Tuple.of(event.subject())).await().atMost(TIMEOUT)) {
            current = read(row.getString("view"));
        }
        RecognitionView next = RecognitionView.next(current, event.decode());
        tx.preparedQuery("""
                        INSERT INTO recognition_view (id, learner_id, view, version) VALUES ($1, $2, $3::text::jsonb, $4)
                        ON CONFLICT (id) DO UPDATE SET view = EXCLUDED.view, version = EXCLUDED.version""")
                .execute(Tuple.of(next.id(), next.learnerId(), write(next), event.sequence())).await().atMost(TIMEOUT);
    }

    private static boolean isRecognitionEvent(EventData data) {
        return !(data instanceof RecognisingOrganisationRegistered || data instanceof RecognitionPolicyDefined);
    }

    @Override
    public void reset(SqlConnection tx) {
        tx.query("DELETE FROM recognition_view").execute().await().atMost(TIMEOUT);
    }

    /** A recognition as the read model has it, if it has it yet. */
    public static io.smallrye.mutiny.Uni<Optional<RecognitionView>> find(SqlClient client, String id) {
        return client.preparedQuery("SELECT view::text AS view FROM recognition_view WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next().getString("view"))));
    }

    private static String write(RecognitionView view) {
        try {
            return EventJson.mapper().writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the view of " + view.id(), e);
        }
    }

    private static RecognitionView read(String json) {
        try {
            return EventJson.mapper().readValue(json, RecognitionView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable recognition view " + json, e);
        }
    }
}

package eu.microcredentials.recognition.infrastructure;

import com.fasterxml.jackson.core.JsonProcessingException;
import eu.microcredentials.events.EventJson;
import eu.microcredentials.recognition.domain.policy.RecognitionPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.Optional;

/** Keeps the recognition policies, each as it was defined (policies are never changed, only added). */
@ApplicationScoped
public class PolicyStore {

    public Uni<Void> add(SqlClient client, RecognitionPolicy policy) {
        return client.preparedQuery("INSERT INTO recognition_policy (id, policy, defined_at) VALUES ($1, $2::text::jsonb, $3)")
                .execute(Tuple.of(policy.id(), write(policy), policy.definedAt().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<Optional<RecognitionPolicy>> find(SqlClient client, String id) {
        return client.preparedQuery("SELECT policy::text AS policy FROM recognition_policy WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(read(rows.iterator().next().getString("policy"))));
    }

    private static String write(RecognitionPolicy policy) {
        try {
            return EventJson.mapper().writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write policy " + policy.id(), e);
        }
    }

    private static RecognitionPolicy read(String json) {
        try {
            return EventJson.mapper().readValue(json, RecognitionPolicy.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable policy " + json, e);
        }
    }
}

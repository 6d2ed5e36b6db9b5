package eu.microcredentials.recognition.definitions;

import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.Topic;
import eu.microcredentials.events.data.EventData;
import eu.microcredentials.events.data.PathwayDefined;
import eu.microcredentials.events.data.RecognisingOrganisationRegistered;
import eu.microcredentials.events.data.RecognitionPolicyDefined;
import eu.microcredentials.eventsourcing.Projection;
import eu.microcredentials.recognition.infrastructure.PathwayStore;
import eu.microcredentials.recognition.infrastructure.PolicyStore;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * The definitions read model: the organisations registered, the recognition policies and the learning pathways defined,
 * as the API shows them, folded from recognition-service's own topics (mc.recognitions.v1, mc.pathways.v1). The other
 * events of those topics are not definitions and are passed by.
 */
@ApplicationScoped
public class DefinitionsProjection implements Projection {
    public static final String NAME = "definitions";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Topic> topics() {
        return Set.of(Topic.RECOGNITIONS, Topic.PATHWAYS);
    }

    @Override
    public List<String> tables() {
        return List.of("recognising_organisation", "recognition_policy", "pathway");
    }

    @Override
    public void apply(SqlConnection tx, EventEnvelope event) {
        EventData data = event.decode();
        if (data instanceof RecognisingOrganisationRegistered e) {
            tx.preparedQuery("""
                            INSERT INTO recognising_organisation (id, name, kind, awarding_body_id, registered_at)
                            VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING""")
                    .execute(Tuple.of(e.organisationId(), e.name(), e.kind(), e.awardingBodyId(),
                            e.registeredAt().atOffset(ZoneOffset.UTC)))
                    .await().atMost(TIMEOUT);
        } else if (data instanceof RecognitionPolicyDefined e) {
            PolicyStore.project(tx, e);
        } else if (data instanceof PathwayDefined e) {
            PathwayStore.project(tx, e);
        }
    }

    @Override
    public void reset(SqlConnection tx) {
        tx.query("DELETE FROM recognising_organisation").execute().await().atMost(TIMEOUT);
        tx.query("DELETE FROM recognition_policy").execute().await().atMost(TIMEOUT);
        tx.query("DELETE FROM pathway").execute().await().atMost(TIMEOUT);
    }
}

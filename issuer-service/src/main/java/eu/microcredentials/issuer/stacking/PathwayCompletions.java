package eu.microcredentials.issuer.stacking;

import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.Topic;
import eu.microcredentials.events.data.EventData;
import eu.microcredentials.events.data.PathwayCompleted;
import eu.microcredentials.events.data.PathwayCompletionRestored;
import eu.microcredentials.events.data.PathwayCompletionWithdrawn;
import eu.microcredentials.eventsourcing.Projection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;

/**
 * Follows recognition-service's pathway completions ({@code mc.pathways.v1}) and has
 * {@link StackedCredentials} act on them, in the runner's transaction: what it records (events of the
 * issuer's own log, published through the outbox) commits with the consumed position, and each event
 * is acted on once, also when a replay or a second publication brings it again.
 */
@ApplicationScoped
public class PathwayCompletions implements Projection {
    public static final String NAME = "pathway-completions";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final StackedCredentials stacked;

    public PathwayCompletions(StackedCredentials stacked) {
        this.stacked = stacked;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Topic> topics() {
        return Set.of(Topic.PATHWAYS);
    }

    @Override
    public void apply(SqlConnection tx, EventEnvelope event) {
        if (tx.preparedQuery("SELECT 1 FROM pathway_event_applied WHERE event_id = $1").execute(Tuple.of(event.id()))
                .await().atMost(TIMEOUT).size() > 0) {
            return;
        }
        EventData data = event.decode();
        Uni<Void> effect;
        if (data instanceof PathwayCompleted completed) {
            effect = stacked.completed(tx, completed);
        } else if (data instanceof PathwayCompletionWithdrawn withdrawn) {
            effect = stacked.noLongerHolds(tx, withdrawn);
        } else if (data instanceof PathwayCompletionRestored restored) {
            effect = stacked.holdsAgain(tx, restored);
        } else {
            return;
        }
        effect.await().atMost(TIMEOUT);
        tx.preparedQuery("INSERT INTO pathway_event_applied (event_id) VALUES ($1)").execute(Tuple.of(event.id()))
                .await().atMost(TIMEOUT);
    }

    /**
     * Nothing to delete: what was done is in the event store, which is never rewritten, and so is the
     * record of the events acted on; a rebuild replays the topic and acts on nothing twice.
     */
    @Override
    public void reset(SqlConnection transaction) {
    }
}

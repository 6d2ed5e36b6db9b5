package eu.microcredentials.recognition.definitions;

import eu.microcredentials.events.data.PathwayCompleted;
import eu.microcredentials.eventsourcing.ConcurrentAppend;
import eu.microcredentials.recognition.domain.pathway.Pathway;
import eu.microcredentials.recognition.domain.policy.RecognitionPolicy;
import eu.microcredentials.recognition.infrastructure.PathwayStore;
import eu.microcredentials.recognition.infrastructure.PolicyStore;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Policies and pathways defined before they were events sit in the definitions tables without a stream: at start, each
 * gets its definition event (without an owner), so that the event store is the whole truth and a rebuild of the
 * definitions read model keeps them. Idempotent; another instance doing the same at once is harmless.
 */
@ApplicationScoped
public class LegacyDefinitions {
    private static final Logger LOG = Logger.getLogger(LegacyDefinitions.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Pool pool;
    private final PolicyStore policies;
    private final PathwayStore pathways;

    public LegacyDefinitions(Pool pool, PolicyStore policies, PathwayStore pathways) {
        this.pool = pool;
        this.policies = policies;
        this.pathways = pathways;
    }

    void recordAsEvents(@Observes StartupEvent started) {
        int recorded = 0;
        for (Row row : pool.query("""
                SELECT policy::text AS policy FROM recognition_policy p
                WHERE NOT EXISTS (SELECT 1 FROM event_store e WHERE e.stream_id = p.id) ORDER BY defined_at, id""")
                .execute().await().atMost(TIMEOUT)) {
            recorded += record(row.getString("policy"), () -> {
                RecognitionPolicy policy = PolicyStore.read(row.getString("policy"));
                pool.withTransaction(tx -> policies.define(tx, policy, null)).await().atMost(TIMEOUT);
            });
        }
        for (Row row : pool.query("""
                SELECT pathway::text AS pathway, target::text AS target FROM pathway p
                WHERE NOT EXISTS (SELECT 1 FROM event_store e WHERE e.stream_id = p.id) ORDER BY defined_at, id""")
                .execute().await().atMost(TIMEOUT)) {
            recorded += record(row.getString("pathway"), () -> {
                PathwayStore.Defined defined = new PathwayStore.Defined(
                        PathwayStore.read(row.getString("pathway"), Pathway.class),
                        PathwayStore.read(row.getString("target"), PathwayCompleted.StackedCredential.class), null);
                pool.withTransaction(tx -> pathways.define(tx, defined)).await().atMost(TIMEOUT);
            });
        }
        if (recorded > 0) {
            LOG.infof("recorded %d policies and pathways defined before definitions were events", recorded);
        }
    }

    /** Appends one definition; a row that cannot be read is logged and left, so that it does not stop the service. */
    private static int record(String row, Runnable append) {
        try {
            append.run();
            return 1;
        } catch (ConcurrentAppend alreadyRecorded) {
            return 0; // another instance recorded it first
        } catch (RuntimeException unreadable) {
            LOG.errorf(unreadable, "a definition stored before definitions were events cannot be recorded: %s", row);
            return 0;
        }
    }
}

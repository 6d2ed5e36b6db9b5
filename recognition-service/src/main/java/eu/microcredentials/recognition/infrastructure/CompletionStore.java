package eu.microcredentials.recognition.infrastructure;

import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.events.data.EventData;
import eu.microcredentials.events.data.PathwayCompleted;
import eu.microcredentials.events.data.PathwayCompletionRestored;
import eu.microcredentials.events.data.PathwayCompletionWithdrawn;
import eu.microcredentials.eventsourcing.EventStore;
import eu.microcredentials.eventsourcing.PendingEvent;
import eu.microcredentials.recognition.domain.pathway.Completion;
import eu.microcredentials.recognition.domain.pathway.CompletionEvent;
import eu.microcredentials.recognition.domain.pathway.Pathway;
import eu.microcredentials.recognition.domain.recognition.CredentialChange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Records learners' pathway completions: each completion is a stream of recognition-service's event store (id = the
 * completion id, published on mc.pathways.v1 by the outbox relay), and {@code pathway_completion} says where each
 * stands, written in the same transaction.
 */
@ApplicationScoped
public class CompletionStore {
    static final String COMPLETION = "pathway-completion";

    private final EventStore store;

    public CompletionStore(EventStore store) {
        this.store = store;
    }

    /** A learner's latest completion of a pathway and its stream's version. */
    public record Latest(Completion completion, long version) {
    }

    /** The latest completion, its row locked until the transaction ends. */
    public Uni<Latest> latest(SqlClient client, String pathwayId, String learnerId, boolean lock) {
        return client.preparedQuery("""
                        SELECT completion_id, number, status, cause, parts, version FROM pathway_completion
                        WHERE pathway_id = $1 AND learner_id = $2 ORDER BY number DESC LIMIT 1""" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(pathwayId, learnerId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return new Latest(new Completion.None(), 0);
                    }
                    Row row = rows.iterator().next();
                    List<String> parts = List.of(row.getArrayOfStrings("parts"));
                    Completion completion = "HOLDING".equals(row.getString("status"))
                            ? new Completion.Holding(row.getString("completion_id"), row.getInteger("number"), parts)
                            : new Completion.Withdrawn(row.getString("completion_id"), row.getInteger("number"), parts,
                            CredentialChange.Kind.valueOf(row.getString("cause")));
                    return new Latest(completion, row.getLong("version"));
                });
    }

    /** Appends the events (the transaction's reaction to a credential event) and records where the completion stands. */
    public Uni<Void> record(SqlConnection tx, PathwayStore.Defined defined, CredentialIssued.Learner learner,
                            Latest latest, CompletionEvent event) {
        Pathway pathway = defined.pathway();
        long expected = event instanceof CompletionEvent.Completed ? 0 : latest.version();
        return store.append(tx, COMPLETION, event.completionId(), expected, List.of(new PendingEvent(
                        toContract(defined, learner, event), event.at(), pathway.awardingBodyId(), null)))
                .flatMap(stored -> tx.preparedQuery(UPSERT).execute(row(pathway, learner.id(), latest, event, expected + 1)))
                .replaceWithVoid();
    }

    private static final String UPSERT = """
            INSERT INTO pathway_completion (completion_id, pathway_id, learner_id, number, status, cause, parts, version,
                                            updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (completion_id) DO UPDATE SET status = EXCLUDED.status, cause = EXCLUDED.cause,
                parts = EXCLUDED.parts, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at""";

    private static Tuple row(Pathway pathway, String learnerId, Latest latest, CompletionEvent event, long version) {
        int number;
        String status;
        String cause = null;
        List<String> parts;
        if (event instanceof CompletionEvent.Completed completed) {
            number = completed.number();
            status = "HOLDING";
            parts = completed.parts();
        } else if (event instanceof CompletionEvent.Withdrawn withdrawn) {
            Completion.Holding holding = (Completion.Holding) latest.completion();
            number = holding.number();
            status = "WITHDRAWN";
            cause = withdrawn.cause().kind().name();
            parts = holding.parts();
        } else {
            CompletionEvent.Restored restored = (CompletionEvent.Restored) event;
            number = ((Completion.Withdrawn) latest.completion()).number();
            status = "HOLDING";
            parts = restored.parts();
        }
        return Tuple.tuple().addString(event.completionId()).addString(pathway.id()).addString(learnerId)
                .addInteger(number).addString(status).addString(cause).addArrayOfString(parts.toArray(String[]::new))
                .addLong(version).addOffsetDateTime(event.at().atOffset(ZoneOffset.UTC));
    }

    static EventData toContract(PathwayStore.Defined defined, CredentialIssued.Learner learner, CompletionEvent event) {
        Pathway p = defined.pathway();
        if (event instanceof CompletionEvent.Completed e) {
            return new PathwayCompleted(e.completionId(), p.id(), e.number(), p.awardingBodyId(), learner, p.autoIssue(),
                    p.onPartRevoked().name(), defined.target(), e.parts(), e.at());
        }
        if (event instanceof CompletionEvent.Withdrawn e) {
            return new PathwayCompletionWithdrawn(e.completionId(), p.id(), p.awardingBodyId(), learner.id(),
                    e.cause().credentialId(), e.cause().kind().name(), e.cause().eventId(), p.onPartRevoked().name(),
                    e.reason(), e.at());
        }
        CompletionEvent.Restored e = (CompletionEvent.Restored) event;
        return new PathwayCompletionRestored(e.completionId(), p.id(), p.awardingBodyId(), learner.id(),
                e.cause().credentialId(), e.cause().eventId(), e.parts(), e.reason(), e.at());
    }
}

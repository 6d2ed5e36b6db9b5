package eu.microcredentials.recognition.pathways;

import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.recognition.domain.HeldCredential;
import eu.microcredentials.recognition.domain.pathway.Completion;
import eu.microcredentials.recognition.domain.pathway.CompletionDecider;
import eu.microcredentials.recognition.domain.pathway.CompletionEvent;
import eu.microcredentials.recognition.domain.pathway.PathwayProgress;
import eu.microcredentials.recognition.domain.policy.Candidate;
import eu.microcredentials.recognition.domain.recognition.CredentialChange;
import eu.microcredentials.recognition.infrastructure.CompletionStore;
import eu.microcredentials.recognition.infrastructure.HeldCredentialReadModel;
import eu.microcredentials.recognition.infrastructure.PathwayStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes the pathway progress of the learners whose credentials just changed, and records what it leads to: a
 * completion (exactly once: its id is deterministic and it starts a new stream), its withdrawal, its restoration.
 * Called by the credential-following reaction, in the transaction that applied the change, at most once per event.
 *
 * <p>A pathway defined after learners already meet it looks back: its definition is recorded in the transaction that
 * completes it for every learner who meets it then. Defining takes the pathways lock exclusively, following a change
 * takes it shared, so each sees what the other committed: a credential held while a pathway is being defined is
 * counted by one of them, and (the completion id being deterministic) completed once.
 */
@ApplicationScoped
public class PathwayFollowing {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The advisory lock between defining a pathway (exclusive) and following credential changes (shared). */
    private static final long PATHWAYS_LOCK = 0x6d63_7061_7468L; // "mcpath"

    private final PathwayStore pathways;
    private final CompletionStore completions;
    private final HeldCredentialReadModel held;

    public PathwayFollowing(PathwayStore pathways, CompletionStore completions, HeldCredentialReadModel held) {
        this.pathways = pathways;
        this.completions = completions;
        this.held = held;
    }

    /** Records the pathway and completes it for every learner who already meets it, at the time of the definition. */
    public Uni<Void> define(SqlConnection tx, PathwayStore.Defined defined) {
        return tx.query("SELECT pg_advisory_xact_lock(" + PATHWAYS_LOCK + ")").execute()
                .flatMap(locked -> pathways.define(tx, defined))
                .flatMap(recorded -> tx.preparedQuery("""
                                SELECT DISTINCT learner_id FROM held_credential WHERE status = 'ACTIVE'
                                AND (cardinality($1::text[]) = 0 OR awarding_body_id = ANY($1)) ORDER BY learner_id""")
                        .execute(Tuple.of(defined.pathway().requirements().allowedAwardingBodyIds().stream().sorted()
                                .toArray(String[]::new))))
                .flatMap(rows -> {
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (Row row : rows) {
                        String learnerId = row.getString("learner_id");
                        all = all.flatMap(done -> lookBack(tx, defined, learnerId));
                    }
                    return all;
                });
    }

    private Uni<Void> lookBack(SqlConnection tx, PathwayStore.Defined defined, String learnerId) {
        Instant at = defined.pathway().definedAt();
        return held.ofLearner(tx, learnerId).flatMap(credentials -> held.candidates(tx, credentials, at))
                .flatMap(candidates -> {
                    PathwayProgress progress = PathwayProgress.of(defined.pathway(), candidates, at);
                    List<CompletionEvent> events = CompletionDecider.decide(defined.pathway(), learnerId, progress,
                            List.of(), new Completion.None(), at);
                    if (events.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return identityOf(tx, learnerId).flatMap(learner -> completions.record(tx, defined, learner,
                            new CompletionStore.Latest(new Completion.None(), 0), events.get(0)));
                });
    }

    public void follow(SqlConnection tx, List<CredentialChange> changes, Instant at) {
        if (changes.isEmpty()) {
            return;
        }
        tx.query("SELECT pg_advisory_xact_lock_shared(" + PATHWAYS_LOCK + ")").execute().await().atMost(TIMEOUT);
        List<PathwayStore.Defined> defined = pathways.all(tx).await().atMost(TIMEOUT);
        if (defined.isEmpty()) {
            return;
        }
        for (Map.Entry<String, List<CredentialChange>> learner : byLearner(tx, changes).entrySet()) {
            List<HeldCredential> credentials = held.ofLearner(tx, learner.getKey()).await().atMost(TIMEOUT);
            List<Candidate> candidates = held.candidates(tx, credentials, at).await().atMost(TIMEOUT);
            CredentialIssued.Learner identity = identity(tx, learner.getKey());
            for (PathwayStore.Defined pathway : defined) {
                PathwayProgress progress = PathwayProgress.of(pathway.pathway(), candidates, at);
                CompletionStore.Latest latest = completions.latest(tx, pathway.pathway().id(), learner.getKey(), true)
                        .await().atMost(TIMEOUT);
                for (CompletionEvent event : CompletionDecider.decide(pathway.pathway(), learner.getKey(), progress,
                        learner.getValue(), latest.completion(), at)) {
                    completions.record(tx, pathway, identity, latest, event).await().atMost(TIMEOUT);
                }
            }
        }
    }

    /** The changes grouped by the learner holding the credential, in the order they came. */
    private static Map<String, List<CredentialChange>> byLearner(SqlConnection tx, List<CredentialChange> changes) {
        Map<String, String> learnerOf = new LinkedHashMap<>();
        for (Row row : tx.preparedQuery("SELECT id, learner_id FROM held_credential WHERE id = ANY($1)")
                .execute(Tuple.of(changes.stream().map(CredentialChange::credentialId).toArray(String[]::new)))
                .await().atMost(TIMEOUT)) {
            learnerOf.put(row.getString("id"), row.getString("learner_id"));
        }
        Map<String, List<CredentialChange>> grouped = new LinkedHashMap<>();
        for (CredentialChange change : changes) {
            String learner = learnerOf.get(change.credentialId());
            if (learner != null) {
                grouped.computeIfAbsent(learner, l -> new ArrayList<>()).add(change);
            }
        }
        return grouped;
    }

    /** The learner as their latest credential names them. */
    private static CredentialIssued.Learner identity(SqlConnection tx, String learnerId) {
        return identityOf(tx, learnerId).await().atMost(TIMEOUT);
    }

    private static Uni<CredentialIssued.Learner> identityOf(SqlConnection tx, String learnerId) {
        return tx.preparedQuery("""
                        SELECT learner_given_name, learner_family_name FROM held_credential WHERE learner_id = $1
                        ORDER BY issued_at DESC, id LIMIT 1""")
                .execute(Tuple.of(learnerId)).map(rows -> {
                    for (Row row : rows) {
                        return new CredentialIssued.Learner(learnerId, row.getString("learner_given_name"),
                                row.getString("learner_family_name"), null);
                    }
                    return new CredentialIssued.Learner(learnerId, null, null, null);
                });
    }
}

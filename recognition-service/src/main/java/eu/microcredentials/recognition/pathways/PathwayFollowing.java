package eu.microcredentials.recognition.pathways;

import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.recognition.domain.HeldCredential;
import eu.microcredentials.recognition.domain.pathway.CompletionDecider;
import eu.microcredentials.recognition.domain.pathway.CompletionEvent;
import eu.microcredentials.recognition.domain.pathway.PathwayProgress;
import eu.microcredentials.recognition.domain.policy.Candidate;
import eu.microcredentials.recognition.domain.recognition.CredentialChange;
import eu.microcredentials.recognition.infrastructure.CompletionStore;
import eu.microcredentials.recognition.infrastructure.HeldCredentialReadModel;
import eu.microcredentials.recognition.infrastructure.PathwayStore;
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
 */
@ApplicationScoped
public class PathwayFollowing {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final PathwayStore pathways;
    private final CompletionStore completions;
    private final HeldCredentialReadModel held;

    public PathwayFollowing(PathwayStore pathways, CompletionStore completions, HeldCredentialReadModel held) {
        this.pathways = pathways;
        this.completions = completions;
        this.held = held;
    }

    public void follow(SqlConnection tx, List<CredentialChange> changes, Instant at) {
        if (changes.isEmpty()) {
            return;
        }
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
        for (Row row : tx.preparedQuery("""
                        SELECT learner_given_name, learner_family_name FROM held_credential WHERE learner_id = $1
                        ORDER BY issued_at DESC, id LIMIT 1""")
                .execute(Tuple.of(learnerId)).await().atMost(TIMEOUT)) {
            return new CredentialIssued.Learner(learnerId, row.getString("learner_given_name"),
                    row.getString("learner_family_name"), null);
        }
        return new CredentialIssued.Learner(learnerId, null, null, null);
    }
}

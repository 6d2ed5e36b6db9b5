package eu.microcredentials.recognition.following;

import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.data.AccreditationGranted;
import eu.microcredentials.events.data.AccreditationWithdrawn;
import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.events.data.CredentialReinstated;
import eu.microcredentials.events.data.CredentialRevoked;
import eu.microcredentials.events.data.CredentialSuspended;
import eu.microcredentials.events.data.EventData;
import eu.microcredentials.recognition.domain.policy.Candidate;
import eu.microcredentials.recognition.domain.policy.RecognitionPolicy;
import eu.microcredentials.recognition.domain.recognition.CredentialChange;
import eu.microcredentials.recognition.domain.recognition.RecognitionCommand;
import eu.microcredentials.recognition.domain.recognition.RecognitionDecider;
import eu.microcredentials.recognition.domain.recognition.RecognitionEvent;
import eu.microcredentials.recognition.infrastructure.HeldCredentialReadModel;
import eu.microcredentials.recognition.infrastructure.PolicyStore;
import eu.microcredentials.recognition.infrastructure.RecognitionStreams;
import eu.microcredentials.recognition.pathways.PathwayFollowing;
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
 * Recognition follows what happens to the credentials its decisions and pathways rely on. When a credential is
 * revoked, suspended or reinstated, or its awarding body's accreditation is withdrawn or granted, every recognition
 * relying on it is decided again (withdrawn, kept, or restored); when a credential is issued or changes, its
 * learner's pathway progress is recomputed (completed, withdrawn, restored). The events
 * this records are appended in the transaction that applies the change to the read model.
 *
 * <p>Each change is reacted to once: its event id is recorded in {@code reacted_event} (never reset), so the same
 * event delivered again, or replayed by a rebuild of the read model, finds it there and changes nothing. The time of
 * a reaction is the time of the event it reacts to, not the clock.
 */
@ApplicationScoped
public class CredentialFollowing {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HeldCredentialReadModel held;
    private final PolicyStore policies;
    private final RecognitionStreams streams;
    private final PathwayFollowing pathways;

    public CredentialFollowing(HeldCredentialReadModel held, PolicyStore policies, RecognitionStreams streams,
                               PathwayFollowing pathways) {
        this.held = held;
        this.policies = policies;
        this.streams = streams;
        this.pathways = pathways;
    }

    /** Reacts to an event just applied to the held-credentials read model, unless it was reacted to before. */
    public void follow(SqlConnection tx, EventEnvelope event) {
        if (!firstTime(tx, event)) {
            return;
        }
        Instant at = event.time().toInstant();
        List<CredentialChange> changes = changes(tx, event);
        Map<String, CredentialChange> recognitions = new LinkedHashMap<>();
        for (CredentialChange change : changes) {
            for (Row row : tx.preparedQuery("""
                            SELECT recognition_id FROM recognition_credential WHERE credential_id = $1 ORDER BY recognition_id""")
                    .execute(Tuple.of(change.credentialId())).await().atMost(TIMEOUT)) {
                recognitions.putIfAbsent(row.getString("recognition_id"), change);
            }
        }
        recognitions.forEach((recognitionId, change) -> reconsider(tx, recognitionId, change, at));
        pathways.follow(tx, changes, at);
    }

    private static boolean firstTime(SqlConnection tx, EventEnvelope event) {
        return tx.preparedQuery("INSERT INTO reacted_event (event_id) VALUES ($1) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(event.id())).await().atMost(TIMEOUT).rowCount() == 1;
    }

    private List<CredentialChange> changes(SqlConnection tx, EventEnvelope event) {
        EventData data = event.decode();
        String type = event.type().type();
        String id = event.id().toString();
        if (data instanceof CredentialIssued e) {
            return List.of(new CredentialChange(e.credentialId(), CredentialChange.Kind.ISSUED, type, id));
        }
        if (data instanceof CredentialRevoked e) {
            return List.of(new CredentialChange(e.credentialId(), CredentialChange.Kind.REVOKED, type, id));
        }
        if (data instanceof CredentialSuspended e) {
            return List.of(new CredentialChange(e.credentialId(), CredentialChange.Kind.SUSPENDED, type, id));
        }
        if (data instanceof CredentialReinstated e) {
            return List.of(new CredentialChange(e.credentialId(), CredentialChange.Kind.REINSTATED, type, id));
        }
        CredentialChange.Kind kind;
        String awardingBodyId;
        if (data instanceof AccreditationWithdrawn e) {
            kind = CredentialChange.Kind.ACCREDITATION_WITHDRAWN;
            awardingBodyId = e.awardingBodyId();
        } else if (data instanceof AccreditationGranted e) {
            kind = CredentialChange.Kind.ACCREDITATION_GRANTED;
            awardingBodyId = e.awardingBodyId();
        } else {
            return List.of();
        }
        List<CredentialChange> changes = new ArrayList<>();
        for (String credentialId : held.idsOfAwardingBody(tx, awardingBodyId).await().atMost(TIMEOUT)) {
            changes.add(new CredentialChange(credentialId, kind, type, id));
        }
        return changes;
    }

    private void reconsider(SqlConnection tx, String recognitionId, CredentialChange change, Instant at) {
        RecognitionStreams.Loaded loaded = streams.load(tx, recognitionId).await().atMost(TIMEOUT);
        if (loaded.version() == 0) {
            return;
        }
        RecognitionEvent.Requested request = (RecognitionEvent.Requested) loaded.events().get(0);
        RecognitionPolicy policy = policies.find(tx, request.policyId()).await().atMost(TIMEOUT).orElseThrow(
                () -> new IllegalStateException("recognition " + recognitionId + " names an unknown policy"));
        List<Candidate> candidates = held.candidates(tx,
                held.withIds(tx, request.credentialIds()).await().atMost(TIMEOUT), at).await().atMost(TIMEOUT);
        List<RecognitionEvent> decided = RecognitionDecider.decide(
                new RecognitionCommand.FollowChange(change, policy, candidates, at),
                RecognitionDecider.replay(loaded.events()));
        if (!decided.isEmpty()) {
            streams.append(tx, recognitionId, loaded.version(), decided).await().atMost(TIMEOUT);
        }
    }
}

package eu.microcredentials.recognition.recognizing;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.recognition.access.Access;
import eu.microcredentials.recognition.access.Caller;
import eu.microcredentials.recognition.domain.HeldCredential;
import eu.microcredentials.recognition.domain.policy.Candidate;
import eu.microcredentials.recognition.domain.policy.RecognitionPolicy;
import eu.microcredentials.recognition.domain.recognition.Recognition;
import eu.microcredentials.recognition.domain.recognition.RecognitionCommand;
import eu.microcredentials.recognition.domain.recognition.RecognitionDecider;
import eu.microcredentials.recognition.domain.recognition.RecognitionEvent;
import eu.microcredentials.recognition.infrastructure.HeldCredentialReadModel;
import eu.microcredentials.recognition.infrastructure.PolicyStore;
import eu.microcredentials.recognition.infrastructure.RecognitionStreams;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The use cases of recognition requests: a learner asks for credentials to be recognised under a policy, and a
 * reviewer decides a request the policy referred to them. Each runs in one transaction that reads the credentials
 * (locked against a concurrent status change), decides, and appends to the recognition's stream.
 */
@ApplicationScoped
public class RecognitionRequests {
    private final Pool pool;
    private final PolicyStore policies;
    private final HeldCredentialReadModel held;
    private final RecognitionStreams streams;
    private final Clock clock;

    public RecognitionRequests(Pool pool, PolicyStore policies, HeldCredentialReadModel held, RecognitionStreams streams,
                               Clock clock) {
        this.pool = pool;
        this.policies = policies;
        this.held = held;
        this.streams = streams;
        this.clock = clock;
    }

    /** Only credentials the learner holds and that are active are accepted; otherwise 400 naming each, nothing written. */
    public Uni<RecognitionView> request(String learnerId, List<String> credentialIds, String policyId) {
        String recognitionId = UUID.randomUUID().toString();
        return pool.withTransaction(tx -> policies.find(tx, policyId).flatMap(found -> {
            RecognitionPolicy policy = found.orElseThrow(() -> Problem.invalid(List.of(
                    new Problem.FieldError("/policyId", "no recognition policy " + policyId))).exception());
            return held.withIdsLocked(tx, credentialIds).flatMap(credentials -> {
                List<HeldCredential> ordered = heldByLearner(learnerId, credentialIds, credentials);
                Instant now = now();
                return held.candidates(tx, ordered, now).flatMap(candidates -> {
                    List<RecognitionEvent> events = RecognitionDecider.decide(
                            new RecognitionCommand.Request(recognitionId, learnerId, policy, candidates, now),
                            new Recognition.None());
                    return streams.append(tx, recognitionId, 0, events)
                            .flatMap(stored -> relyOn(tx, recognitionId, credentialIds))
                            .map(done -> view(events));
                });
            });
        }));
    }

    /**
     * A reviewer's decision on a request awaiting review, recorded with the caller's key: only the organisation owning
     * the policy (an operator for a policy defined before organisations were registered) may record it. 404 for an
     * unknown request, 403 for another caller, 409 when it awaits no review.
     */
    public Uni<RecognitionView> review(String recognitionId, Caller caller, String reviewer, boolean grant,
                                       String reason) {
        return pool.withTransaction(tx -> streams.load(tx, recognitionId).flatMap(loaded -> {
            if (loaded.version() == 0) {
                throw Problem.notFound("recognition request", recognitionId).exception();
            }
            RecognitionEvent.Requested request = (RecognitionEvent.Requested) loaded.events().get(0);
            return policies.owned(tx, request.policyId()).flatMap(found -> {
                PolicyStore.Owned owned = found.orElseThrow(() -> new IllegalStateException(
                        "recognition " + recognitionId + " names an unknown policy"));
                String reviewerOrganisationId = reviewingOrganisation(caller, owned.organisationId());
                return held.withIdsLocked(tx, request.credentialIds())
                        .flatMap(credentials -> held.candidates(tx, credentials, now()))
                        .flatMap(candidates -> {
                            List<RecognitionEvent> decided = RecognitionDecider.decide(new RecognitionCommand.Review(
                                            reviewer, reviewerOrganisationId, grant, reason, owned.policy(), candidates,
                                            now()),
                                    RecognitionDecider.replay(loaded.events()));
                            return streams.append(tx, recognitionId, loaded.version(), decided)
                                    .map(stored -> view(RecognitionDecider.then(loaded.events(), decided)));
                        });
            });
        }));
    }

    /** The organisation on whose behalf the caller reviews under a policy with this owner; 403 when it may not. */
    private static String reviewingOrganisation(Caller caller, String ownerId) {
        if (caller instanceof Caller.OfOrganisation of) {
            String refusal = of.organisation().refusalToReviewUnder(ownerId);
            if (refusal != null) {
                throw Access.forbidden(refusal);
            }
            return of.organisation().id();
        }
        if (ownerId != null) {
            throw Access.forbidden("only the organisation that owns the policy (" + ownerId + ") decides its reviews");
        }
        return null;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static List<HeldCredential> heldByLearner(String learnerId, List<String> ids, List<HeldCredential> found) {
        Map<String, HeldCredential> byId = found.stream().collect(Collectors.toMap(HeldCredential::id, Function.identity()));
        List<Problem.FieldError> errors = new ArrayList<>();
        List<HeldCredential> ordered = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            HeldCredential credential = byId.get(ids.get(i));
            String pointer = "/credentialIds/" + i;
            if (credential == null || !credential.learnerId().equals(learnerId)) {
                errors.add(new Problem.FieldError(pointer, "the learner " + learnerId + " holds no credential " + ids.get(i)));
            } else if (!credential.counts()) {
                errors.add(new Problem.FieldError(pointer, "the credential " + ids.get(i) + " is " + credential.status()
                        + "; only an active credential can be recognised"));
            } else {
                ordered.add(credential);
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors).exception();
        }
        return ordered;
    }

    private static Uni<Void> relyOn(SqlConnection tx, String recognitionId, List<String> credentialIds) {
        return tx.preparedQuery("INSERT INTO recognition_credential (recognition_id, credential_id) VALUES ($1, $2)")
                .executeBatch(credentialIds.stream().map(id -> Tuple.of(recognitionId, id)).toList()).replaceWithVoid();
    }

    static RecognitionView view(List<RecognitionEvent> events) {
        return RecognitionView.fold(events.stream().map(RecognitionStreams::toContract).toList());
    }
}

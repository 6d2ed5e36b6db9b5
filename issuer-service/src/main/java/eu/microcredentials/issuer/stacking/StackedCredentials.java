package eu.microcredentials.issuer.stacking;

import eu.microcredentials.events.ContractViolation;
import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.EventType;
import eu.microcredentials.events.data.PathwayCompleted;
import eu.microcredentials.events.data.PathwayCompletionRestored;
import eu.microcredentials.events.data.PathwayCompletionWithdrawn;
import eu.microcredentials.events.data.StackingRefused;
import eu.microcredentials.eventsourcing.EventStore;
import eu.microcredentials.eventsourcing.PendingEvent;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import eu.microcredentials.issuer.domain.awardingbody.PathwayCompletion;
import eu.microcredentials.issuer.domain.awardingbody.StackingConditions;
import eu.microcredentials.issuer.domain.awardingbody.StackingRefusal;
import eu.microcredentials.issuer.domain.credential.Credential;
import eu.microcredentials.issuer.domain.credential.CredentialCommand;
import eu.microcredentials.issuer.domain.credential.MicroCredential;
import eu.microcredentials.issuer.domain.credential.Reason;
import eu.microcredentials.issuer.domain.credential.ReinstateCredential;
import eu.microcredentials.issuer.domain.credential.RevokeCredential;
import eu.microcredentials.issuer.domain.credential.Stacking;
import eu.microcredentials.issuer.domain.credential.SuspendCredential;
import eu.microcredentials.issuer.infrastructure.ContractMapping;
import eu.microcredentials.issuer.infrastructure.Streams;
import eu.microcredentials.issuer.issuing.CredentialIssuing;
import eu.microcredentials.issuer.lifecycle.CredentialLifecycle;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The use cases of credentials stacked on learning pathways. When a learner completes a pathway that asks for it
 * ({@code autoIssue}), the issuer issues the stacked credential in the awarding body's name, signed as usual and
 * naming the credentials it is made of ({@code hasPart}), only if the body itself enabled the pathway on the
 * completion's terms and the parts check out; otherwise it records a refusal. Either happens exactly once: the
 * credential's id is derived from the completion's (deterministic) id, the refusal is the completion's stream, so
 * a completion delivered again finds it decided. When the
 * completion no longer holds and the pathway's policy is REVOKE, the stacked credential is revoked
 * if a part was revoked, and suspended if a part was suspended or its awarding body lost its
 * accreditation, which a restoration of the completion lifts (it is reinstated). With the policy FLAG
 * it stays valid here (recognition-service marks it).
 */
@ApplicationScoped
public class StackedCredentials {
    static final String REVOKE = "REVOKE";
    private static final Logger LOG = Logger.getLogger(StackedCredentials.class);

    /** The stream type of the issuer's decisions on pathway completions (a refusal; an issuance is the credential's). */
    static final String DECISION_STREAM = "stacking-decision";

    private final Pool pool;
    private final EventStore store;
    private final Streams streams;
    private final CredentialIssuing issuing;
    private final CredentialLifecycle lifecycle;
    private final Clock clock;

    public StackedCredentials(Pool pool, EventStore store, Streams streams, CredentialIssuing issuing,
                              CredentialLifecycle lifecycle, Clock clock) {
        this.pool = pool;
        this.store = store;
        this.streams = streams;
        this.issuing = issuing;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /** The id of the credential stacked on a pathway completion: the same for every delivery of that completion. */
    public static CredentialId credentialOf(String completionId) {
        return new CredentialId(UUID.nameUUIDFromBytes(("stacked-credential:" + completionId)
                .getBytes(StandardCharsets.UTF_8)));
    }

    /** Who issues a stacked credential, and changes its status when its pathway says so. */
    static String actor(String pathwayId) {
        return "pathway:" + pathwayId;
    }

    /**
     * Decides a completion once, in the caller's transaction: issues its stacked credential if the awarding body
     * enabled the pathway, the target is what it agreed to sign and every part checks out in the issuer's own
     * records ({@link StackingConditions}); otherwise records why not ({@code pathway.stacking.refused.v1}). A
     * completion decided already (issued or refused) is left as it is.
     */
    public Uni<Void> completed(SqlConnection tx, PathwayCompleted completed) {
        if (!completed.autoIssue()) {
            return Uni.createFrom().voidItem();
        }
        AwardingBodyId awardingBodyId = contractValue("awardingBodyId", () -> AwardingBodyId.parse(completed.awardingBodyId()));
        CredentialId id = credentialOf(completed.completionId());
        Stacking stacking = contractValue("partCredentialIds", () -> new Stacking(completed.pathwayId(),
                completed.completionId(), completed.partCredentialIds().stream().map(CredentialId::parse).toList()));
        PathwayCompletion completion = contractValue("target", () -> completion(completed, stacking));
        return streams.credential(tx, id).flatMap(existing -> {
            if (existing.state() instanceof Credential.Issued) {
                LOG.infof("pathway completion %s: stacked credential %s is issued already", completed.completionId(), id);
                return Uni.createFrom().voidItem();
            }
            return refusal(tx, completed.completionId()).flatMap(refused -> {
                if (refused.isPresent()) {
                    LOG.infof("pathway completion %s: refused already", completed.completionId());
                    return Uni.createFrom().voidItem();
                }
                return streams.lockAwardingBody(tx, awardingBodyId, false)
                        .flatMap(locked -> streams.awardingBody(tx, awardingBodyId))
                        .flatMap(loaded -> {
                            if (!(loaded.state() instanceof AwardingBody.Registered awardingBody)) {
                                throw new ContractViolation("pathway completion " + completed.completionId()
                                        + " names awarding body " + awardingBodyId + ", which is not registered here");
                            }
                            return parts(tx, stacking.parts()).flatMap(parts -> {
                                List<StackingRefusal> unmet = StackingConditions.unmet(awardingBody, completion, parts);
                                return unmet.isEmpty() ? issue(tx, completed, awardingBody, id, stacking)
                                        : refuse(tx, completed, awardingBody, unmet);
                            });
                        });
            });
        });
    }

    private Uni<Void> issue(SqlConnection tx, PathwayCompleted completed, AwardingBody.Registered awardingBody,
                            CredentialId id, Stacking stacking) {
        MicroCredential content = contractValue("target", () -> content(completed, awardingBody));
        return issuing.issueUnsigned(tx, awardingBody, List.of(new CredentialIssuing.Unsigned(id, content, null, stacking)),
                        actor(completed.pathwayId()))
                .invoke(issued -> LOG.infof("pathway completion %s: issued stacked credential %s made of %s",
                        completed.completionId(), id, stacking.parts()))
                .replaceWithVoid();
    }

    private Uni<Void> refuse(SqlConnection tx, PathwayCompleted completed, AwardingBody.Registered awardingBody,
                             List<StackingRefusal> unmet) {
        Instant at = clock.instant();
        StackingRefused refused = new StackingRefused(completed.completionId(), completed.pathwayId(),
                awardingBody.id().toString(), unmet.stream().map(reason -> new StackingRefused.Reason(
                        reason.code().name(), reason.detail(), reason.part() == null ? null : reason.part().toString()))
                .toList(), at);
        LOG.infof("pathway completion %s: refused to issue its stacked credential in the name of %s: %s",
                completed.completionId(), awardingBody.id(), unmet);
        return store.append(tx, DECISION_STREAM, completed.completionId(), 0, List.of(new PendingEvent(refused, at,
                        awardingBody.id().toString(), awardingBody.profile().country().value())))
                .replaceWithVoid();
    }

    /** The issuer's state of each listed part, read in the caller's transaction one after the other. */
    private Uni<Map<CredentialId, Credential>> parts(SqlConnection tx, List<CredentialId> parts) {
        return Multi.createFrom().iterable(Set.copyOf(parts))
                .onItem().transformToUniAndConcatenate(part -> streams.credential(tx, part)
                        .map(loaded -> Map.entry(part, loaded.state())))
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /**
     * The refusal recorded for a completion, if the issuer refused it, in the caller's transaction. A completion id
     * naming another stream of this store cannot be a completion recognition-service made: the event is dead-lettered.
     */
    private Uni<Optional<StackingRefused>> refusal(SqlConnection tx, String completionId) {
        return store.load(tx, completionId).map(events -> {
            Optional<StackingRefused> refused = refusalIn(events);
            if (!events.isEmpty() && refused.isEmpty()) {
                throw new ContractViolation("pathway completion id " + completionId
                        + " names a stream of the issuer that is not a stacking decision");
            }
            return refused;
        });
    }

    /** The refusal recorded for a completion, if the issuer refused it (none for an id naming anything else). */
    public Uni<Optional<StackingRefused>> refusal(String completionId) {
        return store.load(pool, completionId).map(StackedCredentials::refusalIn);
    }

    private static Optional<StackingRefused> refusalIn(List<EventEnvelope> events) {
        return events.stream().filter(event -> event.type() == EventType.STACKING_REFUSED).findFirst()
                .map(event -> (StackingRefused) event.decode());
    }

    private static PathwayCompletion completion(PathwayCompleted completed, Stacking stacking) {
        PathwayCompleted.StackedCredential target = completed.target();
        return new PathwayCompletion(completed.completionId(), completed.pathwayId(), completed.learner().id(),
                target.title(), target.level() == null ? null : target.level().eqf(),
                target.workload() == null ? null : target.workload().ects(), stacking.parts(), completed.completedAt());
    }

    /** A completion no longer holds: under the policy REVOKE, its stacked credential is revoked or suspended. */
    public Uni<Void> noLongerHolds(SqlConnection tx, PathwayCompletionWithdrawn withdrawn) {
        if (!REVOKE.equals(withdrawn.onPartRevoked())) {
            return Uni.createFrom().voidItem();
        }
        CredentialId id = credentialOf(withdrawn.completionId());
        return streams.credential(tx, id).flatMap(loaded -> {
            if (!(loaded.state() instanceof Credential.Issued stacked) || stacked instanceof Credential.Revoked) {
                // never issued here (no autoIssue), or revoked already
                return Uni.createFrom().voidItem();
            }
            boolean partRevoked = "REVOKED".equals(withdrawn.cause());
            if (!partRevoked && stacked instanceof Credential.Suspended) {
                return Uni.createFrom().voidItem();
            }
            Reason reason = reason("The learning pathway " + withdrawn.pathwayId() + " no longer holds: "
                    + cause(withdrawn), withdrawn.reason());
            String actor = actor(withdrawn.pathwayId());
            CredentialCommand command = partRevoked
                    ? new RevokeCredential(id, reason, actor, clock.instant())
                    : new SuspendCredential(id, reason, actor, clock.instant());
            return lifecycle.record(tx, loaded, command).replaceWithVoid();
        });
    }

    /** A withdrawn completion holds again: a stacked credential its pathway suspended is reinstated. */
    public Uni<Void> holdsAgain(SqlConnection tx, PathwayCompletionRestored restored) {
        CredentialId id = credentialOf(restored.completionId());
        String actor = actor(restored.pathwayId());
        return streams.credential(tx, id).flatMap(loaded -> {
            if (!(loaded.state() instanceof Credential.Suspended suspended)
                    || !actor.equals(suspended.history().get(suspended.history().size() - 1).actor())) {
                // not suspended, or suspended by its awarding body for a reason of its own
                return Uni.createFrom().voidItem();
            }
            Reason reason = reason("The learning pathway " + restored.pathwayId() + " holds again", restored.reason());
            return lifecycle.record(tx, loaded, new ReinstateCredential(id, reason, actor, clock.instant()))
                    .replaceWithVoid();
        });
    }

    private static String cause(PathwayCompletionWithdrawn withdrawn) {
        return switch (withdrawn.cause()) {
            case "REVOKED" -> "its part " + withdrawn.causeCredentialId() + " was revoked";
            case "SUSPENDED" -> "its part " + withdrawn.causeCredentialId() + " was suspended";
            case "ACCREDITATION_WITHDRAWN" -> "the accreditation of the awarding body of its part "
                    + withdrawn.causeCredentialId() + " was withdrawn";
            default -> "its part " + withdrawn.causeCredentialId() + ": " + withdrawn.cause();
        };
    }

    /** The reason, with the pathway's own words after it as far as they fit. */
    private static Reason reason(String why, String inWords) {
        String text = inWords == null || inWords.isBlank() ? why : why + " (" + inWords.strip() + ")";
        return new Reason(text.length() <= Reason.MAX_LENGTH ? text : text.substring(0, Reason.MAX_LENGTH - 1) + "…");
    }

    /** What the pathway fixes for the stacked credential, for its learner, dated the day the pathway was completed. */
    private static MicroCredential content(PathwayCompleted completed, AwardingBody.Registered awardingBody) {
        PathwayCompleted.StackedCredential target = completed.target();
        List<String> countries = target.issuerCountries() == null || target.issuerCountries().isEmpty()
                ? List.of(awardingBody.profile().country().value()) : target.issuerCountries();
        return ContractMapping.content(completed.learner(), target.title(), countries, List.of(),
                completed.completedAt().atOffset(ZoneOffset.UTC).toLocalDate(), target.learningOutcomes(),
                target.workload(), target.level(), target.assessment(), target.participation(),
                target.qualityAssurance(), target.prerequisites(), target.supervision(), null, target.stackability(),
                target.furtherInformation());
    }

    /** A value of the event the domain refuses: the event cannot be right, it is dead-lettered. */
    private static <T> T contractValue(String field, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ContractViolation("pathway event: " + field + " cannot be read: " + e.getMessage(), e);
        }
    }
}

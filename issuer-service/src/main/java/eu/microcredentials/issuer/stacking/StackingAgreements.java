package eu.microcredentials.issuer.stacking;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBodyDecider;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBodyEvent;
import eu.microcredentials.issuer.domain.awardingbody.DisableStacking;
import eu.microcredentials.issuer.domain.awardingbody.EnableStacking;
import eu.microcredentials.issuer.domain.awardingbody.StackingAgreement;
import eu.microcredentials.issuer.domain.awardingbody.StackingTerms;
import eu.microcredentials.issuer.infrastructure.Streams;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The use cases of an awarding body's agreements to automatic issuance: it enables a learning pathway, pinning the
 * terms it agrees to sign, and disables it again. Both are events of the body's own stream (published on
 * {@code mc.awarding-bodies.v1}), so what the issuer decides on a completion follows from its own log.
 */
@ApplicationScoped
public class StackingAgreements {
    private final Pool pool;
    private final Streams streams;
    private final Clock clock;

    public StackingAgreements(Pool pool, Streams streams, Clock clock) {
        this.pool = pool;
        this.streams = streams;
        this.clock = clock;
    }

    /** Enables (or re-pins) a pathway; answers the agreement in force afterwards. */
    public Uni<StackingAgreement> enable(AwardingBodyId id, String pathwayId, StackingTerms terms, String actor) {
        return change(id, (at, state) -> AwardingBodyDecider.decide(
                new EnableStacking(id, pathwayId, terms, actor, at), state))
                .map(after -> after.stackingOn(pathwayId).orElseThrow());
    }

    /** Disables a pathway; completions consumed afterwards are refused. Disabling one not enabled records nothing. */
    public Uni<Void> disable(AwardingBodyId id, String pathwayId, String actor) {
        return change(id, (at, state) -> AwardingBodyDecider.decide(new DisableStacking(id, pathwayId, actor, at), state))
                .replaceWithVoid();
    }

    public Uni<AwardingBody> find(AwardingBodyId id) {
        return streams.awardingBody(pool, id).map(Streams.Loaded::state);
    }

    /**
     * Decides and appends under the body's exclusive lock, as a key rotation does: a stacked credential being
     * issued for the body (which holds the lock shared) is issued before the change, and every later one sees it.
     */
    private Uni<AwardingBody.Registered> change(AwardingBodyId id,
                                                BiFunction<Instant, AwardingBody, List<AwardingBodyEvent>> decide) {
        return pool.withTransaction(tx -> streams.lockAwardingBody(tx, id, true)
                .flatMap(locked -> streams.awardingBody(tx, id))
                .flatMap(loaded -> {
                    List<AwardingBodyEvent> events = decide.apply(clock.instant(), loaded.state());
                    AwardingBody after = loaded.state();
                    for (AwardingBodyEvent event : events) {
                        after = AwardingBodyDecider.evolve(after, event);
                    }
                    AwardingBody.Registered registered = (AwardingBody.Registered) after;
                    return streams.appendAwardingBodyEvents(tx, id, loaded.version(),
                            registered.profile().country().value(), events).replaceWith(registered);
                }));
    }
}

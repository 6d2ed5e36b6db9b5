package eu.microcredentials.issuer.registering;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBodyDecider;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBodyProfile;
import eu.microcredentials.issuer.domain.awardingbody.RegisterAwardingBody;
import eu.microcredentials.issuer.infrastructure.Streams;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;

/** The use case: an operator registers an awarding body, which then may issue credentials. */
@ApplicationScoped
public class AwardingBodyRegistration {
    private final Pool pool;
    private final Streams streams;
    private final Clock clock;

    public AwardingBodyRegistration(Pool pool, Streams streams, Clock clock) {
        this.pool = pool;
        this.streams = streams;
        this.clock = clock;
    }

    public Uni<AwardingBody.Registered> register(AwardingBodyProfile profile) {
        AwardingBodyId id = new AwardingBodyId(UUID.randomUUID());
        RegisterAwardingBody command = new RegisterAwardingBody(id, profile, clock.instant());
        return pool.withTransaction(tx -> streams.awardingBody(tx, id).flatMap(loaded -> {
            var events = AwardingBodyDecider.decide(command, loaded.state());
            AwardingBody after = loaded.state();
            for (var event : events) {
                after = AwardingBodyDecider.evolve(after, event);
            }
            AwardingBody.Registered registered = (AwardingBody.Registered) after;
            return streams.appendAwardingBodyEvents(tx, id, loaded.version(), events).replaceWith(registered);
        }));
    }

    public Uni<AwardingBody> find(AwardingBodyId id) {
        return streams.awardingBody(pool, id).map(Streams.Loaded::state);
    }
}

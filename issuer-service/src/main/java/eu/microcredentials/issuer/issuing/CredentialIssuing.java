package eu.microcredentials.issuer.issuing;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.credential.Credential;
import eu.microcredentials.issuer.domain.credential.CredentialDecider;
import eu.microcredentials.issuer.domain.credential.CredentialEvent;
import eu.microcredentials.issuer.domain.credential.IssueCredential;
import eu.microcredentials.issuer.domain.credential.MicroCredential;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import eu.microcredentials.issuer.infrastructure.Streams;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** The use case: an awarding body issues a micro-credential; the event is stored and, through the outbox, published. */
@ApplicationScoped
public class CredentialIssuing {
    private final Pool pool;
    private final Streams streams;
    private final Clock clock;

    public CredentialIssuing(Pool pool, Streams streams, Clock clock) {
        this.pool = pool;
        this.streams = streams;
        this.clock = clock;
    }

    public Uni<Credential.Active> issue(AwardingBodyId awardingBodyId, MicroCredential content) {
        CredentialId credentialId = new CredentialId(UUID.randomUUID());
        return pool.withTransaction(tx -> streams.awardingBody(tx, awardingBodyId).flatMap(awardingBody -> {
            if (!(awardingBody.state() instanceof AwardingBody.Registered)) {
                throw Problem.notFound("awarding body", awardingBodyId.toString()).exception();
            }
            return streams.credential(tx, credentialId).flatMap(credential -> {
                List<CredentialEvent> events = CredentialDecider.decide(
                        new IssueCredential(credentialId, awardingBody.state(), content, clock.instant()),
                        credential.state());
                Credential after = credential.state();
                for (CredentialEvent event : events) {
                    after = CredentialDecider.evolve(after, event);
                }
                Credential.Active issued = (Credential.Active) after;
                return streams.appendCredentialEvents(tx, credentialId, credential.version(), events).replaceWith(issued);
            });
        }));
    }

    public Uni<Credential> find(CredentialId id) {
        return streams.credential(pool, id).map(Streams.Loaded::state);
    }
}

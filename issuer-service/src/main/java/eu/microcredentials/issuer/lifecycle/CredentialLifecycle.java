package eu.microcredentials.issuer.lifecycle;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.credential.Credential;
import eu.microcredentials.issuer.domain.credential.CredentialCommand;
import eu.microcredentials.issuer.domain.credential.CredentialDecider;
import eu.microcredentials.issuer.domain.credential.CredentialEvent;
import eu.microcredentials.issuer.domain.credential.Reason;
import eu.microcredentials.issuer.domain.credential.ReinstateCredential;
import eu.microcredentials.issuer.domain.credential.RevokeCredential;
import eu.microcredentials.issuer.domain.credential.SuspendCredential;
import eu.microcredentials.issuer.infrastructure.Streams;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The use cases of a credential's status: its awarding body (or an operator) revokes, suspends or
 * reinstates it. Each loads the credential's stream, decides on that version and appends at it, so
 * two changes decided on the same version cannot both be recorded.
 */
@ApplicationScoped
public class CredentialLifecycle {
    private final Pool pool;
    private final Streams streams;
    private final Clock clock;

    public CredentialLifecycle(Pool pool, Streams streams, Clock clock) {
        this.pool = pool;
        this.streams = streams;
        this.clock = clock;
    }

    /**
     * @param effectiveFrom null for "from now"
     * @param mayActFor     throws unless the caller may act for the credential's awarding body
     */
    public Uni<Credential.Issued> revoke(CredentialId id, Reason reason, Instant effectiveFrom, String actor,
                                         Consumer<AwardingBodyId> mayActFor) {
        return change(id, mayActFor, at -> new RevokeCredential(id, reason, effectiveFrom, actor, at));
    }

    public Uni<Credential.Issued> suspend(CredentialId id, Reason reason, String actor,
                                          Consumer<AwardingBodyId> mayActFor) {
        return change(id, mayActFor, at -> new SuspendCredential(id, reason, actor, at));
    }

    public Uni<Credential.Issued> reinstate(CredentialId id, Reason reason, String actor,
                                            Consumer<AwardingBodyId> mayActFor) {
        return change(id, mayActFor, at -> new ReinstateCredential(id, reason, actor, at));
    }

    private Uni<Credential.Issued> change(CredentialId id, Consumer<AwardingBodyId> mayActFor,
                                          Function<Instant, CredentialCommand> commandAt) {
        // reading the stream writes nothing: the append stays the transaction's first write
        return pool.withTransaction(tx -> streams.credential(tx, id).flatMap(loaded -> {
            if (loaded.state() instanceof Credential.Issued issued) {
                // before deciding: another awarding body learns nothing of this credential's status
                mayActFor.accept(issued.awardingBody());
            }
            return record(tx, loaded, commandAt.apply(clock.instant()));
        }));
    }

    /**
     * Decides a status change of a credential loaded in this transaction and appends what it records at
     * the version it was loaded at; answers the credential as it stands afterwards.
     */
    public Uni<Credential.Issued> record(SqlConnection tx, Streams.Loaded<Credential> loaded, CredentialCommand command) {
        List<CredentialEvent> events = CredentialDecider.decide(command, loaded.state());
        Credential after = loaded.state();
        for (CredentialEvent event : events) {
            after = CredentialDecider.evolve(after, event);
        }
        Credential.Issued changed = (Credential.Issued) after;
        return streams.appendCredentialEvents(tx, changed.id(), loaded.version(), events).replaceWith(changed);
    }
}

package eu.microcredentials.issuer.infrastructure;

import eu.microcredentials.eventsourcing.EventStore;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBodyDecider;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBodyEvent;
import eu.microcredentials.issuer.domain.credential.Credential;
import eu.microcredentials.issuer.domain.credential.CredentialDecider;
import eu.microcredentials.issuer.domain.credential.CredentialEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Loads the issuer's aggregates from the event store by replaying their streams, and appends their new events. */
@ApplicationScoped
public class Streams {
    static final String AWARDING_BODY = "awarding-body";
    static final String CREDENTIAL = "credential";

    private final EventStore store;

    public Streams(EventStore store) {
        this.store = store;
    }

    /** A state and the stream version it was built from. */
    public record Loaded<S>(S state, long version) {
    }

    public Uni<Loaded<AwardingBody>> awardingBody(SqlClient client, AwardingBodyId id) {
        return store.load(client, id.toString()).map(events -> new Loaded<>(
                AwardingBodyDecider.replay(events.stream().map(ContractMapping::awardingBodyEvent).toList()),
                events.size()));
    }

    /**
     * Serialises issuing against key rotation for one awarding body, until the transaction ends:
     * issuers share the lock, a rotation takes it alone. So no credential is signed with a key that a
     * rotation retired before the credential's issuing instant.
     */
    public Uni<Void> lockAwardingBody(SqlConnection tx, AwardingBodyId id, boolean exclusive) {
        String sql = exclusive ? "SELECT pg_advisory_xact_lock(hashtext('awarding-body:' || $1))"
                : "SELECT pg_advisory_xact_lock_shared(hashtext('awarding-body:' || $1))";
        return tx.preparedQuery(sql).execute(Tuple.of(id.toString())).replaceWithVoid();
    }

    public Uni<Loaded<Credential>> credential(SqlClient client, CredentialId id) {
        return store.load(client, id.toString()).map(events -> new Loaded<>(
                CredentialDecider.replay(events.stream().map(ContractMapping::credentialEvent).toList()), events.size()));
    }

    public Uni<Void> appendAwardingBodyEvents(SqlConnection tx, AwardingBodyId id, long expectedVersion, String country,
                                              List<AwardingBodyEvent> events) {
        return store.append(tx, AWARDING_BODY, id.toString(), expectedVersion,
                events.stream().map(event -> ContractMapping.toContract(event, country)).toList()).replaceWithVoid();
    }

    /** The first event of each of many new credential streams, in one write. */
    public Uni<Void> appendNewCredentials(SqlConnection tx, List<CredentialEvent> firstEvents) {
        return store.appendNewStreams(tx, CREDENTIAL, firstEvents.stream().map(ContractMapping::toContract).toList())
                .replaceWithVoid();
    }

    public Uni<Void> appendCredentialEvents(SqlConnection tx, CredentialId id, long expectedVersion,
                                            List<CredentialEvent> events) {
        return store.append(tx, CREDENTIAL, id.toString(), expectedVersion,
                events.stream().map(ContractMapping::toContract).toList()).replaceWithVoid();
    }
}

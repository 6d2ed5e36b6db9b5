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

    public Uni<Loaded<Credential>> credential(SqlClient client, CredentialId id) {
        return store.load(client, id.toString()).map(events -> new Loaded<>(
                CredentialDecider.replay(events.stream().map(ContractMapping::credentialEvent).toList()), events.size()));
    }

    public Uni<Void> appendAwardingBodyEvents(SqlConnection tx, AwardingBodyId id, long expectedVersion,
                                              List<AwardingBodyEvent> events) {
        return store.append(tx, AWARDING_BODY, id.toString(), expectedVersion,
                events.stream().map(ContractMapping::toContract).toList()).replaceWithVoid();
    }

    public Uni<Void> appendCredentialEvents(SqlConnection tx, CredentialId id, long expectedVersion,
                                            List<CredentialEvent> events) {
        return store.append(tx, CREDENTIAL, id.toString(), expectedVersion,
                events.stream().map(ContractMapping::toContract).toList()).replaceWithVoid();
    }
}

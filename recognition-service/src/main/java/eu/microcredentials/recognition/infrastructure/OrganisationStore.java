package eu.microcredentials.recognition.infrastructure;

import eu.microcredentials.events.data.EventData;
import eu.microcredentials.events.data.RecognisingOrganisationRegistered;
import eu.microcredentials.eventsourcing.EventStore;
import eu.microcredentials.eventsourcing.PendingEvent;
import eu.microcredentials.recognition.domain.organisation.Organisation;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Registers organisations: each is a stream of recognition-service's event store (recognition.organisation.registered.v1,
 * published on mc.recognitions.v1), and its API key is kept only as a hash, in the same transaction.
 */
@ApplicationScoped
public class OrganisationStore {
    static final String ORGANISATION = "recognising-organisation";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EventStore store;

    public OrganisationStore(EventStore store) {
        this.store = store;
    }

    /** Records the organisation and a new API key for it; answers the key, which is nowhere kept in clear. */
    public Uni<String> register(SqlConnection tx, Organisation organisation) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = "mcrk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return store.append(tx, ORGANISATION, organisation.id(), 0, List.of(new PendingEvent(toContract(organisation),
                        organisation.registeredAt(), organisation.awardingBodyId(), null)))
                .flatMap(stored -> tx.preparedQuery("INSERT INTO organisation_api_key (key_hash, organisation_id) VALUES ($1, $2)")
                        .execute(Tuple.of(hash(key), organisation.id())))
                .map(done -> key);
    }

    /** The organisation as the event store has it. */
    public Uni<Optional<Organisation>> find(SqlClient client, String id) {
        return store.load(client, id).map(events -> events.isEmpty() ? Optional.<Organisation>empty()
                : toDomain(events.get(0).decode()));
    }

    /** The organisation an API key was issued to. */
    public Uni<Optional<Organisation>> withKey(SqlClient client, String key) {
        return client.preparedQuery("SELECT organisation_id FROM organisation_api_key WHERE key_hash = $1")
                .execute(Tuple.of(hash(key)))
                .flatMap(rows -> rows.size() == 0 ? Uni.createFrom().item(Optional.<Organisation>empty())
                        : find(client, rows.iterator().next().getString("organisation_id")));
    }

    static RecognisingOrganisationRegistered toContract(Organisation o) {
        return new RecognisingOrganisationRegistered(o.id(), o.name(), o.kind().name(), o.awardingBodyId(),
                o.registeredAt());
    }

    public static Optional<Organisation> toDomain(EventData data) {
        if (data instanceof RecognisingOrganisationRegistered e) {
            return Optional.of(new Organisation(e.organisationId(), e.name(), Organisation.Kind.valueOf(e.kind()),
                    e.awardingBodyId(), e.registeredAt()));
        }
        return Optional.empty();
    }

    private static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM", e);
        }
    }
}

package eu.microcredentials.issuer.registering;

import eu.microcredentials.issuer.access.ApiKeys;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBodyDecider;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBodyEvent;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBodyProfile;
import eu.microcredentials.issuer.domain.awardingbody.RegisterAwardingBody;
import eu.microcredentials.issuer.domain.awardingbody.RotateSigningKey;
import eu.microcredentials.issuer.domain.awardingbody.SigningKey;
import eu.microcredentials.issuer.infrastructure.Streams;
import eu.microcredentials.issuer.signing.SigningKeyVault;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The use cases of an awarding body's identity: an operator registers it (with its first signing
 * key and an API key for its integration), and its signing key is rotated.
 */
@ApplicationScoped
public class AwardingBodyRegistration {
    private final Pool pool;
    private final Streams streams;
    private final SigningKeyVault vault;
    private final ApiKeys apiKeys;
    private final Clock clock;

    public AwardingBodyRegistration(Pool pool, Streams streams, SigningKeyVault vault, ApiKeys apiKeys, Clock clock) {
        this.pool = pool;
        this.streams = streams;
        this.vault = vault;
        this.apiKeys = apiKeys;
        this.clock = clock;
    }

    /** A newly registered awarding body and the API key of its integration (shown once, stored hashed). */
    public record Registration(AwardingBody.Registered awardingBody, String apiKey) {
    }

    /** @param actor who registers it (the operator's API key identity) */
    public Uni<Registration> register(AwardingBodyProfile profile, String actor) {
        AwardingBodyId id = new AwardingBodyId(UUID.randomUUID());
        SigningKeyVault.GeneratedKey key = vault.generate();
        RegisterAwardingBody command = new RegisterAwardingBody(id, profile, key.publicKey(), clock.instant(), actor);
        String apiKey = ApiKeys.newKey();
        return pool.withTransaction(tx -> streams.awardingBody(tx, id).flatMap(loaded -> {
            List<AwardingBodyEvent> events = AwardingBodyDecider.decide(command, loaded.state());
            AwardingBody.Registered registered = (AwardingBody.Registered) fold(loaded.state(), events);
            return streams.appendAwardingBodyEvents(tx, id, loaded.version(), profile.country().value(), events)
                    .flatMap(appended -> vault.store(tx, id, key))
                    .flatMap(stored -> apiKeys.store(tx, id, apiKey))
                    .replaceWith(new Registration(registered, apiKey));
        }));
    }

    /** A new key becomes active; the old one retires but stays published. Returns the new key. {@code actor}: who rotates. */
    public Uni<SigningKey> rotateKey(AwardingBodyId id, String actor) {
        SigningKeyVault.GeneratedKey key = vault.generate();
        return pool.withTransaction(tx -> streams.lockAwardingBody(tx, id, true).flatMap(locked -> streams.awardingBody(tx, id)).flatMap(loaded -> {
            // the rotation instant is read once no issuance of this body is in flight
            RotateSigningKey command = new RotateSigningKey(id, key.publicKey(), clock.instant(), actor);
            List<AwardingBodyEvent> events = AwardingBodyDecider.decide(command, loaded.state());
            AwardingBody.Registered after = (AwardingBody.Registered) fold(loaded.state(), events);
            return streams.appendAwardingBodyEvents(tx, id, loaded.version(), after.profile().country().value(), events)
                    .flatMap(appended -> vault.store(tx, id, key))
                    .replaceWith(after.key(key.publicKey().keyId()).orElseThrow());
        }));
    }

    public Uni<AwardingBody> find(AwardingBodyId id) {
        return streams.awardingBody(pool, id).map(Streams.Loaded::state);
    }

    /** Those of {@code ids} that name no registered awarding body (e.g. a credential's co-awarding bodies). */
    public Uni<Set<AwardingBodyId>> unregistered(Collection<AwardingBodyId> ids) {
        return Multi.createFrom().iterable(Set.copyOf(ids))
                .onItem().transformToUniAndConcatenate(id -> find(id).map(state -> Map.entry(id, state)))
                .filter(found -> !(found.getValue() instanceof AwardingBody.Registered))
                .map(Map.Entry::getKey)
                .collect().asSet();
    }

    private static AwardingBody fold(AwardingBody state, List<AwardingBodyEvent> events) {
        AwardingBody after = state;
        for (AwardingBodyEvent event : events) {
            after = AwardingBodyDecider.evolve(after, event);
        }
        return after;
    }
}

package eu.microcredentials.issuer.access;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The API keys of awarding bodies' integrations: 256 random bits, shown once at registration and
 * stored only as their SHA-256 (a key of that entropy needs no slow hash).
 */
@ApplicationScoped
public class ApiKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Pool pool;

    public ApiKeys(Pool pool) {
        this.pool = pool;
    }

    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "mcak_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Uni<Void> store(SqlConnection tx, AwardingBodyId awardingBody, String key) {
        return tx.preparedQuery("INSERT INTO api_key (key_hash, awarding_body_id) VALUES ($1, $2)")
                .execute(Tuple.of(hash(key), awardingBody.toString())).replaceWithVoid();
    }

    /** The awarding body whose integration holds this key, if it is a valid key. */
    public Uni<Optional<String>> awardingBodyOf(String key) {
        return pool.preparedQuery("SELECT awarding_body_id FROM api_key WHERE key_hash = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(hash(key)))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getString("awarding_body_id")));
    }
}

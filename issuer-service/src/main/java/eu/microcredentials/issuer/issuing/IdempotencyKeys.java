package eu.microcredentials.issuer.issuing;

import eu.microcredentials.events.EventJson;
import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CredentialId;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@code Idempotency-Key}: a client may send a request again with the same key and body and gets
 * the same outcome, with nothing written twice; the same key with another body is refused.
 */
@ApplicationScoped
public class IdempotencyKeys {
    public static final String HEADER = "Idempotency-Key";
    private static final String CREDENTIAL_ID = "credentialId";
    private final Pool pool;

    public IdempotencyKeys(Pool pool) {
        this.pool = pool;
    }

    /** What a first request with a key produced. */
    public record Outcome(String requestHash, JsonObject response) {
    }

    public static String hash(byte[] canonicalRequest) {
        return HexFormat.of().formatHex(sha256().digest(canonicalRequest));
    }

    /**
     * The hash of a list as {@code valueToTree(items).toString()} writes it (the hash that keys recorded before
     * were checked with), but written item by item: a tree of a 10,000-row batch at once took over 100 MiB of heap.
     */
    public static String hashOfJsonArray(List<?> items) {
        MessageDigest digest = sha256();
        digest.update((byte) '[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                digest.update((byte) ',');
            }
            Object item = items.get(i);
            String json = item == null ? "null" : EventJson.mapper().valueToTree(item).toString();
            digest.update(json.getBytes(StandardCharsets.UTF_8));
        }
        digest.update((byte) ']');
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key is 1 to 255 printable ASCII characters. */
    public static String check(String key) {
        if (key.isEmpty() || key.length() > 255 || !StandardCharsets.US_ASCII.newEncoder().canEncode(key)
                || key.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw Problem.invalid(List.of(new Problem.FieldError("header:" + HEADER,
                    "must be 1 to 255 printable ASCII characters"))).exception();
        }
        return key;
    }

    public Uni<Optional<Outcome>> find(AwardingBodyId awardingBody, String key) {
        return pool.preparedQuery("SELECT request_hash, response::text AS response FROM idempotency_key "
                        + "WHERE awarding_body_id = $1 AND idempotency_key = $2")
                .execute(Tuple.of(awardingBody.toString(), key))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(new Outcome(
                        rows.iterator().next().getString("request_hash"),
                        new JsonObject(rows.iterator().next().getString("response")))));
    }

    public Uni<Void> remember(SqlConnection tx, AwardingBodyId awardingBody, String key, String requestHash,
                              JsonObject response) {
        return tx.preparedQuery("INSERT INTO idempotency_key (awarding_body_id, idempotency_key, request_hash, response, status) "
                        + "VALUES ($1, $2, $3, $4::text::json, 201)")
                .execute(Tuple.of(awardingBody.toString(), key, requestHash, response.encode()))
                .replaceWithVoid();
    }

    /**
     * A request that issues one credential, at most once per awarding body and key: the first time,
     * {@code first} issues and records the key in its own transaction through the function it is
     * given; with the same key and request again (also when a concurrent first one won), {@code again}
     * answers the credential that was issued; with the same key and another request, 422.
     */
    public <T> Uni<T> once(AwardingBodyId awardingBody, String key, String requestHash,
                           Function<BiFunction<SqlConnection, CredentialId, Uni<Void>>, Uni<T>> first,
                           Function<CredentialId, Uni<T>> again) {
        Function<Outcome, Uni<T>> replay = earlier -> again.apply(
                CredentialId.parse(replay(earlier, requestHash, key).getString(CREDENTIAL_ID)));
        return find(awardingBody, key).flatMap(earlier -> earlier.isPresent() ? replay.apply(earlier.get())
                : first.apply((tx, credentialId) -> remember(tx, awardingBody, key, requestHash,
                        new JsonObject().put(CREDENTIAL_ID, credentialId.toString())))
                .onFailure(IdempotencyKeys::isDuplicateKey)
                .recoverWithUni(() -> find(awardingBody, key).flatMap(winner -> replay.apply(winner.orElseThrow()))));
    }

    static boolean isDuplicateKey(Throwable failure) {
        return failure instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())
                && "idempotency_key_pkey".equals(pg.getConstraint());
    }

    /** The outcome to answer again, or a 422 when the key was used for another request. */
    public static JsonObject replay(Outcome outcome, String requestHash, String key) {
        if (!outcome.requestHash().equals(requestHash)) {
            throw new Problem(URI.create("https://microcredentials.eu/problems/idempotency-key-reused"),
                    "Idempotency-Key reused", 422, "the key " + key + " was used for a different request body", null,
                    List.of()).exception();
        }
        return outcome.response();
    }
}

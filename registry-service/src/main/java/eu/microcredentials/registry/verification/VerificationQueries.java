package eu.microcredentials.registry.verification;

import eu.microcredentials.registry.domain.CredentialStatus;
import eu.microcredentials.registry.domain.KeyValidity;
import eu.microcredentials.registry.domain.RegistryRecord;
import eu.microcredentials.registry.domain.SigningKey;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Function;

/** What the registry's read model knows that a verification weighs: awarding bodies, published keys, records. */
@ApplicationScoped
public class VerificationQueries {
    private final Pool pool;

    public VerificationQueries(Pool pool) {
        this.pool = pool;
    }

    /** The registered legal name of an awarding body; empty when the registry does not know it. */
    public Uni<Optional<String>> awardingBodyName(String awardingBodyId) {
        return pool.preparedQuery("SELECT legal_name FROM registry_awarding_body WHERE id = $1")
                .execute(Tuple.of(awardingBodyId))
                .map(rows -> first(rows, row -> row.getString("legal_name")));
    }

    public Uni<Optional<SigningKey>> signingKey(String keyId) {
        return pool.preparedQuery("""
                        SELECT key_id, awarding_body_id, algorithm, public_jwk::text AS public_jwk, active_from, retired_at
                        FROM registry_signing_key WHERE key_id = $1""")
                .execute(Tuple.of(keyId))
                .map(rows -> first(rows, row -> new SigningKey(row.getString("key_id"), row.getString("awarding_body_id"),
                        row.getString("algorithm"), row.getString("public_jwk"),
                        new KeyValidity(row.getOffsetDateTime("active_from").toInstant(),
                                instant(row.getOffsetDateTime("retired_at"))))));
    }

    public Uni<Optional<RegistryRecord>> credential(String credentialId) {
        return pool.preparedQuery("""
                        SELECT id, awarding_body_id, status, issued_at, verifiable_credential
                        FROM registry_credential WHERE id = $1""")
                .execute(Tuple.of(credentialId))
                .map(rows -> first(rows, row -> new RegistryRecord(row.getString("id"), row.getString("awarding_body_id"),
                        CredentialStatus.valueOf(row.getString("status")), row.getOffsetDateTime("issued_at").toInstant(),
                        row.getString("verifiable_credential"))));
    }

    private static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> map) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(map.apply(rows.iterator().next()));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}

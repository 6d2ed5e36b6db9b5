package eu.microcredentials.registry.verification;

import eu.microcredentials.registry.domain.CredentialStatus;
import eu.microcredentials.registry.domain.KeyValidity;
import eu.microcredentials.registry.domain.RegistryRecord;
import eu.microcredentials.registry.domain.SigningKey;
import eu.microcredentials.registry.domain.StatusChange;
import eu.microcredentials.registry.domain.accreditation.AccreditationEvent;
import eu.microcredentials.registry.domain.accreditation.AccreditationHistory;
import eu.microcredentials.registry.domain.accreditation.AwardingBodyId;
import eu.microcredentials.registry.domain.asof.StatusTimeline;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the registry's read model knows that a verification weighs: awarding bodies, published keys,
 * records, status changes and accreditation decisions.
 */
@ApplicationScoped
public class VerificationQueries {
    private final Pool pool;

    public VerificationQueries(Pool pool) {
        this.pool = pool;
    }

    /**
     * Everything a verification as of now weighs, in one statement: the body's name ($1), the key ($2), the
     * record ($3), the latest status change when $4, and the body's accreditation decisions, one a row in
     * the order decided (no row of them: one row with nulls). Each part is null when the registry does not
     * know it, or when the presented credential does not name it.
     */
    private static final String KNOWLEDGE = """
            SELECT b.legal_name,
                   k.key_id, k.awarding_body_id AS key_body, k.algorithm, k.public_jwk::text AS public_jwk,
                   k.active_from, k.retired_at,
                   c.id AS credential_id, c.awarding_body_id AS credential_body, c.status AS credential_status,
                   c.issued_at, c.verifiable_credential,
                   latest.reason, latest.effective_from, latest.recorded_at,
                   a.status, a.agency, a.evidence, a.valid_from, a.valid_until, a.decided_at, a.actor
            FROM (VALUES (1)) AS one (x)
            LEFT JOIN registry_awarding_body b ON b.id = $1
            LEFT JOIN registry_signing_key k ON k.key_id = $2
            LEFT JOIN registry_credential c ON c.id = $3
            LEFT JOIN LATERAL (SELECT reason, effective_from, recorded_at FROM registry_status_change
                               WHERE $4 AND credential_id = $3 ORDER BY recorded_at DESC LIMIT 1) AS latest ON true
            LEFT JOIN registry_accreditation a ON a.awarding_body_id = $1
            ORDER BY a.version""";

    /** What the registry knows of a presented credential's parts, as {@link #knowledge} reads it. */
    public record Knowledge(Optional<String> awardingBodyName, Optional<SigningKey> key, Optional<RegistryRecord> record,
                            AccreditationHistory accreditation, Optional<StatusChange> latestStatusChange) {
    }

    /**
     * What a verification as of now weighs, in one round trip; a null id looks nothing up.
     *
     * @param withLatestChange whether to read the credential's latest status change (for callers allowed to see it)
     */
    public Uni<Knowledge> knowledge(String awardingBodyId, String keyId, String credentialId, boolean withLatestChange) {
        return pool.preparedQuery(KNOWLEDGE)
                .execute(Tuple.of(awardingBodyId, keyId, credentialId, withLatestChange))
                .map(rows -> {
                    Row first = rows.iterator().next();
                    Optional<String> name = Optional.ofNullable(first.getString("legal_name"));
                    Optional<SigningKey> key = first.getString("key_id") == null ? Optional.empty()
                            : Optional.of(signingKey(first));
                    Optional<RegistryRecord> record = first.getString("credential_id") == null ? Optional.empty()
                            : Optional.of(new RegistryRecord(first.getString("credential_id"),
                            first.getString("credential_body"), CredentialStatus.valueOf(first.getString("credential_status")),
                            first.getOffsetDateTime("issued_at").toInstant(), first.getString("verifiable_credential")));
                    Optional<StatusChange> latest = first.getOffsetDateTime("recorded_at") == null ? Optional.empty()
                            : Optional.of(statusChange(first));
                    List<AccreditationEvent> decisions = new ArrayList<>();
                    for (Row row : rows) {
                        if (row.getString("status") != null) {
                            decisions.add(decision(new AwardingBodyId(awardingBodyId), row));
                        }
                    }
                    return new Knowledge(name, key, record,
                            decisions.isEmpty() ? AccreditationHistory.none() : new AccreditationHistory(decisions), latest);
                });
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

    /** The latest status change recorded for the credential; empty when its status never changed. */
    public Uni<Optional<StatusChange>> latestStatusChange(String credentialId) {
        return pool.preparedQuery("""
                        SELECT reason, effective_from, recorded_at FROM registry_status_change
                        WHERE credential_id = $1 ORDER BY recorded_at DESC LIMIT 1""")
                .execute(Tuple.of(credentialId))
                .map(rows -> first(rows, VerificationQueries::statusChange));
    }

    /** When the credential was issued and every status change recorded for it, in the order recorded; empty when unknown. */
    public Uni<Optional<StatusTimeline>> statusTimeline(String credentialId) {
        return pool.preparedQuery("""
                        SELECT c.issued_at, s.status, s.reason, s.effective_from, s.recorded_at
                        FROM registry_credential c LEFT JOIN registry_status_change s ON s.credential_id = c.id
                        WHERE c.id = $1 ORDER BY s.recorded_at, s.version""")
                .execute(Tuple.of(credentialId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Instant issuedAt = null;
                    List<StatusTimeline.Change> changes = new ArrayList<>();
                    for (Row row : rows) {
                        issuedAt = row.getOffsetDateTime("issued_at").toInstant();
                        if (row.getString("status") != null) {
                            changes.add(new StatusTimeline.Change(CredentialStatus.valueOf(row.getString("status")),
                                    new StatusChange(row.getString("reason"),
                                            row.getOffsetDateTime("effective_from").toInstant(),
                                            row.getOffsetDateTime("recorded_at").toInstant())));
                        }
                    }
                    return Optional.of(new StatusTimeline(issuedAt, changes));
                });
    }

    /** Every accreditation decision recorded for the awarding body, in the order it was decided. */
    public Uni<AccreditationHistory> accreditationHistory(String awardingBodyId) {
        return pool.preparedQuery("""
                        SELECT status, agency, evidence, valid_from, valid_until, decided_at, actor
                        FROM registry_accreditation WHERE awarding_body_id = $1 ORDER BY version""")
                .execute(Tuple.of(awardingBodyId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        // also for an id no body could have (the presented credential says what it likes)
                        return AccreditationHistory.none();
                    }
                    AwardingBodyId body = new AwardingBodyId(awardingBodyId);
                    List<AccreditationEvent> decisions = new ArrayList<>();
                    for (Row row : rows) {
                        decisions.add(decision(body, row));
                    }
                    return new AccreditationHistory(decisions);
                });
    }

    private static SigningKey signingKey(Row row) {
        return new SigningKey(row.getString("key_id"), row.getString("key_body"), row.getString("algorithm"),
                row.getString("public_jwk"), new KeyValidity(row.getOffsetDateTime("active_from").toInstant(),
                instant(row.getOffsetDateTime("retired_at"))));
    }

    private static StatusChange statusChange(Row row) {
        return new StatusChange(row.getString("reason"), row.getOffsetDateTime("effective_from").toInstant(),
                row.getOffsetDateTime("recorded_at").toInstant());
    }

    private static AccreditationEvent decision(AwardingBodyId body, Row row) {
        String evidenceText = row.getString("evidence");
        URI evidence = evidenceText == null ? null : URI.create(evidenceText);
        Instant validFrom = instant(row.getOffsetDateTime("valid_from"));
        Instant decidedAt = row.getOffsetDateTime("decided_at").toInstant();
        if ("ACCREDITED".equals(row.getString("status"))) {
            return new AccreditationEvent.Granted(body, row.getString("agency"), evidence, validFrom,
                    instant(row.getOffsetDateTime("valid_until")), row.getString("actor"), decidedAt);
        }
        // a withdrawal's valid_from is from when the accreditation no longer holds
        return new AccreditationEvent.Withdrawn(body, row.getString("agency"), evidence,
                validFrom != null ? validFrom : decidedAt, row.getString("actor"), decidedAt);
    }

    private static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> map) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(map.apply(rows.iterator().next()));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}

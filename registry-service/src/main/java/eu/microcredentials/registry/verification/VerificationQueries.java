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

    /** The latest status change recorded for the credential; empty when its status never changed. */
    public Uni<Optional<StatusChange>> latestStatusChange(String credentialId) {
        return pool.preparedQuery("""
                        SELECT reason, effective_from, recorded_at FROM registry_status_change
                        WHERE credential_id = $1 ORDER BY recorded_at DESC LIMIT 1""")
                .execute(Tuple.of(credentialId))
                .map(rows -> first(rows, row -> new StatusChange(row.getString("reason"),
                        row.getOffsetDateTime("effective_from").toInstant(),
                        row.getOffsetDateTime("recorded_at").toInstant())));
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

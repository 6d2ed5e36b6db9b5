package eu.microcredentials.registry.projection;

import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.Topic;
import eu.microcredentials.events.data.AccreditationGranted;
import eu.microcredentials.events.data.AccreditationWithdrawn;
import eu.microcredentials.events.data.EventData;
import eu.microcredentials.eventsourcing.Projection;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/** The awarding bodies' accreditation as national registries recorded it: every decision, and the current one. */
@ApplicationScoped
public class AccreditationProjection implements Projection {
    public static final String NAME = "accreditations";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final String INSERT_DECISION = """
            INSERT INTO registry_accreditation (event_id, awarding_body_id, status, agency, evidence, valid_from,
                                                valid_until, decided_at, actor, version, reason)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (event_id) DO NOTHING""";
    // the later decision of a body wins, whatever order a rebuild or a redelivery brings
    private static final String UPSERT_CURRENT = """
            INSERT INTO registry_accreditation_current (awarding_body_id, status, agency, evidence, valid_from,
                                                        valid_until, decided_at, version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (awarding_body_id) DO UPDATE SET status = EXCLUDED.status, agency = EXCLUDED.agency,
                evidence = EXCLUDED.evidence, valid_from = EXCLUDED.valid_from, valid_until = EXCLUDED.valid_until,
                decided_at = EXCLUDED.decided_at, version = EXCLUDED.version
            WHERE registry_accreditation_current.version < EXCLUDED.version""";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of("registry_accreditation", "registry_accreditation_current");
    }

    @Override
    public Set<Topic> topics() {
        return Set.of(Topic.ACCREDITATIONS);
    }

    @Override
    public void apply(SqlConnection tx, EventEnvelope event) {
        EventData data = event.decode();
        if (data instanceof AccreditationGranted granted) {
            record(tx, event, granted.awardingBodyId(), "ACCREDITED", granted.qualityAssuranceAgency(),
                    granted.evidence(), granted.validFrom(), granted.validUntil(), granted.decidedAt(), granted.actor(), null);
        } else if (data instanceof AccreditationWithdrawn withdrawn) {
            record(tx, event, withdrawn.awardingBodyId(), "WITHDRAWN", withdrawn.qualityAssuranceAgency(),
                    withdrawn.evidence(), withdrawn.effectiveFrom(), null, withdrawn.decidedAt(), withdrawn.actor(),
                    withdrawn.reason());
        }
    }

    private static void record(SqlConnection tx, EventEnvelope event, String awardingBodyId, String status,
                               String agency, String evidence, Instant validFrom, Instant validUntil,
                               Instant decidedAt, String actor, String reason) {
        tx.preparedQuery(INSERT_DECISION).execute(Tuple.tuple().addUUID(event.id()).addString(awardingBodyId)
                        .addString(status).addString(agency).addString(evidence).addOffsetDateTime(utc(validFrom))
                        .addOffsetDateTime(utc(validUntil)).addOffsetDateTime(utc(decidedAt)).addString(actor)
                        .addLong(event.sequence()).addString(reason))
                .await().atMost(TIMEOUT);
        tx.preparedQuery(UPSERT_CURRENT).execute(Tuple.tuple().addString(awardingBodyId).addString(status)
                        .addString(agency).addString(evidence).addOffsetDateTime(utc(validFrom))
                        .addOffsetDateTime(utc(validUntil)).addOffsetDateTime(utc(decidedAt)).addLong(event.sequence()))
                .await().atMost(TIMEOUT);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    @Override
    public void reset(SqlConnection tx) {
        tx.query("DELETE FROM registry_accreditation_current").execute().await().atMost(TIMEOUT);
        tx.query("DELETE FROM registry_accreditation").execute().await().atMost(TIMEOUT);
    }
}

package eu.microcredentials.registry.auditreport;

import eu.microcredentials.registry.auditreport.AwardingBodyAuditReport.StatusChangeEntry;
import eu.microcredentials.registry.auditreport.AwardingBodyAuditReport.StatusChanges;
import eu.microcredentials.registry.auditreport.AwardingBodyAuditReport.StatusCount;
import eu.microcredentials.registry.auditreport.ReadModelFreshness.PartitionPosition;
import eu.microcredentials.registry.domain.CredentialStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the audit reports read beyond the lookups: counts and status changes of a body, and projection positions. */
@ApplicationScoped
public class AuditReportQueries {
    private final Pool pool;

    public AuditReportQueries(Pool pool) {
        this.pool = pool;
    }

    /** How many of the body's credentials have each status now, every status listed (zero ones too). */
    public Uni<List<StatusCount>> credentialsByStatus(String awardingBodyId) {
        return pool.preparedQuery("""
                        SELECT status, count(*) AS n FROM registry_credential WHERE awarding_body_id = $1 GROUP BY status""")
                .execute(Tuple.of(awardingBodyId))
                .map(rows -> {
                    Map<CredentialStatus, Long> counts = new EnumMap<>(CredentialStatus.class);
                    for (Row row : rows) {
                        counts.put(CredentialStatus.valueOf(row.getString("status")), row.getLong("n"));
                    }
                    List<StatusCount> all = new ArrayList<>();
                    for (CredentialStatus status : CredentialStatus.values()) {
                        all.add(new StatusCount(status.name(), counts.getOrDefault(status, 0L)));
                    }
                    return all;
                });
    }

    /** The status changes of the body's credentials in the order recorded, at most {@code limit}, with how many there are. */
    public Uni<StatusChanges> statusChanges(String awardingBodyId, int limit) {
        return pool.preparedQuery("""
                        SELECT s.credential_id, s.status, s.reason, s.effective_from, s.recorded_at, s.actor,
                               count(*) OVER () AS total
                        FROM registry_status_change s JOIN registry_credential c ON c.id = s.credential_id
                        WHERE c.awarding_body_id = $1
                        ORDER BY s.recorded_at, s.credential_id, s.version
                        LIMIT $2""")
                .execute(Tuple.of(awardingBodyId, limit))
                .map(rows -> {
                    List<StatusChangeEntry> items = new ArrayList<>();
                    long total = 0;
                    for (Row row : rows) {
                        total = row.getLong("total");
                        items.add(new StatusChangeEntry(row.getString("credential_id"), row.getString("status"),
                                row.getString("reason"), instant(row.getOffsetDateTime("effective_from")),
                                instant(row.getOffsetDateTime("recorded_at")), row.getString("actor")));
                    }
                    return new StatusChanges(total, items.size(), items);
                });
    }

    /** Every projection's recorded positions, by projection name (in name order), each oldest topic and partition first. */
    public Uni<Map<String, List<PartitionPosition>>> positions() {
        return pool.query("""
                        SELECT projection, topic, kafka_partition, next_offset, events_applied, last_event_at
                        FROM projection_position ORDER BY projection, topic, kafka_partition""")
                .execute()
                .map(rows -> {
                    Map<String, List<PartitionPosition>> positions = new LinkedHashMap<>();
                    for (Row row : rows) {
                        positions.computeIfAbsent(row.getString("projection"), name -> new ArrayList<>())
                                .add(new PartitionPosition(row.getString("topic"), row.getInteger("kafka_partition"),
                                        row.getLong("next_offset"), row.getLong("events_applied"),
                                        instant(row.getOffsetDateTime("last_event_at"))));
                    }
                    return positions;
                });
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}

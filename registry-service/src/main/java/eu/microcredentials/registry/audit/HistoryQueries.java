package eu.microcredentials.registry.audit;

import com.fasterxml.jackson.databind.JsonNode;
import eu.microcredentials.events.EventJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a credential's audit trail from the history projection. */
@ApplicationScoped
public class HistoryQueries {
    /**
     * The credential's own events, and of its awarding body the accreditation decisions and the events of the
     * key that signed it; found through its issuance, so the trail needs nothing but its own projection.
     */
    private static final String HISTORY = """
            WITH issued AS (
                SELECT awarding_body_id, key_id FROM registry_event_history
                WHERE credential_id = $1 AND concerns = 'credential' AND sequence = 1)
            SELECT h.event_id, h.type, h.source, h.subject, h.sequence, h.time, h.topic, h.kafka_partition,
                   h.kafka_offset, h.hash, h.previous_hash, h.concerns, h.actor, h.recorded_at, h.effective_from, h.data::text AS data,
                   i.awarding_body_id AS credential_awarding_body
            FROM registry_event_history h JOIN issued i ON
                 h.credential_id = $1
              OR (h.awarding_body_id = i.awarding_body_id AND h.credential_id IS NULL
                  AND (h.concerns = 'accreditation' OR (h.concerns = 'signing-key' AND h.key_id = i.key_id)))
            ORDER BY h.recorded_at, h.time, h.subject, h.sequence""";

    private final Pool pool;

    public HistoryQueries(Pool pool) {
        this.pool = pool;
    }

    /** Empty when the registry has no issuance of this credential. */
    public Uni<Optional<CredentialHistory>> credential(String credentialId) {
        return pool.preparedQuery(HISTORY).execute(Tuple.of(credentialId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            List<CredentialHistory.Event> events = new ArrayList<>();
            String awardingBody = null;
            for (Row row : rows) {
                awardingBody = row.getString("credential_awarding_body");
                JsonNode data = json(row.getString("data"));
                events.add(new CredentialHistory.Event(row.getUUID("event_id"), row.getString("type"),
                        URI.create(row.getString("source")), row.getString("subject"), row.getLong("sequence"),
                        row.getOffsetDateTime("time").toInstant(),
                        new CredentialHistory.KafkaPosition(row.getString("topic"), row.getInteger("kafka_partition"),
                                row.getLong("kafka_offset")),
                        new CredentialHistory.ChainLink(row.getString("hash"), row.getString("previous_hash")),
                        row.getString("concerns"), row.getString("actor"), reason(data),
                        row.getOffsetDateTime("recorded_at").toInstant(),
                        row.getOffsetDateTime("effective_from").toInstant(), data));
            }
            return Optional.of(new CredentialHistory(credentialId, awardingBody, events));
        });
    }

    /** The reason the event data gives, if it gives one. */
    private static String reason(JsonNode data) {
        JsonNode reason = data.path("reason");
        return reason.isTextual() ? reason.asText() : null;
    }

    private static JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

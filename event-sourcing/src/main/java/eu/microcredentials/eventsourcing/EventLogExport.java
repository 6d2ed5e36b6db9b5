package eu.microcredentials.eventsourcing;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the events a service recorded in a time range as JSON lines, oldest first, each with its
 * CloudEvents attributes, when it was recorded, its hash chain link and its data exactly as stored:
 * the evidence an auditor takes away.
 */
public final class EventLogExport {
    private static final int PAGE = 1_000;
    private static final String PAGE_OF_EVENTS = """
            SELECT global_position, event_id, stream_id, version, event_type, source, occurred_at, recorded_at,
                   awarding_body_id, country, data::text, hash, previous_hash
            FROM event_store WHERE recorded_at >= $1 AND recorded_at < $2 AND global_position > $3
            ORDER BY global_position LIMIT $4""";
    private static final JsonFactory JSON = new JsonFactory();

    private final Pool pool;

    public EventLogExport(Pool pool) {
        this.pool = pool;
    }

    /** @return how many events were written */
    public long write(OutputStream out, Instant from, Instant until) {
        long written = 0;
        long after = 0;
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.setRootValueSeparator(null);
            while (true) {
                List<Row> page = new ArrayList<>(PAGE);
                pool.preparedQuery(PAGE_OF_EVENTS).execute(Tuple.of(from.atOffset(ZoneOffset.UTC), until.atOffset(ZoneOffset.UTC),
                        after, PAGE)).await().atMost(Transactions.TIMEOUT).forEach(page::add);
                for (Row row : page) {
                    line(json, row);
                    after = row.getLong("global_position");
                    written++;
                }
                json.flush();
                if (page.size() < PAGE) {
                    return written;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void line(JsonGenerator json, Row row) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", row.getUUID("event_id").toString());
        json.writeStringField("source", row.getString("source"));
        json.writeStringField("type", row.getString("event_type"));
        json.writeStringField("subject", row.getString("stream_id"));
        json.writeNumberField("sequence", row.getLong("version"));
        json.writeStringField("time", row.getOffsetDateTime("occurred_at").withOffsetSameInstant(ZoneOffset.UTC).toString());
        json.writeStringField("recordedAt", row.getOffsetDateTime("recorded_at").withOffsetSameInstant(ZoneOffset.UTC).toString());
        json.writeStringField("awardingbody", row.getString("awarding_body_id"));
        json.writeStringField("country", row.getString("country"));
        json.writeStringField("hash", row.getString("hash"));
        json.writeStringField("prevhash", row.getString("previous_hash"));
        json.writeFieldName("data");
        json.writeRawValue(row.getString("data"));
        json.writeEndObject();
        json.writeRaw('\n');
    }
}

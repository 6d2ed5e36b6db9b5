package eu.microcredentials.issuer.support;

import eu.microcredentials.events.EventType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The places of an awarding body's status lists, read directly: how many were taken, and which each credential holds. */
public final class StatusListPlaces {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private StatusListPlaces() {
    }

    /** A credential's place: the revocation list's URL it names and its index there. */
    public record Place(String revocationList, int index) {
    }

    /** How many places of the body were ever taken: one for each credential signed, issued or not. */
    public static long taken(Pool pool, String awardingBodyId) {
        var rows = pool.preparedQuery("SELECT next_position FROM status_list_allocation WHERE awarding_body_id = $1")
                .execute(Tuple.of(awardingBodyId)).await().atMost(DEADLINE);
        return rows.size() == 0 ? 0 : rows.iterator().next().getLong("next_position");
    }

    /**
     * Moves the body's count of places on to {@code position}, as if it had issued that many: filling a list
     * takes 131,072 issuances. The body must have taken a place before.
     */
    public static void moveTo(Pool pool, String awardingBodyId, long position) {
        long moved = pool.preparedQuery("UPDATE status_list_allocation SET next_position = $2 WHERE awarding_body_id = $1")
                .execute(Tuple.of(awardingBodyId, position)).await().atMost(DEADLINE).rowCount();
        if (moved != 1) {
            throw new IllegalStateException("awarding body " + awardingBodyId + " has taken no place yet");
        }
    }

    /** The place each issued credential of the body names, by credential id, as its issued event has it. */
    public static Map<String, Place> ofIssuedCredentials(Pool pool, String awardingBodyId) {
        Map<String, Place> places = new HashMap<>();
        for (Row row : pool.preparedQuery("""
                        SELECT e.stream_id, entry ->> 'statusListCredential' AS list, (entry ->> 'statusListIndex')::int AS index
                        FROM event_store e, json_array_elements(e.data -> 'credentialStatus') AS entry
                        WHERE e.awarding_body_id = $1 AND e.event_type = $2 AND entry ->> 'statusPurpose' = 'revocation'""")
                .execute(Tuple.of(awardingBodyId, EventType.CREDENTIAL_ISSUED.type())).await().atMost(DEADLINE)) {
            places.put(row.getString("stream_id"), new Place(row.getString("list"), row.getInteger("index")));
        }
        return places;
    }
}

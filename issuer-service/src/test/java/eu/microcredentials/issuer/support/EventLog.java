package eu.microcredentials.issuer.support;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;

/** What the event store holds, read directly, to check what a request did or did not record. */
public final class EventLog {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private EventLog() {
    }

    /** Every event of every stream: a refused request must leave this unchanged. */
    public static long count(Pool pool) {
        return pool.query("SELECT count(*) AS events FROM event_store").execute().await().atMost(DEADLINE)
                .iterator().next().getLong("events");
    }

    /** The events recorded for one awarding body (its own stream and its credentials'). */
    public static long countFor(Pool pool, String awardingBodyId) {
        return pool.preparedQuery("SELECT count(*) AS events FROM event_store WHERE awarding_body_id = $1")
                .execute(Tuple.of(awardingBodyId)).await().atMost(DEADLINE)
                .iterator().next().getLong("events");
    }
}

package eu.microcredentials.issuer.issuing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.microcredentials.testsupport.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Two bulk chunks of one awarding body reserving status list indexes at the same time, on real PostgreSQL. Each
 * reservation is one statement inserting many random indexes; two that meet on two indexes in opposite orders each
 * held one the other needed and deadlocked (40P01, a whole chunk answered 500). Here the meeting is forced: a third
 * transaction holds the index both need next, so both are waiting when it lets go.
 */
@QuarkusTest
class StatusIndexReservationIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    private static String[] ids(String prefix) {
        return new String[] {prefix + UUID.randomUUID(), prefix + UUID.randomUUID(), prefix + UUID.randomUUID()};
    }

    private long waitingReservations() {
        return pool.query("""
                        SELECT count(*) AS waiting FROM pg_stat_activity
                        WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO status_list_index%'""")
                .execute().await().atMost(DEADLINE).iterator().next().getLong("waiting");
    }

    @Test
    void two_reservations_meeting_on_the_same_indexes_in_opposite_orders_both_finish() throws Exception {
        String awardingBody = UUID.randomUUID().toString();
        SqlConnection holder = pool.getConnection().await().atMost(DEADLINE);
        CompletableFuture<RowSet<Row>> first;
        CompletableFuture<RowSet<Row>> second;
        try {
            Transaction held = holder.begin().await().atMost(DEADLINE);
            holder.preparedQuery("INSERT INTO status_list_index (awarding_body_id, list_index, credential_id) VALUES ($1, 15, $2)")
                    .execute(Tuple.of(awardingBody, "held-" + UUID.randomUUID())).await().atMost(DEADLINE);

            first = pool.preparedQuery(CredentialIssuing.RESERVE_INDEXES)
                    .execute(Tuple.of(awardingBody, new Integer[] {10, 15, 20}, ids("first-")))
                    .subscribeAsCompletionStage();
            second = pool.preparedQuery(CredentialIssuing.RESERVE_INDEXES)
                    .execute(Tuple.of(awardingBody, new Integer[] {20, 15, 10}, ids("second-")))
                    .subscribeAsCompletionStage();
            Eventually.await(DEADLINE, () -> assertEquals(2, waitingReservations(), "both reservations waiting"));

            held.rollback().await().atMost(DEADLINE);
        } finally {
            holder.close().await().atMost(DEADLINE);
        }

        List<Integer> reserved = new ArrayList<>();
        for (CompletableFuture<RowSet<Row>> reservation : List.of(first, second)) {
            // a deadlock fails one of them with 40P01
            reservation.get().forEach(row -> reserved.add(row.getInteger("list_index")));
        }
        Set<Integer> distinct = new TreeSet<>(reserved);
        assertEquals(Set.of(10, 15, 20), distinct, "reserved: " + reserved);
        assertTrue(reserved.size() == distinct.size(), "no index given twice: " + reserved);
    }
}

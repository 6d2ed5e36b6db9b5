package eu.microcredentials.eventsourcing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rows held during a transaction and written at its end, slice after slice, on a real PostgreSQL. */
class HeldRowsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String INSERT = "INSERT INTO held_row (n, payload) VALUES ($1, $2)";
    /** About as large as an event, so that the slices of a flush are several writes each. */
    private static final String PAYLOAD = "x".repeat(5_000);

    private KernelInfrastructure infra;
    private final HeldRows rows = new HeldRows(INSERT);

    @BeforeEach
    void table() {
        infra = KernelInfrastructure.freshDatabase();
        infra.pool.query("CREATE TABLE held_row (n INT PRIMARY KEY, payload TEXT NOT NULL)").execute()
                .await().atMost(TIMEOUT);
    }

    @AfterEach
    void close() {
        infra.close();
    }

    @Test
    void writesEveryRowHeldInATransactionOfManySlicesAtItsFlush() {
        int count = 1_037; // ten full slices of 100 and a part of one
        Transactions.inTransaction(infra.pool, tx -> {
            IntStream.range(0, count).forEach(n -> rows.hold(tx, Tuple.of(n, PAYLOAD)));
            assertEquals(0, written(tx), "nothing written before the flush");
            rows.flush(tx);
            assertEquals(count, written(tx));
            return null;
        });
        assertEquals(IntStream.range(0, count).boxed().toList(), numbers());
    }

    @Test
    void aSliceThatFailsFailsTheFlushAndTheTransactionKeepsNothing() {
        infra.pool.preparedQuery(INSERT).execute(Tuple.of(450, "already there")).await().atMost(TIMEOUT);
        // the fifth slice (400-499) meets the row already there: slices before it were written, those after it
        // are not sent, and the transaction rolls all of them back
        RuntimeException failure = assertThrows(RuntimeException.class, () -> Transactions.inTransaction(infra.pool, tx -> {
            IntStream.range(0, 1_000).forEach(n -> rows.hold(tx, Tuple.of(n, PAYLOAD)));
            rows.flush(tx);
            return null;
        }));
        assertTrue(String.valueOf(failure.getMessage()).contains("held_row_pkey"), failure.toString());
        assertEquals(List.of(450), numbers());
        // nothing of the failed transaction is held for the next one
        Transactions.inTransaction(infra.pool, tx -> {
            rows.hold(tx, Tuple.of(1, PAYLOAD));
            rows.flush(tx);
            return null;
        });
        assertEquals(List.of(1, 450), numbers());
    }

    private static long written(SqlConnection tx) {
        return tx.query("SELECT count(*) AS n FROM held_row").execute().await().atMost(TIMEOUT)
                .iterator().next().getLong("n");
    }

    private List<Integer> numbers() {
        List<Integer> numbers = new ArrayList<>();
        for (Row row : infra.pool.query("SELECT n FROM held_row ORDER BY n").execute().await().atMost(TIMEOUT)) {
            numbers.add(row.getInteger("n"));
        }
        return numbers;
    }
}

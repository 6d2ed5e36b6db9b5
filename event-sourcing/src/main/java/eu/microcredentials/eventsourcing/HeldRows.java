package eu.microcredentials.eventsourcing;

import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows a projection holds back during a batch, to write them with one statement in one round trip
 * when the batch ends ({@link Projection#flush}) instead of one round trip per event. Rows are held per
 * thread (the live runner and a rebuild beside it apply events at the same time) and for one
 * transaction: rows of a transaction that failed before its flush are dropped, never written into the
 * next one.
 */
public final class HeldRows {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int ROWS_A_WRITE = 100;

    private final String statement;
    private final ThreadLocal<Held> held = ThreadLocal.withInitial(Held::new);

    /** @param statement the prepared statement each row is written with (a batch of its parameter sets) */
    public HeldRows(String statement) {
        this.statement = statement;
    }

    private static final class Held {
        private final List<Tuple> rows = new ArrayList<>();
        private SqlConnection transaction;
    }

    /** Holds a row to be written in this transaction. */
    public void hold(SqlConnection transaction, Tuple row) {
        Held current = held.get();
        if (current.transaction != transaction) {
            current.rows.clear();
            current.transaction = transaction;
        }
        current.rows.add(row);
    }

    /** Writes the rows held for this transaction, if any. */
    public void flush(SqlConnection transaction) {
        Held current = held.get();
        if (current.transaction == transaction) {
            // in slices, so that one write does not need a buffer of the whole batch's rows (events are ~5 KB)
            for (int from = 0; from < current.rows.size(); from += ROWS_A_WRITE) {
                List<Tuple> slice = List.copyOf(current.rows.subList(from, Math.min(current.rows.size(), from + ROWS_A_WRITE)));
                transaction.preparedQuery(statement).executeBatch(slice).await().atMost(TIMEOUT);
            }
        }
        current.rows.clear();
        current.transaction = null;
    }
}

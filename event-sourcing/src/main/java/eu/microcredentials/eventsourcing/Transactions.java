package eu.microcredentials.eventsourcing;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import java.time.Duration;
import java.util.function.Function;

/**
 * Runs work in one database transaction from a kernel thread (relay, projection runner), which may
 * block: these threads are the kernel's own, never Vert.x event-loop threads.
 */
final class Transactions {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Transactions() {
    }

    static <T> T inTransaction(Pool pool, Function<SqlConnection, T> work) {
        SqlConnection connection = pool.getConnection().await().atMost(TIMEOUT);
        try {
            Transaction transaction = connection.begin().await().atMost(TIMEOUT);
            T result;
            try {
                result = work.apply(connection);
            } catch (RuntimeException | Error e) {
                try {
                    transaction.rollback().await().atMost(TIMEOUT);
                } catch (RuntimeException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
            transaction.commit().await().atMost(TIMEOUT);
            return result;
        } finally {
            connection.close().await().atMost(TIMEOUT);
        }
    }

    /** True when the database answers a trivial query: tells a poison event from an outage. */
    static boolean databaseAnswers(Pool pool) {
        try {
            pool.query("SELECT 1").execute().await().atMost(Duration.ofSeconds(5));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}

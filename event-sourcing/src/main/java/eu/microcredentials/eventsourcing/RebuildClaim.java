package eu.microcredentials.eventsourcing;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The one claim, across every instance sharing the database, to rebuild a read model beside the live one: a
 * PostgreSQL session advisory lock, held on a connection of its own for as long as the rebuild runs. It ends when the
 * rebuild closes it, or with the connection when the instance dies, so a crashed instance never blocks the next
 * rebuild. Two instances rebuilding the same model would each swap their copy in.
 */
public final class RebuildClaim implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RebuildClaim.class);
    private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS taken";
    private static final String UNLOCK = "SELECT pg_advisory_unlock(hashtextextended($1, 0))";

    private final SqlConnection connection;
    private final String key;

    private RebuildClaim(SqlConnection connection, String key) {
        this.connection = connection;
        this.key = key;
    }

    /** Claims the rebuild of the projection; empty when another holds the claim (on this instance or another). */
    public static Optional<RebuildClaim> take(Pool pool, String projection) {
        String key = "mc.rebuild:" + projection;
        SqlConnection connection = pool.getConnection().await().atMost(Transactions.TIMEOUT);
        try {
            boolean taken = connection.preparedQuery(TRY_LOCK).execute(Tuple.of(key)).await().atMost(Transactions.TIMEOUT)
                    .iterator().next().getBoolean("taken");
            if (taken) {
                return Optional.of(new RebuildClaim(connection, key));
            }
        } catch (RuntimeException e) {
            connection.closeAndAwait();
            throw e;
        }
        connection.closeAndAwait();
        return Optional.empty();
    }

    /** Gives the claim up; the connection goes back to the pool. */
    @Override
    public void close() {
        try {
            connection.preparedQuery(UNLOCK).execute(Tuple.of(key)).await().atMost(Transactions.TIMEOUT);
        } catch (RuntimeException e) {
            // the connection is closed below either way; a session lock ends with its session
            LOG.warnf("could not release %s: %s", key, e.toString());
        } finally {
            connection.closeAndAwait();
        }
    }
}

package eu.microcredentials.registry.support;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;

/** What the registry's database holds about one stream or partition, read directly. */
public final class RegistryDatabase {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final Pool pool;

    public RegistryDatabase(Pool pool) {
        this.pool = pool;
    }

    public long credentialRows(String credentialId) {
        return pool.preparedQuery("SELECT count(*) AS n FROM registry_credential WHERE id = $1")
                .execute(Tuple.of(credentialId)).await().atMost(TIMEOUT).iterator().next().getLong("n");
    }

    /** The last version the projection applied of a stream; -1 when none. */
    public long appliedVersion(String projection, String topic, String streamId) {
        for (Row row : pool.preparedQuery("""
                        SELECT version FROM projection_stream_version
                        WHERE projection = $1 AND topic = $2 AND stream_id = $3""")
                .execute(Tuple.of(projection, topic, streamId)).await().atMost(TIMEOUT)) {
            return row.getLong("version");
        }
        return -1;
    }

    /** The next offset the projection will read on a partition; -1 when it has not read it yet. */
    public long nextOffset(String projection, String topic, int partition) {
        for (Row row : pool.preparedQuery("""
                        SELECT next_offset FROM projection_position
                        WHERE projection = $1 AND topic = $2 AND kafka_partition = $3""")
                .execute(Tuple.of(projection, topic, partition)).await().atMost(TIMEOUT)) {
            return row.getLong("next_offset");
        }
        return -1;
    }
}

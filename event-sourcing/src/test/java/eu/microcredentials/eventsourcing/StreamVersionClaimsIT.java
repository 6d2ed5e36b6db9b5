package eu.microcredentials.eventsourcing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stream versions a batch claims, looked up on a real PostgreSQL. */
class StreamVersionClaimsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String TOPIC = "mc.credentials.v1";
    private static final int STREAMS_TAKEN = 50_000;

    private KernelInfrastructure infra;

    @BeforeEach
    void versionsTakenWithoutStatistics() {
        infra = KernelInfrastructure.freshDatabase();
        // as in a new database before autovacuum first analyses the table: rows, and no statistics of them
        infra.sql("ALTER TABLE projection_stream_version SET (autovacuum_enabled = false)");
        infra.sql("INSERT INTO projection_stream_version (projection, topic, stream_id, version) "
                + "SELECT 'registry', '" + TOPIC + "', 'credential-' || n, 3 FROM generate_series(1, " + STREAMS_TAKEN
                + ") AS n");
    }

    @AfterEach
    void close() {
        infra.close();
    }

    @Test
    void aBatchReadsTheVersionsOfItsOwnStreamsOnlyEvenBeforeTheTableHasStatistics() {
        List<ConsumerRecord<String, byte[]>> batch = List.of(record("credential-7"), record("credential-49999"),
                record("credential-new-1"), record("credential-new-2"));
        Transactions.inTransaction(infra.pool, tx -> {
            StreamVersionClaims claims = StreamVersionClaims.of(tx, "registry", batch);
            // the index entries this transaction's scans returned: one per stream asked for that has a version,
            // not every version of the topic (50,000 when the planner filters the topic's rows by the batch)
            assertEquals(2, indexEntriesRead(tx), "index entries read for a batch of " + batch.size() + " streams");

            assertFalse(claims.claim(batch.get(0), Events.envelope("credential-7", "body", 3, "r")), "version 3 was taken");
            assertTrue(claims.claim(batch.get(0), Events.envelope("credential-7", "body", 4, "r")));
            assertFalse(claims.claim(batch.get(1), Events.envelope("credential-49999", "body", 2, "r")));
            assertTrue(claims.claim(batch.get(2), Events.envelope("credential-new-1", "body", 1, "r")), "a new stream");
            claims.save(tx);
            return null;
        });
        assertEquals(4, versionTaken("credential-7"));
        assertEquals(1, versionTaken("credential-new-1"));
        assertEquals(0, infra.count("SELECT count(*) FROM projection_stream_version WHERE stream_id = 'credential-new-2'"),
                "nothing claimed of it");
    }

    /** The version stored for a stream (the first column of the one row, as {@code count} reads it). */
    private long versionTaken(String stream) {
        return infra.count("SELECT version FROM projection_stream_version WHERE stream_id = '" + stream + "'");
    }

    private static ConsumerRecord<String, byte[]> record(String stream) {
        return new ConsumerRecord<>(TOPIC, 0, 0L, stream, new byte[0]);
    }

    private static long indexEntriesRead(SqlConnection tx) {
        return tx.query("SELECT pg_stat_get_xact_tuples_returned('projection_stream_version_pkey'::regclass) AS n")
                .execute().await().atMost(TIMEOUT).iterator().next().getLong("n");
    }
}

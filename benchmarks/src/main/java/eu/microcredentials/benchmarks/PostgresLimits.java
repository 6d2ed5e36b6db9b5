package eu.microcredentials.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL's raw insert limit on this server, over one connection as a service's write would use it,
 * durable (the server runs with fsync and synchronous_commit on): rows shaped like an event-store row
 * (id, stream id, version, type, JSON data of one of our events), by multi-row {@code INSERT} and by
 * {@code COPY}, committing every {@link #ROWS_PER_TRANSACTION} rows.
 */
final class PostgresLimits {
    static final String DATABASE = "bench_raw";
    private static final int ROWS_PER_STATEMENT = 500;
    private static final int ROWS_PER_TRANSACTION = 10_000;
    private static final String TABLE = """
            CREATE TABLE raw_event (id UUID PRIMARY KEY, stream_id TEXT NOT NULL, version BIGINT NOT NULL,
                                    type TEXT NOT NULL, data JSON NOT NULL)""";

    private final Infrastructure infrastructure;

    PostgresLimits(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    void measure(int rows, String eventJson, Figures figures) throws SQLException, IOException {
        infrastructure.recreateDatabases(List.of(DATABASE));
        try (Connection connection = infrastructure.connect(DATABASE)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(TABLE);
            }
            connection.setAutoCommit(false);
            figures.add("raw.pg.insert", "PostgreSQL multi-row INSERT (" + ROWS_PER_STATEMENT + " rows a statement)", "rows/s",
                    insert(connection, rows, eventJson));
            truncate(connection);
            figures.add("raw.pg.copy", "PostgreSQL COPY", "rows/s", copy(connection, rows, eventJson));
            truncate(connection);
        }
    }

    private static double insert(Connection connection, int rows, String json) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO raw_event (id, stream_id, version, type, data) VALUES ");
        for (int i = 0; i < ROWS_PER_STATEMENT; i++) {
            sql.append(i == 0 ? "" : ",").append("(?, ?, 1, 'eu.microcredential.credential.issued.v1', ?::json)");
        }
        long started = System.nanoTime();
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int written = 0;
            while (written < rows) {
                for (int i = 0; i < ROWS_PER_STATEMENT; i++) {
                    UUID id = UUID.randomUUID();
                    statement.setObject(3 * i + 1, id);
                    statement.setString(3 * i + 2, id.toString());
                    statement.setString(3 * i + 3, json);
                }
                statement.executeUpdate();
                written += ROWS_PER_STATEMENT;
                if (written % ROWS_PER_TRANSACTION == 0) {
                    connection.commit();
                }
            }
            connection.commit();
            return written / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static double copy(Connection connection, int rows, String json) throws SQLException {
        // CSV: the JSON is quoted, its quotes doubled
        String data = "\"" + json.replace("\"", "\"\"") + "\"";
        long started = System.nanoTime();
        int written = 0;
        while (written < rows) {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY raw_event (id, stream_id, version, type, data) FROM STDIN (FORMAT csv)");
            int inThisTransaction = Math.min(ROWS_PER_TRANSACTION, rows - written);
            for (int i = 0; i < inThisTransaction; i++) {
                String id = UUID.randomUUID().toString();
                byte[] line = (id + "," + id + ",1,eu.microcredential.credential.issued.v1," + data + "\n")
                        .getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(line, 0, line.length);
            }
            copy.endCopy();
            connection.commit();
            written += inThisTransaction;
        }
        return written / ((System.nanoTime() - started) / 1e9);
    }

    private static void truncate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE raw_event");
        }
        connection.commit();
    }
}

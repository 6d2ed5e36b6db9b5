package eu.microcredentials.issuer.statuslists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The migration to counted places (V2.4) on a database as the issuer left it before: bodies that took
 * random indexes of their list 0 go on in their list 1, so no index they hold can be given again; bodies
 * that took none start at list 0; and an older instance still running can take no random index any more
 * (V2.5). Run with Flyway on a database of its own, dropped afterwards.
 */
@QuarkusTest
class StatusListAllocationMigrationIT {
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void bodies_that_took_random_indexes_go_on_in_their_list_1_each_with_a_key_of_its_own_and_no_random_index_is_taken_after() throws SQLException {
        String database = "issuer_migration_" + UUID.randomUUID().toString().replace("-", "");
        String databaseUrl = url.substring(0, url.lastIndexOf('/') + 1) + database;
        try (Connection admin = DriverManager.getConnection(url, user, password); Statement create = admin.createStatement()) {
            create.execute("CREATE DATABASE " + database);
        }
        try {
            Flyway before = flyway(databaseUrl, "2.3");
            before.migrate();
            String first = UUID.randomUUID().toString();
            String second = UUID.randomUUID().toString();
            try (Connection connection = DriverManager.getConnection(databaseUrl, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO status_list_index (awarding_body_id, list_index, credential_id) VALUES "
                        + "('%1$s', 7, 'a'), ('%1$s', 131071, 'b'), ('%2$s', 7, 'c')".formatted(first, second));
            }

            flyway(databaseUrl, "latest").migrate();

            Map<String, Long> next = new HashMap<>();
            Map<String, String> keys = new HashMap<>();
            try (Connection connection = DriverManager.getConnection(databaseUrl, user, password);
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(
                         "SELECT awarding_body_id, next_position, encode(permutation_key, 'hex') AS k FROM status_list_allocation")) {
                while (rows.next()) {
                    next.put(rows.getString(1), rows.getLong(2));
                    keys.put(rows.getString(1), rows.getString(3));
                }
            }
            assertEquals(Map.of(first, 131_072L, second, 131_072L), next, "each body goes on at its list 1");
            assertEquals(64, keys.get(first).length(), "a 32-byte key");
            assertNotEquals(keys.get(first), keys.get(second), "a key of its own");
            assertFalse(keys.get(first).matches("0+"), keys.get(first));
            assertTrue(flyway(databaseUrl, "latest").info().pending().length == 0);

            // an issuer instance older than V2.4 still running can no longer take a random list-0 index
            try (Connection connection = DriverManager.getConnection(databaseUrl, user, password);
                 Statement statement = connection.createStatement()) {
                SQLException refused = assertThrows(SQLException.class, () -> statement.execute(
                        "INSERT INTO status_list_index (awarding_body_id, list_index, credential_id) VALUES ('%s', 8, 'd')"
                                .formatted(UUID.randomUUID())));
                assertTrue(refused.getMessage().contains("status_list_index is closed"), refused.getMessage());
                assertEquals("55000", refused.getSQLState());
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(url, user, password); Statement drop = admin.createStatement()) {
                drop.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private Flyway flyway(String databaseUrl, String target) {
        return Flyway.configure().dataSource(databaseUrl, user, password)
                .locations("classpath:db/kernel", "classpath:db/migration").outOfOrder(true).target(target).load();
    }
}

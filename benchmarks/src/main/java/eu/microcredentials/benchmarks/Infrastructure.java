package eu.microcredentials.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The Kafka broker and PostgreSQL server the run uses, as {@code bin/infra env} names them
 * ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code PG_HOST}, {@code PG_PORT}, {@code PG_USER}, {@code PG_PASSWORD}).
 * The benchmark keeps to databases of its own ({@code bench_*}), made anew for every run.
 */
record Infrastructure(String kafkaBootstrapServers, String pgHost, int pgPort, String pgUser, String pgPassword) {

    static Infrastructure fromEnvironment() {
        return new Infrastructure(env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"), env("PG_HOST", "127.0.0.1"),
                Integer.parseInt(env("PG_PORT", "15432")), env("PG_USER", "postgres"), env("PG_PASSWORD", "postgres"));
    }

    /** Fails early, with what to do, when Kafka or PostgreSQL does not answer. */
    void requireReachable() {
        String kafka = kafkaBootstrapServers.split(",")[0].trim();
        int colon = kafka.lastIndexOf(':');
        requireListening("Kafka", kafka.substring(0, colon), Integer.parseInt(kafka.substring(colon + 1)));
        requireListening("PostgreSQL", pgHost, pgPort);
    }

    /** The environment a service process gets to reach this infrastructure, with its own database. */
    Map<String, String> serviceEnvironment(String database) {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers, "PG_HOST", pgHost, "PG_PORT", Integer.toString(pgPort),
                "PG_USER", pgUser, "PG_PASSWORD", pgPassword, "PG_DATABASE", database);
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database, pgUser, pgPassword);
    }

    /** Drops (disconnecting whoever is still connected) and creates each database, so every run starts empty. */
    void recreateDatabases(List<String> databases) throws SQLException {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            for (String database : databases) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                statement.execute("CREATE DATABASE " + database);
            }
        }
    }

    private static void requireListening(String what, String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
        } catch (IOException e) {
            throw new IllegalStateException(what + " does not answer on " + host + ":" + port + ": start it with bin/infra up "
                    + "and export what bin/infra env prints (benchmarks/run does both)", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The checkout's root: where benchmarks/pom.xml is, from the module (Surefire) or from the root itself. */
    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path candidate : List.of(here, here.resolve(".."))) {
            if (Files.isRegularFile(candidate.resolve("benchmarks/pom.xml"))) {
                return candidate.normalize();
            }
        }
        throw new IllegalStateException("cannot find the repository root from " + here);
    }
}

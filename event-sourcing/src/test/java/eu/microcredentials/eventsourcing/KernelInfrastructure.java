package eu.microcredentials.eventsourcing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;

/**
 * The real PostgreSQL and Kafka the kernel's tests run on (started by {@code bin/infra up}, or
 * named by the same environment variables the services read). Each instance owns a fresh database
 * with the kernel's migrations applied, dropped on close.
 */
final class KernelInfrastructure implements AutoCloseable {
    static final String KAFKA = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
    private static final String PG_HOST = env("PG_HOST", "127.0.0.1");
    private static final int PG_PORT = Integer.parseInt(env("PG_PORT", "15432"));
    private static final String PG_USER = env("PG_USER", "postgres");
    private static final String PG_PASSWORD = env("PG_PASSWORD", "postgres");

    final String database;
    final Vertx vertx;
    final Pool pool;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private KernelInfrastructure(String database) {
        this.database = database;
        this.vertx = Vertx.vertx();
        this.pool = pool(vertx);
    }

    /** Another pool on the same database, as another instance of a service has. */
    Pool pool(Vertx on) {
        return PgPool.pool(on, new PgConnectOptions().setHost(PG_HOST).setPort(PG_PORT).setUser(PG_USER)
                .setPassword(PG_PASSWORD).setDatabase(database), new PoolOptions().setMaxSize(8));
    }

    static KernelInfrastructure freshDatabase() {
        String database = "kernel_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("postgres", "CREATE DATABASE " + database);
        Flyway.configure().dataSource(jdbcUrl(database), PG_USER, PG_PASSWORD).locations("classpath:db/kernel").load()
                .migrate();
        return new KernelInfrastructure(database);
    }

    /** Runs SQL outside the kernel, as an operator (or an attacker) would. */
    void sql(String statement) {
        execute(database, statement);
    }

    long count(String query) {
        return pool.query(query).execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    Producer<String, byte[]> producer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void close() {
        pool.close().await().atMost(Duration.ofSeconds(10));
        vertx.close().await().atMost(Duration.ofSeconds(10));
        execute("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private static void execute(String database, String statement) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(database), PG_USER, PG_PASSWORD);
             Statement sql = connection.createStatement()) {
            sql.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

    private static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + database;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

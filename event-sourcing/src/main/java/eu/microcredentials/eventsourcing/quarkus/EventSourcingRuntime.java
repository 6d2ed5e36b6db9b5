package eu.microcredentials.eventsourcing.quarkus;

import eu.microcredentials.events.Topic;
import eu.microcredentials.eventsourcing.DeadLetterTopic;
import eu.microcredentials.eventsourcing.EventStore;
import eu.microcredentials.eventsourcing.KafkaTopics;
import eu.microcredentials.eventsourcing.OutboxRelay;
import eu.microcredentials.eventsourcing.Projection;
import eu.microcredentials.eventsourcing.ProjectionRunner;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts a service's share of the kernel: creates the contract topics, runs the outbox relay (for
 * services that record events) and one projection runner per {@link Projection} bean.
 */
@ApplicationScoped
public class EventSourcingRuntime {
    private static final Logger LOG = Logger.getLogger(EventSourcingRuntime.class);

    private final String serviceName;
    private final String bootstrapServers;
    private final boolean outboxEnabled;
    private final int partitions;
    private final short replicationFactor;
    private final Optional<String> instanceId;
    private final Optional<String> eventSource;
    private final String groupPrefix;
    private final int httpPort;
    private final Pool pool;
    private final MeterRegistry meters;
    private final Instance<Projection> projections;
    private final List<ProjectionRunner> runners = new ArrayList<>();
    private Producer<String, byte[]> producer;
    private OutboxRelay relay;

    public EventSourcingRuntime(@ConfigProperty(name = "mc.service-name") String serviceName,
                                @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                                @ConfigProperty(name = "mc.outbox.enabled", defaultValue = "false") boolean outboxEnabled,
                                @ConfigProperty(name = "mc.topics.partitions", defaultValue = "6") int partitions,
                                @ConfigProperty(name = "mc.topics.replication-factor", defaultValue = "1") short replicationFactor,
                                @ConfigProperty(name = "mc.instance-id") Optional<String> instanceId,
                                @ConfigProperty(name = "mc.event-source") Optional<String> eventSource,
                                @ConfigProperty(name = "mc.consumer-group-prefix") Optional<String> groupPrefix,
                                @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int httpPort,
                                Pool pool, MeterRegistry meters, Instance<Projection> projections) {
        this.serviceName = serviceName;
        this.bootstrapServers = bootstrapServers;
        this.outboxEnabled = outboxEnabled;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.instanceId = instanceId;
        this.eventSource = eventSource;
        this.groupPrefix = groupPrefix.orElse(serviceName);
        this.httpPort = httpPort;
        this.pool = pool;
        this.meters = meters;
        this.projections = projections;
    }

    @Produces
    @Singleton
    EventStore eventStore() {
        // the CloudEvents source of what this service records: by default /<service name>; a deployment
        // may name itself (e.g. /issuer-service/eu-west), so that its events can be told from another's
        return new EventStore(URI.create(eventSource.orElse("/" + serviceName)));
    }

    void start(@Observes StartupEvent startup) {
        List<String> topics = new ArrayList<>(Arrays.stream(Topic.values()).map(Topic::topicName).toList());
        topics.add(deadLetterTopic());
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            KafkaTopics.ensure(admin, topics, partitions, replicationFactor);
        }
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
        if (outboxEnabled) {
            relay = new OutboxRelay(serviceName, pool, producer, 500, Duration.ofMillis(20), Duration.ofSeconds(1), meters);
            relay.start();
        }
        DeadLetterTopic deadLetters = new DeadLetterTopic(deadLetterTopic(), producer);
        for (Projection projection : projections) {
            ProjectionRunner runner = new ProjectionRunner(projection, pool, consumerConfig(projection), deadLetters, meters);
            runner.start();
            runners.add(runner);
        }
        LOG.infof("%s: outbox relay %s, projections %s, instance %s", serviceName, outboxEnabled ? "on" : "off",
                runners.stream().map(ProjectionRunner::name).toList(), memberId());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        runners.forEach(ProjectionRunner::close);
        if (relay != null) {
            relay.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    public String deadLetterTopic() {
        return "mc.dead-letters." + serviceName;
    }

    public List<ProjectionRunner> runners() {
        return List.copyOf(runners);
    }

    public Optional<ProjectionRunner> runner(String name) {
        return runners.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public Optional<OutboxRelay> relay() {
        return Optional.ofNullable(relay);
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, memberId());
        return config;
    }

    private Map<String, Object> consumerConfig(Projection projection) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupPrefix + "." + projection.name());
        // static membership: an instance restarted after a crash takes its partitions back at once
        config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, memberId() + "." + projection.name());
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, memberId() + "." + projection.name());
        return config;
    }

    private String memberId() {
        return instanceId.orElseGet(() -> serviceName + "-" + hostName() + "-" + httpPort);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}

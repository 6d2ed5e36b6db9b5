package eu.microcredentials.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.KafkaCloudEvents;
import eu.microcredentials.events.Topic;
import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.testsupport.ContractEvents;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Scenario 5: the registry rebuilds its read model ({@code POST /admin/projections/registry/rebuild})
 * from everything on its topics, among them the credential events seeded here directly on
 * {@code mc.credentials.v1} (contract-valid: CloudEvents in binary mode, schema-valid data, each a
 * stream of its own, signed with a VC-JWT the issuer made). Measured from the rebuild request until the
 * registry reports, through {@code GET /admin/projections}, the new generation with no lag and every
 * record of its topics processed.
 */
final class Replay {
    private static final List<Topic> REGISTRY_TOPICS = List.of(Topic.AWARDING_BODIES, Topic.CREDENTIALS);
    private static final String PROJECTION = "registry";

    private final Platform platform;
    private final Http http;
    private final Infrastructure infrastructure;

    Replay(Platform platform, Http http, Infrastructure infrastructure) {
        this.platform = platform;
        this.http = http;
        this.infrastructure = infrastructure;
    }

    /** A seeded event like those the issuer publishes, with the signed form of a credential it really issued. */
    static EventEnvelope seedEvent(String awardingBodyId, String verifiableCredential, String signingKeyId) {
        CredentialIssued credential = ContractEvents.signed(
                ContractEvents.credential(ContractEvents.newId(), awardingBodyId,
                        "mailto:learner." + ContractEvents.newId() + "@example.org", "PT", BigDecimal.valueOf(6)),
                verifiableCredential, signingKeyId, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return ContractEvents.envelope(credential, 1, awardingBodyId, "PT");
    }

    /** The size of a seeded event's data: the record size the raw Kafka and PostgreSQL limits are measured with. */
    static int eventSize(EventEnvelope event) {
        return event.data().length;
    }

    void seed(int events, String verifiableCredential, String signingKeyId) {
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events && failure.get() == null; i++) {
                producer.send(KafkaCloudEvents.toRecord(seedEvent(platform.sampleAwardingBodyId(), verifiableCredential, signingKeyId)),
                        (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            } else {
                                acknowledged.incrementAndGet();
                            }
                        });
            }
            producer.flush();
        }
        if (failure.get() != null || acknowledged.get() != events) {
            throw new IllegalStateException("seeding acknowledged " + acknowledged.get() + " of " + events, failure.get());
        }
        System.out.printf("[benchmark] seeded %,d credential events on %s in %d s%n", events, Topic.CREDENTIALS.topicName(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    /** Rebuilds the registry's read model once; answers how many records it replayed and in how long. */
    Outcome rebuild(Duration giveUp) throws Exception {
        long records = recordsOnTopics();
        Status before = status();
        long started = System.nanoTime();
        JsonNode rebuilding = http.post(platform.registry.baseUri().resolve("/admin/projections/" + PROJECTION + "/rebuild"),
                platform.registryOperatorKey, "{}").expect(202, "rebuilding the registry").json();
        if ("SHADOW".equals(rebuilding.path("mode").asText())) {
            return followShadowRebuild(rebuilding.path("rebuild").asText(), started, giveUp);
        }
        long generation = rebuilding.path("generation").asLong();
        while (System.nanoTime() - started < giveUp.toNanos()) {
            Status now = status();
            if (now.generation() == generation && now.lag() == 0 && "RUNNING".equals(now.state())
                    && now.processed() - before.processed() >= records) {
                double seconds = (System.nanoTime() - started) / 1e9;
                return new Outcome(records, seconds, now.deadLettered() - before.deadLettered());
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the registry did not replay " + records + " records within " + giveUp
                + "; last status " + status());
    }

    /**
     * A rebuild beside the live model (the default since the blue/green rebuild): from the request until it
     * swapped in; the records it went through are its own count, those it could not apply are its rejects.
     */
    private Outcome followShadowRebuild(String id, long started, Duration giveUp) throws Exception {
        URI progress = platform.registry.baseUri().resolve("/admin/rebuilds/" + id);
        while (System.nanoTime() - started < giveUp.toNanos()) {
            JsonNode now = http.get(progress, platform.registryOperatorKey).expect(200, "the registry's rebuild").json();
            if (now.hasNonNull("finishedAt")) {
                if (!"DONE".equals(now.path("state").asText())) {
                    throw new IllegalStateException("the registry's rebuild failed: " + now);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                // a rebuild beside the live model dead-letters nothing: records that break the contract (other
                // tests' poison on a shared broker) were dead-lettered when first met, and it only lists them
                System.out.printf("[benchmark] rebuild %s: %d records not applied (breaking the contract)%n", id,
                        now.path("rejected").size());
                return new Outcome(now.path("eventsDone").asLong(), seconds, 0);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the registry's rebuild " + id + " did not finish within " + giveUp);
    }

    /** @param deadLettered records the replay sent to the dead-letter topic (0 for contract-valid events) */
    record Outcome(long records, double seconds, long deadLettered) {
        double perSecond() {
            return records / seconds;
        }
    }

    private record Status(String state, long generation, long lag, long applied, long duplicates, long deadLettered) {
        long processed() {
            return applied + duplicates + deadLettered;
        }
    }

    private Status status() {
        for (JsonNode projection : http.get(platform.projections(), platform.registryOperatorKey)
                .expect(200, "the registry's projections").json()) {
            if (PROJECTION.equals(projection.path("name").asText())) {
                return new Status(projection.path("state").asText(), projection.path("generation").asLong(),
                        projection.path("lag").asLong(), projection.path("eventsApplied").asLong(),
                        projection.path("duplicatesSkipped").asLong(), projection.path("deadLettered").asLong());
            }
        }
        throw new IllegalStateException("the registry reports no projection " + PROJECTION);
    }

    /** Every record on the registry's topics (retention keeps them all), by their end offsets. */
    private long recordsOnTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(REGISTRY_TOPICS.stream().map(Topic::topicName).toList())
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> partitions = topics.values().stream()
                    .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            Map<TopicPartition, OffsetSpec> earliest = partitions.keySet().stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest()));
            var ends = admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS);
            var starts = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
            return ends.entrySet().stream().mapToLong(e -> e.getValue().offset() - starts.get(e.getKey()).offset()).sum();
        }
    }
}

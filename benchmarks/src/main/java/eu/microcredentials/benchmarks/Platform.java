package eu.microcredentials.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The three services under load, each with an empty database of its own ({@code bench_issuer},
 * {@code bench_registry}, {@code bench_recognition}) and keys made for this run, and the awarding body
 * the scenarios issue as.
 */
final class Platform implements AutoCloseable {
    static final String REGISTRY_DATABASE = "bench_registry";
    static final List<String> DATABASES = List.of("bench_issuer", REGISTRY_DATABASE, "bench_recognition");

    private final String operatorKey = "mcop_benchmark_" + UUID.randomUUID();
    /** The registry's and recognition's operator keys: their admin endpoints (/admin/*) answer only these. */
    final String registryOperatorKey = "mcrop_benchmark_" + UUID.randomUUID();
    final String recognitionOperatorKey = "mcrecop_benchmark_" + UUID.randomUUID();
    final ServiceJvm issuer;
    final ServiceJvm registry;
    final ServiceJvm recognition;
    private String awardingBodyId;
    private String awardingBodyKey;
    private String sampleAwardingBodyId;

    Platform(Infrastructure infrastructure, Path logs) {
        String run = Long.toString(System.currentTimeMillis(), 36);
        int issuerPort = port("MC_BENCH_ISSUER_PORT", 18181);
        Map<String, String> issuerEnvironment = new HashMap<>(infrastructure.serviceEnvironment("bench_issuer"));
        issuerEnvironment.put("MC_OPERATOR_API_KEY", operatorKey);
        issuerEnvironment.put("MC_MASTER_KEY", masterKey());
        issuerEnvironment.put("PUBLIC_BASE_URL", "http://127.0.0.1:" + issuerPort);
        issuerEnvironment.put("MC_CONSUMER_GROUP_PREFIX", "bench-issuer-" + run);
        issuer = new ServiceJvm("issuer-service", issuerPort, issuerEnvironment, logs);
        Map<String, String> registryEnvironment = new HashMap<>(infrastructure.serviceEnvironment(REGISTRY_DATABASE));
        registryEnvironment.put("MC_REGISTRY_OPERATOR_API_KEY", registryOperatorKey);
        registryEnvironment.put("MC_CONSUMER_GROUP_PREFIX", "bench-registry-" + run);
        registry = new ServiceJvm("registry-service", port("MC_BENCH_REGISTRY_PORT", 18182), registryEnvironment, logs);
        Map<String, String> recognitionEnvironment = new HashMap<>(infrastructure.serviceEnvironment("bench_recognition"));
        recognitionEnvironment.put("MC_CONSUMER_GROUP_PREFIX", "bench-recognition-" + run);
        recognitionEnvironment.put("MC_RECOGNITION_OPERATOR_API_KEY", recognitionOperatorKey);
        recognition = new ServiceJvm("recognition-service", port("MC_BENCH_RECOGNITION_PORT", 18183),
                recognitionEnvironment, logs);
    }

    /** One after the other: on two cores, JVMs booting side by side take longer in all than in turn. */
    void start(Http http) throws Exception {
        for (ServiceJvm service : services()) {
            service.start();
        }
        newAwardingBody(http);
        sampleAwardingBodyId = awardingBodyId;
    }

    /**
     * Registers another awarding body, which issues from now on. Each measured run issues as a body of its own,
     * so that runs start alike (a body's first list holds 131,072 credentials; the full run's first body once
     * filled it, when a body had one list only).
     */
    void newAwardingBody(Http http) {
        JsonNode registered = http.post(issuer.baseUri().resolve("/api/v1/awarding-bodies"), operatorKey,
                CredentialRequests.awardingBody()).expect(201, "registering an awarding body").json();
        awardingBodyId = registered.path("awardingBody").path("id").asText();
        awardingBodyKey = registered.path("apiKey").asText();
    }

    /** The first awarding body, whose credential the replay's seeded events carry. */
    String sampleAwardingBodyId() {
        return sampleAwardingBodyId;
    }

    /**
     * Waits until the registry and recognition have applied everything they were sent (every projection
     * running, no lag, nothing applied for a second), so that a scenario does not measure the backlog of
     * the one before it.
     */
    void awaitQuiet(Http http, Duration giveUp) throws InterruptedException {
        long deadline = System.nanoTime() + giveUp.toNanos();
        long lastApplied = -1;
        while (System.nanoTime() < deadline) {
            long applied = 0;
            boolean caughtUp = true;
            for (ServiceJvm consumer : List.of(registry, recognition)) {
                if (!consumer.isAlive()) {
                    continue;
                }
                String consumerKey = consumer == registry ? registryOperatorKey : recognitionOperatorKey;
                for (JsonNode projection : http.get(consumer.baseUri().resolve("/admin/projections"), consumerKey)
                        .expect(200, consumer.name() + "'s projections").json()) {
                    caughtUp &= projection.path("lag").asLong() == 0 && "RUNNING".equals(projection.path("state").asText());
                    applied += projection.path("eventsApplied").asLong();
                }
            }
            if (caughtUp && applied == lastApplied) {
                return;
            }
            lastApplied = caughtUp ? applied : -1;
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the registry and recognition did not catch up within " + giveUp);
    }

    List<ServiceJvm> services() {
        return List.of(issuer, registry, recognition);
    }

    String awardingBodyKey() {
        return awardingBodyKey;
    }

    URI credentials() {
        return issuer.baseUri().resolve("/api/v1/awarding-bodies/" + awardingBodyId + "/credentials");
    }

    URI batch() {
        return issuer.baseUri().resolve("/api/v1/awarding-bodies/" + awardingBodyId + "/credentials/batch");
    }

    URI revocation(String credentialId) {
        return issuer.baseUri().resolve("/api/v1/credentials/" + credentialId + "/revocation");
    }

    URI registered(String credentialId) {
        return registry.baseUri().resolve("/api/v1/registry/credentials/" + credentialId);
    }

    URI registeredVerification(String credentialId) {
        return registry.baseUri().resolve("/api/v1/registry/credentials/" + credentialId + "/verification");
    }

    URI verifications() {
        return registry.baseUri().resolve("/api/v1/verifications");
    }

    URI projections() {
        return registry.baseUri().resolve("/admin/projections");
    }

    @Override
    public void close() {
        services().forEach(ServiceJvm::close);
    }

    private static String masterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
    }
}

package eu.microcredentials.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The platform under test: issuer-service, two registry-service instances sharing one database and
 * one consumer group, and recognition-service, each a process of its own, on real Kafka and
 * PostgreSQL (started by {@code bin/infra up}). Started once for all the system tests. The issuer
 * runs with an operators' API key made for the run ({@code MC_OPERATOR_API_KEY}): the tests register
 * awarding bodies with it, and each body issues with the API key its registration answered.
 */
public final class Platform implements AutoCloseable {
    /** The operators' API key the issuer is started with: new for every run, known only to these tests. */
    private final String operatorApiKey = "mcop_systemtests_" + UUID.randomUUID();
    private final ServiceProcess issuer = issuer(port("issuer", 18081), operatorApiKey);
    /** The registry operators' API key both registry instances are started with: new for every run, known only to these tests. */
    private final String registryOperatorApiKey = "mcrop_systemtests_" + UUID.randomUUID();
    private final ServiceProcess registryA = registry("registry-a", port("registry-a", 18082), registryOperatorApiKey);
    private final ServiceProcess registryB = registry("registry-b", port("registry-b", 18092), registryOperatorApiKey);
    /** The recognition operators' API key recognition is started with: new for every run, known only to these tests. */
    private final String recognitionOperatorApiKey = "mcrecop_systemtests_" + UUID.randomUUID();
    private final ServiceProcess recognition = new ServiceProcess("recognition", "recognition-service",
            port("recognition", 18083), "recognition", Map.of("MC_RECOGNITION_OPERATOR_API_KEY", recognitionOperatorApiKey));

    private Platform() {
    }

    /**
     * The CloudEvents source the issuer records its events as: its own, so that the platform's credentials
     * can be told from those the modules' tests published to the same broker (digests compare by source).
     */
    public static final String ISSUER_EVENT_SOURCE = "/issuer-service/system-tests";

    private static ServiceProcess issuer(int port, String operatorApiKey) {
        return new ServiceProcess("issuer", "issuer-service", port, "issuer", Map.of(
                "MC_OPERATOR_API_KEY", operatorApiKey,
                "MC_EVENT_SOURCE", ISSUER_EVENT_SOURCE,
                // the status list URLs in the credentials it signs name this instance, not the default port
                "PUBLIC_BASE_URL", "http://127.0.0.1:" + port));
    }

    private static ServiceProcess registry(String name, int port, String registryOperatorApiKey) {
        // the registry operators' key: without it the registry refuses every write (accreditation)
        return new ServiceProcess(name, "registry-service", port, "registry",
                Map.of("MC_REGISTRY_OPERATOR_API_KEY", registryOperatorApiKey));
    }

    /** Checks the infrastructure answers, then starts the four services and waits until each is ready. */
    static Platform start() {
        requireListening("Kafka", kafkaBootstrapServers());
        requireListening("PostgreSQL", env("PG_HOST", "127.0.0.1") + ":" + env("PG_PORT", "15432"));
        ServiceProcess.clearLogsOnce();
        Platform platform = new Platform();
        long started = System.nanoTime();
        try {
            platform.ensureRunning();
        } catch (RuntimeException | AssertionError e) {
            platform.close();
            throw e;
        }
        System.out.printf("[platform] started in %d ms: %s%n", Duration.ofNanos(System.nanoTime() - started).toMillis(),
                platform.services().stream().map(s -> s.name() + " " + s.startupTime().toMillis() + " ms").toList());
        return platform;
    }

    /**
     * Starts whatever is not running, e.g. after a test killed an instance and failed before restarting it.
     * One after the other: on two cores, JVMs booting side by side take longer in all than in turn.
     */
    void ensureRunning() {
        services().stream().filter(s -> !s.isAlive()).forEach(ServiceProcess::start);
    }

    public ServiceProcess issuer() {
        return issuer;
    }

    /** issuer-service as an operator calls it. */
    public JsonHttp operator() {
        return issuer.http().withApiKey(operatorApiKey);
    }

    /**
     * Registers an awarding body as the operator does, and returns it with the API key that its
     * integration then issues with.
     */
    public AwardingBody registerAwardingBody(ObjectNode request) {
        JsonNode answer = operator().post("/api/v1/awarding-bodies", request).expect(201);
        String id = answer.path("awardingBody").path("id").asText();
        String apiKey = answer.path("apiKey").asText();
        if (id.isBlank() || apiKey.isBlank()) {
            throw new AssertionError("the registration answers {awardingBody: {id, ...}, apiKey}: " + answer);
        }
        return new AwardingBody(id, apiKey, answer.path("awardingBody"), issuer.http().withApiKey(apiKey));
    }

    public ServiceProcess registryA() {
        return registryA;
    }

    public ServiceProcess registryB() {
        return registryB;
    }

    /** The registry operators' API key both instances run with (the operator CLI sends it). */
    public String registryOperatorApiKey() {
        return registryOperatorApiKey;
    }

    /** A registry instance as the national registry's operators call it (accreditation decisions). */
    public JsonHttp registryOperator(ServiceProcess registry) {
        return registry.http().withApiKey(registryOperatorApiKey);
    }

    /** The issuer operators' API key (the operator CLI sends it). */
    public String operatorApiKey() {
        return operatorApiKey;
    }

    /** The recognition operators' API key (the operator CLI sends it). */
    public String recognitionOperatorApiKey() {
        return recognitionOperatorApiKey;
    }

    /** A service's admin endpoints ({@code /admin/*}) as its operators call them: with that service's operator key. */
    public JsonHttp admin(ServiceProcess service) {
        if (service == issuer) {
            return operator();
        }
        return service.http().withApiKey(service == recognition ? recognitionOperatorApiKey : registryOperatorApiKey);
    }

    /**
     * Rebuilds one of the service's read models beside the live one and waits until it has swapped in; fails unless it
     * finished and came out identical to the live model. Answers the rebuild's final report.
     */
    public JsonNode rebuildAndAwait(ServiceProcess service, String projection, Duration deadline) {
        JsonHttp admin = admin(service);
        String id = admin.post("/admin/projections/" + projection + "/rebuild", JsonHttp.JSON.createObjectNode())
                .expect(202).path("rebuild").asText();
        JsonNode report = Eventually.await(deadline, service.name() + " rebuilding " + projection, () -> {
            JsonNode progress = admin.get("/admin/rebuilds/" + id).expect(200);
            String state = progress.path("state").asText();
            return "REPLAYING".equals(state) || "SWAPPING".equals(state) ? null : progress;
        });
        if (!"DONE".equals(report.path("state").asText()) || !report.path("identical").asBoolean()) {
            throw new AssertionError(service.name() + "'s rebuilt " + projection + " is not the live one: " + report);
        }
        return report;
    }

    public List<ServiceProcess> registries() {
        return List.of(registryA, registryB);
    }

    public ServiceProcess recognition() {
        return recognition;
    }

    public List<ServiceProcess> services() {
        return List.of(issuer, registryA, registryB, recognition);
    }

    /** Where the tests' own Kafka clients connect: the services' default unless the environment says otherwise. */
    public static String kafkaBootstrapServers() {
        return env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
    }

    @Override
    public void close() {
        services().forEach(ServiceProcess::stop);
    }

    private static int port(String service, int fallback) {
        return Integer.getInteger("systemtests." + service + ".port", fallback);
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void requireListening(String what, String hostPorts) {
        String first = hostPorts.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1))), 2000);
        } catch (IOException e) {
            throw new IllegalStateException(what + " does not answer on " + first + ": start the infrastructure with "
                    + "bin/infra up (and export what bin/infra env prints if you changed its ports)", e);
        }
    }
}

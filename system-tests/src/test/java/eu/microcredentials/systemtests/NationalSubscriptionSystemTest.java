package eu.microcredentials.systemtests;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import eu.microcredentials.examples.CountrySubscription;
import eu.microcredentials.examples.CredentialEvent;
import eu.microcredentials.examples.StartingPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A national registry subscribes to its country's credentials with the example subscriber
 * ({@code examples/national-registry-subscriber}): from the beginning it receives every credential of
 * its country and none of another's; from a date, only those published since.
 *
 * <p>The topic keeps every event of every earlier run, and others may publish while this runs, so
 * the assertions look at the credentials issued here among everything received.
 */
@ExtendWith(RunningPlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NationalSubscriptionSystemTest {
    private static final Duration PROPAGATION = Duration.ofSeconds(30);
    private static final Duration CATCH_UP = Duration.ofSeconds(120);
    private static final String ISSUED = "eu.microcredential.credential.issued.v1";
    /** The README's command, from the repository root. */
    private static final String SUBSCRIBER_JAR = "examples/national-registry-subscriber/target/national-registry-subscriber.jar";

    private Platform platform;
    private AwardingBody portuguese;
    private AwardingBody dutch;
    /** Credential id → learner id, of the credentials issued here. */
    private final Map<String, String> learners = new TreeMap<>();
    private String ptBefore;
    private String ptAfter;
    private String nlBefore;
    private String nlAfter;
    /** Between the issuances: after the first two credentials were published, before the last two were issued. */
    private Instant between;

    @BeforeAll
    void issueInTwoCountries(Platform platform) throws InterruptedException {
        this.platform = platform;
        portuguese = platform.registerAwardingBody(Requests.awardingBody("Universidade de Coimbra " + UUID.randomUUID(), "PT"));
        dutch = platform.registerAwardingBody(Requests.awardingBody("Universiteit Utrecht " + UUID.randomUUID(), "NL"));

        ptBefore = issue(portuguese, "PT");
        nlBefore = issue(dutch, "NL");
        // the Kafka timestamp --from compares with is the publishing time: wait until both are published
        awaitPublished(ptBefore, nlBefore);
        Thread.sleep(5);
        // Kafka timestamps are in milliseconds
        between = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Thread.sleep(5);
        ptAfter = issue(portuguese, "PT");
        nlAfter = issue(dutch, "NL");
        awaitPublished(ptAfter, nlAfter);
        System.out.printf("[national] issued PT %s, NL %s; then, after %s, PT %s, NL %s%n", ptBefore, nlBefore, between,
                ptAfter, nlAfter);
    }

    @Test
    void from_the_beginning_the_registry_receives_every_credential_of_its_country_and_none_of_another() {
        // the whole topic, every earlier run included: keep the little that is checked, not every event
        Set<String> countries = new HashSet<>();
        Set<String> eventIds = new HashSet<>();
        List<CredentialEvent> received = new ArrayList<>();
        long[] handed = {0};
        long started = System.nanoTime();
        try (CountrySubscription subscription = new CountrySubscription(new CountrySubscription.Settings(
                Platform.kafkaBootstrapServers(), "PT", "system-tests-national-registry-pt-" + UUID.randomUUID(),
                StartingPoint.beginning()))) {
            subscription.catchUp(CATCH_UP, event -> {
                handed[0]++;
                countries.add(event.country());
                eventIds.add(event.id());
                if (learners.containsKey(event.subject())) {
                    received.add(event);
                }
            });
            System.out.printf("[national] from the beginning: %d PT events in %d ms (%d redeliveries dropped)%n",
                    handed[0], TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), subscription.duplicates());
        }

        assertEquals(Set.of("PT"), countries, "every event received is of PT");
        assertEquals(handed[0], eventIds.size(), "no event is received twice");
        Map<String, List<CredentialEvent>> mine = ofThisTest(received, CredentialEvent::subject);
        assertEquals(Set.of(ptBefore, ptAfter), mine.keySet(), "of this test's credentials, the PT ones and only they");
        for (String credentialId : List.of(ptBefore, ptAfter)) {
            assertEquals(1, mine.get(credentialId).size(), credentialId + " once: " + mine.get(credentialId));
            CredentialEvent event = mine.get(credentialId).get(0);
            assertEquals(ISSUED, event.type());
            assertEquals(portuguese.id(), event.awardingBody());
            assertEquals("Applied Machine Learning", event.title());
            assertEquals(learners.get(credentialId), event.learnerId());
            assertEquals(credentialId, event.data().path("credentialId").asText());
        }
    }

    @Test
    void from_a_date_the_registry_receives_only_what_was_published_since() throws IOException, InterruptedException {
        // exactly as the README says, with bounds so that it ends by itself
        List<JsonNode> lines = runSubscriber("--bootstrap-servers", Platform.kafkaBootstrapServers(), "--country", "PT",
                "--from", between.toString(), "--group", "system-tests-national-registry-pt-" + UUID.randomUUID(),
                "--until-caught-up", "--max-seconds", Long.toString(CATCH_UP.toSeconds()));

        Map<String, List<JsonNode>> mine = ofThisTest(lines, line -> line.path("ce_subject").asText());
        assertEquals(Set.of(ptAfter), mine.keySet(),
                "of this test's credentials, the PT one issued after " + between + " only: " + mine);
        JsonNode line = mine.get(ptAfter).get(0);
        assertEquals(1, mine.get(ptAfter).size(), "once: " + mine.get(ptAfter));
        assertEquals(ISSUED, line.path("ce_type").asText());
        assertEquals("Applied Machine Learning", line.path("title").asText());
        assertEquals(learners.get(ptAfter), line.path("learnerId").asText());
        assertDoesNotThrow(() -> UUID.fromString(line.path("ce_id").asText()), "ce_id is a UUID: " + line);
        assertDoesNotThrow(() -> OffsetDateTime.parse(line.path("ce_time").asText()), "ce_time is an RFC 3339 time: " + line);
        assertEquals(ptAfter, line.path("ce_subject").asText());
        assertEquals(lines.size(), lines.stream().map(l -> l.path("ce_id").asText()).distinct().count(),
                "no event is printed twice");

        // and in-process, where the Kafka timestamps can be seen: nothing published before that time
        List<CredentialEvent> received = new ArrayList<>();
        List<String> earlier = new ArrayList<>();
        try (CountrySubscription subscription = new CountrySubscription(new CountrySubscription.Settings(
                Platform.kafkaBootstrapServers(), "PT", "system-tests-national-registry-pt-" + UUID.randomUUID(),
                StartingPoint.at(between)))) {
            subscription.catchUp(CATCH_UP, event -> {
                if (event.recordTime().isBefore(between)) {
                    earlier.add(event.subject() + " published " + event.recordTime());
                }
                if (learners.containsKey(event.subject())) {
                    received.add(event);
                }
            });
        }
        assertEquals(List.of(), earlier, "events published before " + between);
        assertEquals(Set.of(ptAfter), ofThisTest(received, CredentialEvent::subject).keySet());
    }

    private String issue(AwardingBody body, String country) {
        String learnerId = Requests.newLearnerId();
        String credentialId = body.issue(Requests.fullCredential(learnerId, country)).path("id").asText();
        learners.put(credentialId, learnerId);
        return credentialId;
    }

    /** Kafka has them once the registry, which reads them from Kafka, shows them. */
    private void awaitPublished(String... credentialIds) {
        for (String credentialId : credentialIds) {
            Eventually.await(PROPAGATION, credentialId + " published", () -> {
                platform.registryA().http().get("/api/v1/registry/credentials/" + credentialId).expect(200);
            });
        }
    }

    /** What was received of the credentials issued here, by credential id. */
    private <T> Map<String, List<T>> ofThisTest(List<T> received, Function<T, String> credentialId) {
        Set<String> issuedHere = new HashSet<>(learners.keySet());
        return received.stream().filter(item -> issuedHere.contains(credentialId.apply(item)))
                .collect(Collectors.groupingBy(credentialId, TreeMap::new, Collectors.toList()));
    }

    /** Runs the subscriber's runnable jar as a process, as the README says, and returns what it printed on stdout. */
    private static List<JsonNode> runSubscriber(String... args) throws IOException, InterruptedException {
        Path root = ServiceProcess.repositoryRoot();
        Path jar = root.resolve(SUBSCRIBER_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with "
                    + "./mvnw -B -o -pl examples/national-registry-subscriber package -DskipTests");
        }
        Path logs = Files.createDirectories(root.resolve("system-tests/target/service-logs"));
        Path out = logs.resolve("national-registry-subscriber.out");
        Path err = logs.resolve("national-registry-subscriber.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", SUBSCRIBER_JAR));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(root.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long started = System.nanoTime();
        try {
            boolean ended = process.waitFor(CATCH_UP.toSeconds() + 30, TimeUnit.SECONDS);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertTrue(ended, "the subscriber did not end by itself; its stderr:\n" + stderr);
            assertEquals(0, process.exitValue(), "the subscriber's exit code; its stderr:\n" + stderr);
        } finally {
            process.destroyForcibly();
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            try {
                lines.add(JsonHttp.JSON.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException("the subscriber printed a line that is not JSON: " + line, e);
            }
        }
        System.out.printf("[national] %s: %d lines in %d ms%n", String.join(" ", command.subList(1, command.size())),
                lines.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return lines;
    }
}

package eu.microcredentials.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.microcredentials.operator.OperatorCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * Audit and replay, as an operator does them with bin/mc-operator against the running platform: a
 * few thousand credentials issued, revoked and suspended, a hundred recognised; digests agreeing across
 * issuer, registry and recognition; each read model of the registry and of recognition rebuilt from
 * offset 0 beside the live one while queries keep being answered, with the same checksum; a stored event changed behind the issuer's back is found;
 * a service that missed an event is named with the credential.
 */
@ExtendWith(RunningPlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditSystemTest {
    private static final int CREDENTIALS = 2_000;
    private static final int PER_BATCH = 250;
    private static final Duration CATCH_UP = Duration.ofSeconds(240);
    private static final Duration PROPAGATION = Duration.ofSeconds(60);

    private Platform platform;
    private AwardingBody body;
    private static final int RECOGNISED = 100;

    private final List<String> issued = new ArrayList<>();
    private final List<String> learners = new ArrayList<>();
    private final List<String> revoked = new ArrayList<>();
    private final List<String> recognitions = new ArrayList<>();

    @BeforeAll
    void issueReviseAndWaitForEveryService(Platform platform) {
        this.platform = platform;
        body = platform.registerAwardingBody(Requests.awardingBody("Audit University " + UUID.randomUUID(), "AT"));
        for (int batch = 0; batch < CREDENTIALS / PER_BATCH; batch++) {
            ArrayNode rows = JsonHttp.JSON.createArrayNode();
            List<String> batchLearners = new ArrayList<>();
            for (int i = 0; i < PER_BATCH; i++) {
                batchLearners.add(Requests.newLearnerId());
                rows.add(Requests.fullCredential(batchLearners.get(i), "AT"));
            }
            JsonNode result = body.issuer().post(body.credentialsPath() + "/batch", rows).expect(200);
            result.path("credentials").forEach(row -> {
                issued.add(row.path("credentialId").asText());
                learners.add(batchLearners.get(row.path("row").asInt() - 1));
            });
        }
        assertEquals(CREDENTIALS, issued.size());
        for (int i = 0; i < 40; i++) {
            String id = issued.get(i * 7);
            body.issuer().post("/api/v1/credentials/" + id + "/revocation",
                    JsonHttp.JSON.createObjectNode().put("reason", "assessment irregularity")).expect(200);
            revoked.add(id);
        }
        for (int i = 0; i < 20; i++) {
            body.issuer().post("/api/v1/credentials/" + issued.get(1_000 + i * 11) + "/suspension",
                    JsonHttp.JSON.createObjectNode().put("reason", "under review")).expect(200);
        }
        Eventually.await(CATCH_UP, "every service holding what the issuer recorded", () -> {
            Run compared = cli("compare-digests");
            assertEquals(0, compared.exit(), compared.all());
        });
        recognise();
    }

    /** A university recognises some of the credentials for study: each learner asks, each is granted. */
    private void recognise() {
        JsonHttp recognition = platform.recognition().http();
        // recognition's operators register the university; it defines its policy with its own key
        String universityKey = recognition.withApiKey(platform.recognitionOperatorApiKey()).post("/api/v1/organisations",
                JsonHttp.JSON.createObjectNode().put("name", "Universität Wien").put("kind", "UNIVERSITY")).expect(201)
                .path("apiKey").asText();
        ObjectNode policy = JsonHttp.JSON.createObjectNode().put("purpose", "ACADEMIC").put("needsHumanReview", false);
        policy.putObject("rules").put("minEqfLevel", 5).put("minTotalEcts", 3);
        String policyId = recognition.withApiKey(universityKey).post("/api/v1/recognition-policies", policy).expect(201)
                .path("id").asText();
        for (int i = CREDENTIALS - 1 - RECOGNISED; i < CREDENTIALS - 1; i++) {
            ObjectNode request = JsonHttp.JSON.createObjectNode().put("learnerId", learners.get(i)).put("policyId", policyId);
            request.putArray("credentialIds").add(issued.get(i));
            recognitions.add(recognition.post("/api/v1/recognition-requests", request).expect(201).path("id").asText());
        }
        Eventually.await(CATCH_UP, "every recognition decided and readable", () -> {
            for (String id : recognitions) {
                assertEquals("GRANTED", recognition.get("/api/v1/recognition-requests/" + id).expect(200)
                        .path("decision").asText(), id);
            }
        });
    }

    @Test
    @Order(1)
    void digestsOfTheCredentialEventsAgreeAcrossTheThreeServices() {
        Run compared = cli("compare-digests");

        assertEquals(0, compared.exit(), compared.all());
        assertTrue(compared.out().contains("registry-service") && compared.out().contains("recognition-service"), compared.out());
        assertTrue(!compared.out().contains("DISAGREES"), compared.out());
    }

    @Test
    @Order(2)
    void eachReadModelIsRebuiltBesideTheLiveOneWhileQueriesAreAnsweredAndComesOutIdentical() throws Exception {
        AtomicBoolean querying = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        Thread queries = new Thread(() -> {
            while (querying.get() && failure.get() == null) {
                String id = issued.get(ThreadLocalRandom.current().nextInt(issued.size()));
                for (ServiceProcess registry : platform.registries()) {
                    JsonHttp.Answer answer = registry.http().get("/api/v1/registry/credentials/" + id);
                    if (answer.status() != 200) {
                        failure.set(registry.name() + " answered " + answer.status() + " during the rebuild: " + answer.body());
                    }
                }
                JsonHttp.Answer held = platform.recognition().http().get("/api/v1/held-credentials/" + id);
                if (held.status() != 200) {
                    failure.set("recognition answered " + held.status() + " during the rebuild: " + held.body());
                }
                String recognitionId = recognitions.get(ThreadLocalRandom.current().nextInt(recognitions.size()));
                JsonHttp.Answer decision = platform.recognition().http().get("/api/v1/recognition-requests/" + recognitionId);
                if (decision.status() != 200 || !decision.body().contains("GRANTED")) {
                    failure.set("recognition answered " + decision.status() + " for a decision during the rebuild: "
                            + decision.body());
                }
                answered.incrementAndGet();
            }
        });
        queries.start();
        try {
            // every read model of the registry and of recognition (the issuer keeps none: it answers from its event
            // store, and its one projection only acts on pathway completions)
            for (String[] target : new String[][] {{"registry", "registry"}, {"registry", "accreditations"},
                    {"registry", "history"}, {"recognition", "held-credentials"}, {"recognition", "recognitions"},
                    {"recognition", "definitions"}}) {
                Run rebuilt = cli("rebuild", target[0], target[1]);

                assertEquals(0, rebuilt.exit(), rebuilt.all());
                assertTrue(rebuilt.out().contains("100%"), "the progress bar reached its end: " + rebuilt.out());
                assertTrue(rebuilt.out().contains("identical to the live model"), rebuilt.out());
                String checksum = rebuilt.out().replaceAll("(?s).*\\(checksum ([0-9a-f]+)\\).*", "$1");
                ServiceProcess service = target[0].equals("registry") ? platform.registryA() : platform.recognition();
                String live = platform.admin(service).get("/admin/projections/" + target[1] + "?checksum=true").expect(200)
                        .path("checksum").asText();
                assertEquals(checksum, live, target[1] + ": the live model's checksum is the rebuilt one's");
            }
        } finally {
            querying.set(false);
            queries.join();
        }
        assertEquals(null, failure.get());
        assertTrue(answered.get() > 0, "queries were made while rebuilding");
    }

    @Test
    @Order(5)
    void theCliPrintsACredentialsLifeAndItsStatusAsOfAnInstant() {
        String credential = revoked.get(5);
        Run history = cli("history", credential, "--as-of", Instant.now().toString());

        assertEquals(0, history.exit(), history.all());
        assertTrue(history.out().contains("record as of"), history.out());
        assertTrue(history.out().contains("\"knownNow\"") && history.out().contains("REVOKED"), history.out());
        assertTrue(history.out().contains("eu.microcredential.credential.issued.v1")
                && history.out().contains("eu.microcredential.credential.revoked.v1"), history.out());
        assertTrue(history.out().contains("assessment irregularity"), history.out());
    }

    @Test
    @Order(3)
    void aStoredEventChangedBehindTheIssuersBackIsFoundAndNamed() throws SQLException {
        Run intact = cli("verify-chains", "issuer", "registry");
        assertEquals(0, intact.exit(), intact.all());
        assertTrue(intact.out().contains("issuer-service: INTACT"), intact.out());

        String tampered = revoked.get(3);
        String original;
        try (Connection issuerDb = database("issuer")) {
            original = revocationData(issuerDb, tampered);
            change(issuerDb, tampered, original.replace("assessment irregularity", "clerical error"));
            try {
                Run broken = cli("verify-chains", "issuer");

                assertEquals(1, broken.exit(), broken.all());
                assertTrue(broken.out().contains("issuer-service: BROKEN"), broken.out());
                assertTrue(broken.out().contains("FIRST BREAK") && broken.out().contains(tampered), broken.out());
                assertTrue(broken.out().contains("changed after it was recorded"), broken.out());
            } finally {
                change(issuerDb, tampered, original);
            }
        }
        Run restored = cli("verify-chains", "issuer");
        assertEquals(0, restored.exit(), restored.all());
    }

    @Test
    @Order(4)
    void aServiceThatDivergesIsNamedWithTheCredentialOnWhichItDisagrees() throws SQLException {
        String diverging = issued.get(CREDENTIALS - 1);
        body.issuer().post("/api/v1/credentials/" + diverging + "/revocation",
                JsonHttp.JSON.createObjectNode().put("reason", "issued in error")).expect(200);
        Eventually.await(PROPAGATION, "every service applying the revocation", () -> {
            Run compared = cli("compare-digests");
            assertEquals(0, compared.exit(), compared.all());
        });

        // the deliberate divergence: recognition's record of what it applied loses the revocation
        try (Connection recognitionDb = database("recognition");
             PreparedStatement forget = recognitionDb.prepareStatement("UPDATE projection_stream_version SET version = 1, "
                     + "hash = NULL WHERE projection = 'held-credentials' AND stream_id = ? RETURNING hash")) {
            String hash = appliedHash(recognitionDb, diverging);
            forget.setString(1, diverging);
            assertTrue(forget.executeQuery().next());
            try {
                Run compared = cli("compare-digests");

                assertEquals(1, compared.exit(), compared.all());
                assertTrue(compared.out().contains("recognition-service  projection:held-credentials") && compared.out()
                        .contains("DISAGREES in 1 bucket"), compared.out());
                assertTrue(compared.out().contains(diverging + ": issuer-service has version 2"), compared.out());
                assertTrue(compared.out().contains("recognition-service has version 1 (no hash)"), compared.out());
                assertTrue(compared.out().contains("registry-service     projection:registry"), compared.out());
                assertEquals(1, compared.out().split("DISAGREES", -1).length - 1, "only recognition disagrees: " + compared.out());
            } finally {
                try (PreparedStatement restore = recognitionDb.prepareStatement("UPDATE projection_stream_version "
                        + "SET version = 2, hash = ? WHERE projection = 'held-credentials' AND stream_id = ?")) {
                    restore.setString(1, hash);
                    restore.setString(2, diverging);
                    assertEquals(1, restore.executeUpdate());
                }
            }
        }
        Run agreed = cli("compare-digests");
        assertEquals(0, agreed.exit(), agreed.all());
    }

    private static String appliedHash(Connection db, String credentialId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT version, hash FROM projection_stream_version "
                + "WHERE projection = 'held-credentials' AND stream_id = ?")) {
            query.setString(1, credentialId);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "recognition applied " + credentialId);
                assertEquals(2, row.getLong("version"));
                return row.getString("hash");
            }
        }
    }

    private record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** bin/mc-operator, run in this JVM against the platform's services. */
    private Run cli(String... command) {
        List<String> args = new ArrayList<>(List.of(
                "--issuer-url", platform.issuer().baseUri().toString(),
                "--registry-url", platform.registryA().baseUri().toString(),
                "--recognition-url", platform.recognition().baseUri().toString(),
                "--issuer-key", platform.operatorApiKey(),
                "--registry-key", platform.registryOperatorApiKey(),
                "--recognition-key", platform.recognitionOperatorApiKey()));
        args.addAll(List.of(command));
        if (command[0].equals("compare-digests")) {
            args.addAll(List.of("--source", Platform.ISSUER_EVENT_SOURCE));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = OperatorCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private static Connection database(String name) throws SQLException {
        String url = "jdbc:postgresql://" + Platform.env("PG_HOST", "127.0.0.1") + ":" + Platform.env("PG_PORT", "15432") + "/" + name;
        return DriverManager.getConnection(url, Platform.env("PG_USER", "postgres"), Platform.env("PG_PASSWORD", "postgres"));
    }

    private static String revocationData(Connection db, String credentialId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT data::text FROM event_store WHERE stream_id = ? "
                + "AND event_type = 'eu.microcredential.credential.revoked.v1'")) {
            query.setString(1, credentialId);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "the revocation of " + credentialId + " is stored");
                return row.getString(1);
            }
        }
    }

    /** What only someone with the database owner's rights could do: switch the guard off, change, switch it on. */
    private static void change(Connection db, String credentialId, String data) throws SQLException {
        try (Statement guard = db.createStatement();
             PreparedStatement update = db.prepareStatement("UPDATE event_store SET data = ?::json WHERE stream_id = ? "
                     + "AND event_type = 'eu.microcredential.credential.revoked.v1'")) {
            guard.execute("ALTER TABLE event_store DISABLE TRIGGER event_store_no_update_or_delete");
            try {
                update.setString(1, data);
                update.setString(2, credentialId);
                assertEquals(1, update.executeUpdate());
            } finally {
                guard.execute("ALTER TABLE event_store ENABLE TRIGGER event_store_no_update_or_delete");
            }
        }
    }
}

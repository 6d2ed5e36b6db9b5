package eu.microcredentials.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A credential's lifecycle (suspend, reinstate, revoke retroactively, refused transitions, correct)
 * and an accreditation's withdrawal, seen by every service after each step: the issuer, both registry
 * instances (record and verification), recognition-service (held credentials and active ECTS), and
 * the public Bitstring status lists as an external verifier reads them (URL from the credential,
 * signature checked with plain Nimbus and the body's published key, bits decoded by hand).
 * The steps build on each other, so the methods run in order.
 */
@ExtendWith(RunningPlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleSystemTest {
    private static final Duration PROPAGATION = Duration.ofSeconds(30);
    /** Once, before the first step: how long a freshly started service may take to catch up with the topics. */
    private static final Duration CATCH_UP = Duration.ofSeconds(180);
    private static final Duration MEASURE_POLL = Duration.ofMillis(20);
    private static final String COUNTRY = "SI";
    private static final BigDecimal ECTS_EACH = BigDecimal.valueOf(3);
    private static final String ACTIVE = "ACTIVE";
    private static final String SUSPENDED = "SUSPENDED";
    private static final String REVOKED = "REVOKED";

    private Platform platform;
    private AwardingBody body;
    private String learnerId;
    private Credential a;
    private Credential b;
    /** A's correction, once step 7 has issued it. */
    private Credential c;
    private final Map<String, String> propagation = new LinkedHashMap<>();

    /** A credential as issued: its id, its signed form, when it was issued and its status list entries. */
    private record Credential(String name, String id, String signed, Instant issuedAt, Map<String, StatusEntry> statusEntries) {
    }

    /** One credentialStatus entry of the signed credential. */
    private record StatusEntry(URI list, int index) {
    }

    @BeforeAll
    void registerAccreditAndIssue(Platform platform) {
        this.platform = platform;
        body = platform.registerAwardingBody(Requests.awardingBody("Univerza v Ljubljani " + UUID.randomUUID(), COUNTRY));

        // the registry learns of awarding bodies from Kafka: accredit only once it knows this one
        ServiceProcess registry = platform.registryA();
        Eventually.await(PROPAGATION, registry.name() + " knowing awarding body " + body.id(),
                () -> registeredAwardingBody(registry, body.id()));
        ObjectNode accreditation = JsonHttp.JSON.createObjectNode()
                .put("status", "ACCREDITED")
                .put("qualityAssuranceAgency", "SQAA")
                .put("evidence", "https://www.eqar.eu/qa-results/report/" + UUID.randomUUID())
                .put("validFrom", Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString())
                .put("validUntil", "2031-12-31T23:59:59Z");
        JsonNode accredited = platform.registryOperator(registry)
                .put("/api/v1/registry/awarding-bodies/" + body.id() + "/accreditation", accreditation).expect(200);
        assertEquals("ACCREDITED", accredited.path("accreditation").path("status").asText(), "accredited: " + accredited);
        for (ServiceProcess each : platform.registries()) {
            Eventually.await(PROPAGATION, each.name() + " showing " + body.id() + " accredited", () -> {
                JsonNode known = registeredAwardingBody(each, body.id());
                assertEquals("ACCREDITED", known.path("accreditation").path("status").asText(), each.name() + ": " + known);
            });
        }

        learnerId = Requests.newLearnerId();
        a = issue("A");
        b = issue("B");

        // a service started for this run may first catch up with what the shared topics already hold (every
        // event, kept forever): wait until each has both credentials before the steps' own deadlines apply
        Eventually.await(CATCH_UP, "recognition holding A and B", () -> assertEquals(2, platform.recognition().http()
                .get("/api/v1/learners/" + JsonHttp.segment(learnerId) + "/credentials").expect(200)
                .path("credentials").size()));
        for (ServiceProcess each : platform.registries()) {
            for (Credential credential : List.of(a, b)) {
                Eventually.await(CATCH_UP, each.name() + " holding " + credential.name(),
                        () -> each.http().get("/api/v1/registry/credentials/" + credential.id()).expect(200));
            }
        }
    }

    private Credential issue(String name) {
        return credential(name, body.issue(Requests.fullCredential(learnerId, COUNTRY)));
    }

    /** The credential the issuer answered for an issuance or a correction. */
    private static Credential credential(String name, JsonNode issued) {
        String id = issued.path("id").asText();
        String signed = issued.path("verifiableCredential").asText();
        assertFalse(id.isBlank() || signed.isBlank(), "id and verifiableCredential: " + issued);
        JsonNode vc = payload(signed);
        Map<String, StatusEntry> entries = new HashMap<>();
        for (JsonNode entry : vc.path("credentialStatus")) {
            assertEquals("BitstringStatusListEntry", entry.path("type").asText(), "credentialStatus entry: " + entry);
            entries.put(entry.path("statusPurpose").asText(), new StatusEntry(
                    URI.create(entry.path("statusListCredential").asText()),
                    Integer.parseInt(entry.path("statusListIndex").asText())));
        }
        assertEquals(List.of("revocation", "suspension"), entries.keySet().stream().sorted().toList(),
                "a revocation and a suspension entry: " + vc.path("credentialStatus"));
        return new Credential(name, id, signed, Instant.parse(issued.path("issuedAt").asText()), entries);
    }

    @Test
    @Order(1)
    void both_credentials_start_active_everywhere() {
        awaitAgreement("initially", ACTIVE, ACTIVE);
        for (ServiceProcess registry : platform.registries()) {
            for (Credential credential : List.of(a, b)) {
                JsonNode verification = verify(registry, credential);
                assertTrue(check(verification, "accredited-at-issuance").path("passed").asBoolean(), registry.name() + ": " + verification);
                assertTrue(check(verification, "accredited-now").path("passed").asBoolean(), registry.name() + ": " + verification);
            }
        }
    }

    @Test
    @Order(2)
    void suspending_a_reaches_every_service() {
        JsonNode answer = transition(a, "suspension", reason("Under investigation by the exam board")).expect(200);
        long answeredAt = System.nanoTime();
        assertEquals(SUSPENDED, answer.path("status").asText(), "the issuer answers the credential as it now stands: " + answer);
        measurePropagation("suspend A", a, SUSPENDED, answeredAt);
        awaitAgreement("after suspending A", SUSPENDED, ACTIVE);
    }

    @Test
    @Order(3)
    void reinstating_a_reaches_every_service() {
        JsonNode answer = transition(a, "reinstatement", reason("Investigation closed")).expect(200);
        assertEquals(ACTIVE, answer.path("status").asText(), "reinstated: " + answer);
        awaitAgreement("after reinstating A", ACTIVE, ACTIVE);
    }

    @Test
    @Order(4)
    void revoking_b_retroactively_reaches_every_service() throws InterruptedException {
        Instant effectiveFrom = b.issuedAt().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        // it must lie in the past, between issuing and now
        long wait = Duration.between(Instant.now(), effectiveFrom.plusMillis(500)).toMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        ObjectNode request = reason("Issued in error").put("effectiveFrom", effectiveFrom.toString());
        JsonNode answer = transition(b, "revocation", request).expect(200);
        long answeredAt = System.nanoTime();
        assertEquals(REVOKED, answer.path("status").asText(), "revoked: " + answer);
        measurePropagation("revoke B", b, REVOKED, answeredAt);
        JsonNode latest = last(answer.path("statusHistory"));
        assertEquals(REVOKED, latest.path("status").asText(), "statusHistory: " + answer.path("statusHistory"));
        assertEquals(effectiveFrom, Instant.parse(latest.path("effectiveFrom").asText()), "retroactive: " + latest);
        awaitAgreement("after revoking B", ACTIVE, REVOKED);
    }

    @Test
    @Order(5)
    void illegal_transitions_are_refused_and_change_nothing() {
        int historyA = issuerView(a).path("statusHistory").size();
        int historyB = issuerView(b).path("statusHistory").size();

        assertRefused(transition(b, "revocation", reason("Revoked once more")), REVOKED);
        assertRefused(transition(a, "reinstatement", reason("Reinstating an active credential")), ACTIVE);

        assertEquals(historyA, issuerView(a).path("statusHistory").size(), "nothing recorded for A");
        assertEquals(historyB, issuerView(b).path("statusHistory").size(), "nothing recorded for B");
        awaitAgreement("after the refused transitions", ACTIVE, REVOKED);
    }

    @Test
    @Order(6)
    void withdrawing_the_accreditation_fails_only_the_accredited_now_check() {
        ObjectNode withdrawal = JsonHttp.JSON.createObjectNode()
                .put("status", "WITHDRAWN")
                .put("evidence", "https://www.eqar.eu/qa-results/report/" + UUID.randomUUID());
        JsonNode withdrawn = platform.registryOperator(platform.registryB())
                .put("/api/v1/registry/awarding-bodies/" + body.id() + "/accreditation", withdrawal).expect(200);
        assertEquals("WITHDRAWN", withdrawn.path("accreditation").path("status").asText(), "withdrawn: " + withdrawn);

        for (ServiceProcess registry : platform.registries()) {
            Eventually.await(PROPAGATION, registry.name() + " listing " + body.id() + " as WITHDRAWN", () -> {
                JsonNode listed = registeredAwardingBody(registry, body.id(), "&accreditation=WITHDRAWN");
                assertEquals("WITHDRAWN", listed.path("accreditation").path("status").asText(), registry.name() + ": " + listed);
            });
            Eventually.await(PROPAGATION, registry.name() + " verifying with the accreditation withdrawn", () -> {
                for (Credential credential : List.of(a, b)) {
                    JsonNode verification = verify(registry, credential);
                    String where = registry.name() + ", " + credential.name() + ": " + verification;
                    assertFalse(check(verification, "accredited-now").path("passed").asBoolean(), where);
                    assertTrue(check(verification, "accredited-at-issuance").path("passed").asBoolean(), where);
                    // informational checks: verified is what the status makes it, as before
                    assertEquals(credential == a, verification.path("verified").asBoolean(), where);
                }
            });
        }
        awaitAgreement("after withdrawing the accreditation", ACTIVE, REVOKED);
        System.out.println("[lifecycle] propagation from the issuer's answer to the registry's verification: " + propagation);
    }

    @Test
    @Order(7)
    void correcting_a_revokes_it_as_superseded_and_every_service_agrees_and_links_both_ways() {
        ObjectNode corrected = Requests.fullCredential(learnerId, COUNTRY).put("grade", "19/20");
        JsonNode answer = body.issuer().post("/api/v1/credentials/" + a.id() + "/correction", corrected).expect(201);
        long answeredAt = System.nanoTime();
        c = credential("C", answer);
        assertEquals(ACTIVE, answer.path("status").asText(), "the correction is active: " + answer);
        assertEquals(a.id(), answer.path("supersedes").asText(), "the correction names what it supersedes: " + answer);
        assertEquals("urn:uuid:" + a.id(), payload(c.signed()).path("supersedes").asText(),
                "the signed correction says what it replaces: " + payload(c.signed()));
        measurePropagation("correct A", a, REVOKED, answeredAt);

        Map<Credential, String> expected = new LinkedHashMap<>();
        expected.put(a, REVOKED);
        expected.put(b, REVOKED);
        expected.put(c, ACTIVE);
        awaitAgreement("after correcting A", expected);

        JsonNode old = issuerView(a);
        assertEquals(c.id(), old.path("supersededBy").asText(), "the issuer links A to its correction: " + old);
        JsonNode superseded = last(old.path("statusHistory"));
        assertEquals(REVOKED, superseded.path("status").asText(), "statusHistory: " + old.path("statusHistory"));
        assertEquals("SUPERSEDED", superseded.path("reason").asText(), "the reason of A's revocation: " + superseded);
        assertEquals(a.id(), issuerView(c).path("supersedes").asText(), "the issuer links C to A");
        for (ServiceProcess registry : platform.registries()) {
            Eventually.await(PROPAGATION, registry.name() + " linking A and C both ways", () -> {
                JsonNode recordA = registry.http().get("/api/v1/registry/credentials/" + a.id()).expect(200);
                JsonNode recordC = registry.http().get("/api/v1/registry/credentials/" + c.id()).expect(200);
                assertEquals(c.id(), recordA.path("supersededBy").asText(), registry.name() + "'s record of A: " + recordA);
                assertEquals(a.id(), recordC.path("supersedes").asText(), registry.name() + "'s record of C: " + recordC);
            });
        }
        System.out.println("[lifecycle] propagation from the issuer's answer to the registry's verification: " + propagation);
    }

    // ---- agreement -------------------------------------------------------------------------------

    /** Polls until every service shows A and B with these statuses, then returns; fails with the last disagreement. */
    private void awaitAgreement(String step, String statusA, String statusB) {
        Map<Credential, String> expected = new LinkedHashMap<>();
        expected.put(a, statusA);
        expected.put(b, statusB);
        awaitAgreement(step, expected);
    }

    /** Polls until every service shows each credential with its status (and the learner holds exactly these). */
    private void awaitAgreement(String step, Map<Credential, String> expected) {
        List<String> statuses = new ArrayList<>();
        expected.forEach((credential, status) -> statuses.add(credential.name() + " " + status));
        Eventually.await(PROPAGATION, "every service agreeing " + step + " (" + String.join(", ", statuses) + ")",
                () -> assertAgreement(expected));
    }

    private void assertAgreement(Map<Credential, String> expected) {
        Map<URI, JsonNode> lists = new HashMap<>();
        JsonNode published = platform.issuer().http().get("/api/v1/awarding-bodies/" + body.id()).expect(200);
        for (Map.Entry<Credential, String> entry : expected.entrySet()) {
            Credential credential = entry.getKey();
            String status = entry.getValue();
            String name = credential.name();

            assertEquals(status, issuerView(credential).path("status").asText(), "the issuer's status of " + name);
            for (ServiceProcess registry : platform.registries()) {
                JsonNode record = registry.http().get("/api/v1/registry/credentials/" + credential.id()).expect(200);
                assertEquals(status, record.path("status").asText(), registry.name() + "'s record of " + name);
                JsonNode verification = verify(registry, credential);
                assertEquals(status, verification.path("status").asText(), registry.name() + " verifying " + name);
                assertEquals(ACTIVE.equals(status), verification.path("verified").asBoolean(),
                        registry.name() + " verifying " + name + ": " + verification);
                assertEquals(ACTIVE.equals(status), check(verification, "status").path("passed").asBoolean(),
                        registry.name() + "'s status check of " + name);

                String fromLists = statusFromPublicLists(credential, published, lists);
                assertEquals(verification.path("status").asText(), fromLists,
                        "the public status lists agree with " + registry.name() + " on " + name);
            }
        }

        JsonNode holdings = platform.recognition().http()
                .get("/api/v1/learners/" + JsonHttp.segment(learnerId) + "/credentials").expect(200);
        Map<String, String> held = new HashMap<>();
        holdings.path("credentials").forEach(c -> held.put(c.path("id").asText(), c.path("status").asText()));
        BigDecimal activeEcts = BigDecimal.ZERO;
        for (Map.Entry<Credential, String> entry : expected.entrySet()) {
            assertEquals(entry.getValue(), held.get(entry.getKey().id()),
                    "recognition's status of " + entry.getKey().name() + ": " + holdings);
            if (ACTIVE.equals(entry.getValue())) {
                activeEcts = activeEcts.add(ECTS_EACH);
            }
        }
        assertEquals(expected.size(), holdings.path("credentials").size(),
                "the learner holds " + expected.size() + " credentials: " + holdings);
        assertTrue(holdings.path("activeEcts").isNumber(), "activeEcts: " + holdings);
        assertEquals(0, activeEcts.compareTo(holdings.path("activeEcts").decimalValue()),
                "recognition's activeEcts " + holdings.path("activeEcts") + ", expected " + activeEcts);
    }

    /** The status as an external verifier derives it from the two public lists alone. */
    private String statusFromPublicLists(Credential credential, JsonNode published, Map<URI, JsonNode> lists) {
        if (bit(credential, "revocation", published, lists)) {
            return REVOKED;
        }
        return bit(credential, "suspension", published, lists) ? SUSPENDED : ACTIVE;
    }

    private boolean bit(Credential credential, String purpose, JsonNode published, Map<URI, JsonNode> lists) {
        StatusEntry entry = credential.statusEntries().get(purpose);
        JsonNode list = lists.computeIfAbsent(entry.list(), url -> fetchStatusList(url, published));
        JsonNode subject = list.path("credentialSubject");
        assertEquals(purpose, subject.path("statusPurpose").asText(), "the list at " + entry.list() + ": " + subject);
        byte[] bits = decodeEncodedList(subject.path("encodedList").asText());
        int index = entry.index();
        assertTrue(index >= 0 && index / 8 < bits.length, "index " + index + " within " + bits.length * 8 + " bits");
        return (bits[index / 8] >> (7 - index % 8) & 1) == 1;
    }

    /** GETs a status list as a verifier does, and verifies its signature with the body's published key. */
    private static JsonNode fetchStatusList(URI url, JsonNode published) {
        JsonHttp.Answer answer = JsonHttp.getAbsolute(url, "application/vc+jwt");
        assertEquals(200, answer.status(), answer.request() + ": " + answer.body());
        assertTrue(answer.contentType().startsWith("application/vc+jwt"), "content type " + answer.contentType());
        try {
            JWSObject jws = JWSObject.parse(answer.body().trim());
            String keyId = jws.getHeader().getKeyID();
            JsonNode key = null;
            for (JsonNode candidate : published.path("signingKeys")) {
                if (candidate.path("keyId").asText().equals(keyId)) {
                    key = candidate;
                }
            }
            assertTrue(key != null, "the list's kid " + keyId + " is published: " + published);
            ECKey publicKey = ECKey.parse(key.path("publicJwk").toString());
            assertFalse(publicKey.isPrivate());
            assertTrue(jws.verify(new ECDSAVerifier(publicKey)), "the status list's signature verifies: " + url);
            JsonNode vc = JsonHttp.JSON.readTree(jws.getPayload().toString());
            assertTrue(vc.path("type").toString().contains("BitstringStatusListCredential"), "type: " + vc.path("type"));
            return vc;
        } catch (java.text.ParseException | com.nimbusds.jose.JOSEException | IOException e) {
            throw new AssertionError("the status list at " + url + " is not a verifiable JWS: " + answer.body(), e);
        }
    }

    /** multibase 'u' (base64url, no padding) of the GZIP of the bitstring. */
    private static byte[] decodeEncodedList(String encodedList) {
        assertTrue(encodedList.startsWith("u"), "multibase base64url: " + encodedList.substring(0, Math.min(10, encodedList.length())));
        byte[] compressed = Base64.getUrlDecoder().decode(encodedList.substring(1));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("encodedList is not GZIP", e);
        }
    }

    // ---- propagation -----------------------------------------------------------------------------

    /** From the issuer's answer (200, or 201 for a correction) to the first verification by each registry instance showing the new status. */
    private void measurePropagation(String step, Credential credential, String status, long answeredAt) {
        Map<String, Long> firstSeen = new LinkedHashMap<>();
        long deadline = answeredAt + PROPAGATION.toNanos();
        while (firstSeen.size() < platform.registries().size() && System.nanoTime() < deadline) {
            for (ServiceProcess registry : platform.registries()) {
                if (!firstSeen.containsKey(registry.name())
                        && status.equals(verify(registry, credential).path("status").asText())) {
                    firstSeen.put(registry.name(), Duration.ofNanos(System.nanoTime() - answeredAt).toMillis());
                }
            }
            try {
                Thread.sleep(MEASURE_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        List<String> figures = new ArrayList<>();
        for (ServiceProcess registry : platform.registries()) {
            Long ms = firstSeen.get(registry.name());
            figures.add(registry.name() + " " + (ms == null ? "not within " + PROPAGATION.toMillis() + " ms" : ms + " ms"));
        }
        propagation.put(step, String.join(", ", figures));
        System.out.printf("[lifecycle] %s: issuer's answer -> registry verification showing %s: %s%n", step, status,
                figures);
    }

    // ---- calls -----------------------------------------------------------------------------------

    private JsonHttp.Answer transition(Credential credential, String what, ObjectNode request) {
        return body.issuer().post("/api/v1/credentials/" + credential.id() + "/" + what, request);
    }

    private static ObjectNode reason(String reason) {
        return JsonHttp.JSON.createObjectNode().put("reason", reason);
    }

    private static void assertRefused(JsonHttp.Answer answer, String currentStatus) {
        assertEquals(409, answer.status(), answer.request() + ": " + answer.body());
        assertTrue(answer.contentType().startsWith("application/problem+json"),
                answer.request() + " content type " + answer.contentType());
        assertEquals(currentStatus, answer.json().path("currentStatus").asText(), answer.request() + ": " + answer.body());
    }

    private JsonNode issuerView(Credential credential) {
        return body.issuer().get("/api/v1/credentials/" + credential.id()).expect(200);
    }

    private static JsonNode verify(ServiceProcess registry, Credential credential) {
        return registry.http().post("/api/v1/verifications",
                JsonHttp.JSON.createObjectNode().put("credential", credential.signed())).expect(200);
    }

    private static JsonNode registeredAwardingBody(ServiceProcess registry, String id) {
        return registeredAwardingBody(registry, id, "");
    }

    private static JsonNode registeredAwardingBody(ServiceProcess registry, String id, String moreQuery) {
        for (JsonNode known : registry.http().get("/api/v1/registry/awarding-bodies?country=" + COUNTRY + moreQuery).expect(200)) {
            if (id.equals(known.path("id").asText())) {
                return known;
            }
        }
        throw new AssertionError(registry.name() + " does not list awarding body " + id + " (query country=" + COUNTRY
                + moreQuery + ")");
    }

    private static JsonNode check(JsonNode verification, String name) {
        for (JsonNode check : verification.path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + verification);
    }

    private static JsonNode last(JsonNode array) {
        assertTrue(array.isArray() && array.size() > 0, "a non-empty array: " + array);
        return array.get(array.size() - 1);
    }

    private static JsonNode payload(String compact) {
        try {
            return JsonHttp.JSON.readTree(JWSObject.parse(compact).getPayload().toString());
        } catch (java.text.ParseException | IOException e) {
            throw new AssertionError("not a compact JWS with a JSON payload: " + compact, e);
        }
    }
}

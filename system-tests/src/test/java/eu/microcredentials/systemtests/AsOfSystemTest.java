package eu.microcredentials.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * "What was true on date D", asked of both registry instances through the built services: a credential
 * issued at T0 and revoked at T2 with effect from T1 (retroactive), another revoked from now at T3, and
 * the awarding body's accreditation withdrawn with a backdated effect. Each as-of answer tells what is
 * known now (every recorded change by when it takes effect) and what was known then (only what had been
 * recorded by D). The steps build on each other, so the methods run in order.
 */
@ExtendWith(RunningPlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AsOfSystemTest {
    private static final Duration PROPAGATION = Duration.ofSeconds(30);
    /** Once, before the first step: how long a freshly started service may take to catch up with the topics. */
    private static final Duration CATCH_UP = Duration.ofSeconds(180);
    private static final String COUNTRY = "LV";
    private static final String ACTIVE = "ACTIVE";
    private static final String REVOKED = "REVOKED";
    private static final String NOT_YET_ISSUED = "NOT_YET_ISSUED";

    private Platform platform;
    private AwardingBody body;
    private Issued retroactive;
    private Issued fromNow;
    /** The retroactive revocation: effective from T1, recorded at T2. */
    private Instant t1;
    private Instant t2;

    /** A credential as issued: its id, its signed form and when it was issued. */
    private record Issued(String id, String signed, Instant issuedAt) {
    }

    @BeforeAll
    void registerAccreditAndIssue(Platform platform) {
        this.platform = platform;
        body = platform.registerAwardingBody(Requests.awardingBody("Latvijas Universitāte " + UUID.randomUUID(), COUNTRY));
        ServiceProcess registry = platform.registryA();
        // the registry learns of awarding bodies from Kafka: accredit only once it knows this one
        Eventually.await(CATCH_UP, registry.name() + " listing awarding body " + body.id(),
                () -> awardingBody(registry));
        ObjectNode accreditation = JsonHttp.JSON.createObjectNode()
                .put("status", "ACCREDITED")
                .put("qualityAssuranceAgency", "AIC")
                .put("evidence", "https://www.eqar.eu/qa-results/report/" + UUID.randomUUID())
                .put("validFrom", Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
        platform.registryOperator(registry)
                .put("/api/v1/registry/awarding-bodies/" + body.id() + "/accreditation", accreditation).expect(200);

        String learner = Requests.newLearnerId();
        retroactive = issue(learner);
        fromNow = issue(learner);
        for (ServiceProcess each : platform.registries()) {
            Eventually.await(CATCH_UP, each.name() + " holding both credentials and the accreditation", () -> {
                each.http().get("/api/v1/registry/credentials/" + retroactive.id()).expect(200);
                each.http().get("/api/v1/registry/credentials/" + fromNow.id()).expect(200);
                assertEquals("ACCREDITED", awardingBody(each).path("accreditation").path("status").asText());
            });
        }
    }

    @Test
    @Order(1)
    void a_retroactive_revocation_is_in_effect_from_t1_but_was_known_only_from_t2() throws InterruptedException {
        Instant t0 = retroactive.issuedAt();
        t1 = t0.plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        // T1 must lie in the past when the revocation is recorded, with time to ask between T1 and T2
        sleepUntil(t1.plusSeconds(2));
        body.issuer().post("/api/v1/credentials/" + retroactive.id() + "/revocation", JsonHttp.JSON.createObjectNode()
                .put("reason", "Assessment fraud").put("effectiveFrom", t1.toString())).expect(200);

        for (ServiceProcess registry : platform.registries()) {
            JsonNode known = Eventually.await(PROPAGATION, registry.name() + " knowing of the revocation", () -> {
                JsonNode answer = operatorAsOf(registry, retroactive, Instant.now());
                assertEquals(REVOKED, answer.path("knownNow").path("status").asText(), registry.name() + ": " + answer);
                return answer.path("knownNow").path("statusDetail");
            });
            assertEquals(t1, Instant.parse(known.path("effectiveFrom").asText()), registry.name() + ": " + known);
            t2 = Instant.parse(known.path("recordedAt").asText());
        }
        assertTrue(t2.isAfter(t1), "recorded at T2 " + t2 + " after T1 " + t1);

        Instant between = t1.plus(Duration.between(t1, t2).dividedBy(2));
        for (ServiceProcess registry : platform.registries()) {
            JsonNode answer = asOf(registry, retroactive, between);
            assertStatuses(answer, REVOKED, ACTIVE, registry.name() + " between T1 and T2");
            assertTrue(answer.path("differs").asBoolean(), registry.name() + ": " + answer);
            assertTrue(answer.path("knownNow").path("statusDetail").isMissingNode(), "public: no reason or date: " + answer);
            assertStatuses(asOf(registry, retroactive, t0.plus(Duration.between(t0, t1).dividedBy(2))), ACTIVE, ACTIVE,
                    registry.name() + " between T0 and T1");
            JsonNode after = asOf(registry, retroactive, t2.plusSeconds(1));
            assertStatuses(after, REVOKED, REVOKED, registry.name() + " after T2");
            assertFalse(after.path("differs").asBoolean(), registry.name() + ": " + after);
            assertStatuses(asOf(registry, retroactive, t0.minusSeconds(1)), NOT_YET_ISSUED, NOT_YET_ISSUED,
                    registry.name() + " before T0");

            JsonNode verification = verifyAsOf(registry, retroactive, between);
            assertFalse(verification.path("verified").asBoolean(), registry.name() + ": " + verification);
            assertEquals(REVOKED, verification.path("status").asText(), registry.name() + ": " + verification);
            assertEquals(ACTIVE, verification.path("asOf").path("knownThen").path("status").asText(),
                    registry.name() + ": " + verification);
            JsonNode beforeT1 = verifyAsOf(registry, retroactive, t1.minusMillis(1));
            assertTrue(beforeT1.path("verified").asBoolean(), registry.name() + ": " + beforeT1);
            assertEquals(ACTIVE, beforeT1.path("status").asText(), registry.name() + ": " + beforeT1);
        }
    }

    @Test
    @Order(2)
    void a_revocation_from_now_changes_nothing_before_t3() {
        body.issuer().post("/api/v1/credentials/" + fromNow.id() + "/revocation", JsonHttp.JSON.createObjectNode()
                .put("reason", "Course withdrawn")).expect(200);
        Instant t3 = null;
        for (ServiceProcess registry : platform.registries()) {
            JsonNode known = Eventually.await(PROPAGATION, registry.name() + " knowing of the revocation", () -> {
                JsonNode answer = operatorAsOf(registry, fromNow, Instant.now());
                assertEquals(REVOKED, answer.path("knownNow").path("status").asText(), registry.name() + ": " + answer);
                return answer.path("knownNow").path("statusDetail");
            });
            t3 = Instant.parse(known.path("recordedAt").asText());
            assertEquals(t3, Instant.parse(known.path("effectiveFrom").asText()), "from now: " + known);
        }
        for (ServiceProcess registry : platform.registries()) {
            assertStatuses(asOf(registry, fromNow, t3.minusMillis(1)), ACTIVE, ACTIVE, registry.name() + " just before T3");
            assertStatuses(asOf(registry, fromNow, fromNow.issuedAt().plus(Duration.between(fromNow.issuedAt(), t3)
                    .dividedBy(2))), ACTIVE, ACTIVE, registry.name() + " between issuance and T3");
            assertStatuses(asOf(registry, fromNow, t3), REVOKED, REVOKED, registry.name() + " at T3");
            JsonNode after = asOf(registry, fromNow, t3.plusSeconds(1));
            assertStatuses(after, REVOKED, REVOKED, registry.name() + " after T3");
            assertFalse(after.path("differs").asBoolean(), registry.name() + ": " + after);
        }
    }

    @Test
    @Order(3)
    void an_accreditation_withdrawn_with_a_backdated_effect_was_accredited_as_known_then() {
        Instant withdrawnFrom = retroactive.issuedAt().truncatedTo(ChronoUnit.MILLIS);
        ServiceProcess registry = platform.registryA();
        ObjectNode withdrawal = JsonHttp.JSON.createObjectNode()
                .put("status", "WITHDRAWN")
                .put("qualityAssuranceAgency", "AIC")
                .put("evidence", "https://www.eqar.eu/qa-results/report/" + UUID.randomUUID())
                .put("validFrom", withdrawnFrom.toString());
        platform.registryOperator(registry)
                .put("/api/v1/registry/awarding-bodies/" + body.id() + "/accreditation", withdrawal).expect(200);
        Instant decidedAt = null;
        for (ServiceProcess each : platform.registries()) {
            JsonNode history = Eventually.await(PROPAGATION, each.name() + " showing the withdrawal", () -> {
                JsonNode known = awardingBody(each);
                assertEquals("WITHDRAWN", known.path("accreditation").path("status").asText(), each.name() + ": " + known);
                return known.path("accreditationHistory");
            });
            decidedAt = Instant.parse(history.get(history.size() - 1).path("decidedAt").asText());
        }
        assertTrue(decidedAt.isAfter(t2), "decided after the revocation was recorded");

        Instant beforeT1 = withdrawnFrom.plus(Duration.between(withdrawnFrom, t1).dividedBy(2));
        Instant betweenT1AndT2 = t1.plus(Duration.between(t1, t2).dividedBy(2));
        for (ServiceProcess each : platform.registries()) {
            JsonNode before = asOf(each, retroactive, beforeT1);
            assertStatuses(before, ACTIVE, ACTIVE, each.name() + " between T0 and T1");
            assertFalse(before.path("knownNow").path("accredited").asBoolean(), each.name() + ": " + before);
            assertTrue(before.path("knownThen").path("accredited").asBoolean(), each.name() + ": " + before);
            assertTrue(before.path("differs").asBoolean(), "the accreditation alone differs: " + before);

            JsonNode between = asOf(each, retroactive, betweenT1AndT2);
            assertStatuses(between, REVOKED, ACTIVE, each.name() + " between T1 and T2");
            assertFalse(between.path("knownNow").path("accredited").asBoolean(), each.name() + ": " + between);
            assertTrue(between.path("knownThen").path("accredited").asBoolean(), each.name() + ": " + between);

            JsonNode after = asOf(each, retroactive, decidedAt.plusSeconds(1));
            assertFalse(after.path("knownNow").path("accredited").asBoolean(), each.name() + ": " + after);
            assertFalse(after.path("knownThen").path("accredited").asBoolean(), each.name() + ": " + after);
            assertFalse(after.path("differs").asBoolean(), each.name() + ": " + after);

            JsonNode verification = verifyAsOf(each, retroactive, beforeT1);
            assertTrue(verification.path("verified").asBoolean(), "accreditation is informational: " + verification);
            JsonNode accreditedNow = check(verification, "accredited-now");
            assertFalse(accreditedNow.path("passed").asBoolean(), each.name() + ": " + accreditedNow);
        }
    }

    private Issued issue(String learner) {
        JsonNode issued = body.issue(Requests.fullCredential(learner, COUNTRY));
        return new Issued(issued.path("id").asText(), issued.path("verifiableCredential").asText(),
                Instant.parse(issued.path("issuedAt").asText()));
    }

    /** The public as-of answer of the registry's record. */
    private static JsonNode asOf(ServiceProcess registry, Issued credential, Instant instant) {
        return registry.http().get("/api/v1/registry/credentials/" + credential.id() + "?asOf=" + instant).expect(200)
                .path("asOf");
    }

    /** The as-of answer as a registry operator gets it: with the reason and dates of each view's status change. */
    private JsonNode operatorAsOf(ServiceProcess registry, Issued credential, Instant instant) {
        return platform.registryOperator(registry)
                .get("/api/v1/registry/credentials/" + credential.id() + "?asOf=" + instant).expect(200).path("asOf");
    }

    private static JsonNode verifyAsOf(ServiceProcess registry, Issued credential, Instant instant) {
        return registry.http().post("/api/v1/verifications", JsonHttp.JSON.createObjectNode()
                .put("credential", credential.signed()).put("asOf", instant.toString())).expect(200);
    }

    private static void assertStatuses(JsonNode answer, String knownNow, String knownThen, String when) {
        assertEquals(knownNow, answer.path("knownNow").path("status").asText(), when + ", known now: " + answer);
        assertEquals(knownThen, answer.path("knownThen").path("status").asText(), when + ", known then: " + answer);
    }

    private JsonNode awardingBody(ServiceProcess registry) {
        for (JsonNode known : registry.http().get("/api/v1/registry/awarding-bodies?country=" + COUNTRY).expect(200)) {
            if (body.id().equals(known.path("id").asText())) {
                return known;
            }
        }
        throw new AssertionError(registry.name() + " does not list awarding body " + body.id());
    }

    private static JsonNode check(JsonNode verification, String name) {
        for (JsonNode check : verification.path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + verification);
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long wait = Duration.between(Instant.now(), instant).toMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }
}

package eu.microcredentials.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A credential's audit trail at both registry instances, through the built services: the issuer's events
 * (its signing key, the issuance, suspension, reinstatement, a retroactive revocation) and the registry's
 * own (accreditation granted, then withdrawn), in the order they were recorded, each with its CloudEvents
 * metadata, the topic it came on, the actor and the recorded and effective time.
 */
@ExtendWith(RunningPlatform.class)
class HistorySystemTest {
    private static final Duration PROPAGATION = Duration.ofSeconds(30);
    /** How long a freshly started service may take to catch up with the topics. */
    private static final Duration CATCH_UP = Duration.ofSeconds(180);
    private static final String COUNTRY = "EE";

    @Test
    void the_history_shows_the_whole_life_of_a_credential_in_the_order_it_was_recorded(Platform platform)
            throws InterruptedException {
        AwardingBody body = platform.registerAwardingBody(Requests.awardingBody("Tartu Ülikool " + UUID.randomUUID(),
                COUNTRY));
        ServiceProcess registry = platform.registryA();
        Eventually.await(CATCH_UP, registry.name() + " knowing awarding body " + body.id(),
                () -> assertTrue(listed(registry, body.id()), registry.name() + " lists " + body.id()));
        accreditation(platform, registry, body, JsonHttp.JSON.createObjectNode().put("status", "ACCREDITED")
                .put("validFrom", Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()));

        JsonNode issued = body.issue(Requests.fullCredential(Requests.newLearnerId(), COUNTRY));
        String id = issued.path("id").asText();
        Instant issuedAt = Instant.parse(issued.path("issuedAt").asText());
        String path = "/api/v1/credentials/" + id + "/";
        body.issuer().post(path + "suspension", reason("Exam board review")).expect(200);
        body.issuer().post(path + "reinstatement", reason("Review closed")).expect(200);
        Instant revokedFrom = issuedAt.plusMillis(500).truncatedTo(ChronoUnit.MILLIS);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), revokedFrom.plusMillis(100)).toMillis()));
        body.issuer().post(path + "revocation", reason("Assessment fraud").put("effectiveFrom", revokedFrom.toString()))
                .expect(200);
        accreditation(platform, registry, body, JsonHttp.JSON.createObjectNode().put("status", "WITHDRAWN")
                .put("validFrom", issuedAt.truncatedTo(ChronoUnit.MILLIS).toString()));

        List<String> expected = List.of(
                "eu.microcredential.awardingbody.signingkey.added.v1",
                "eu.microcredential.accreditation.granted.v1",
                "eu.microcredential.credential.issued.v1",
                "eu.microcredential.credential.suspended.v1",
                "eu.microcredential.credential.reinstated.v1",
                "eu.microcredential.credential.revoked.v1",
                "eu.microcredential.accreditation.withdrawn.v1");
        for (ServiceProcess each : platform.registries()) {
            JsonNode history = Eventually.await(PROPAGATION, each.name() + " showing the whole history", () -> {
                JsonNode answer = platform.registryOperator(each)
                        .get("/api/v1/registry/credentials/" + id + "/history").expect(200);
                assertEquals(expected, types(answer), each.name() + ": " + answer);
                return answer;
            });
            assertEquals(id, history.path("credentialId").asText());
            assertEquals(body.id(), history.path("awardingBodyId").asText());
            for (JsonNode event : history.path("events")) {
                for (String field : List.of("id", "type", "source", "subject", "sequence", "time", "recordedAt",
                        "effectiveFrom")) {
                    assertFalse(event.path(field).asText().isBlank(), field + " of " + event);
                }
                assertTrue(event.path("kafka").path("topic").asText().startsWith("mc."), "topic of " + event);
            }
            JsonNode revocation = history.path("events").get(5);
            assertEquals(revokedFrom, Instant.parse(revocation.path("effectiveFrom").asText()), "retroactive: " + revocation);
            assertTrue(Instant.parse(revocation.path("recordedAt").asText()).isAfter(revokedFrom), "recorded later: " + revocation);
            assertEquals("Assessment fraud", revocation.path("data").path("reason").asText());
            assertFalse(revocation.path("actor").asText().isBlank(), "who revoked: " + revocation);
            assertEquals(id, revocation.path("subject").asText());
            assertEquals("mc.credentials.v1", revocation.path("kafka").path("topic").asText());
            JsonNode withdrawal = history.path("events").get(6);
            assertEquals(issuedAt.truncatedTo(ChronoUnit.MILLIS), Instant.parse(withdrawal.path("effectiveFrom").asText()),
                    "backdated: " + withdrawal);
            assertEquals(body.id(), withdrawal.path("subject").asText());
            assertEquals(401, each.http().get("/api/v1/registry/credentials/" + id + "/history").status(),
                    "the public sees no history");
        }
    }

    private static void accreditation(Platform platform, ServiceProcess registry, AwardingBody body, ObjectNode decision) {
        decision.put("qualityAssuranceAgency", "EKKA")
                .put("evidence", "https://www.eqar.eu/qa-results/report/" + UUID.randomUUID());
        platform.registryOperator(registry)
                .put("/api/v1/registry/awarding-bodies/" + body.id() + "/accreditation", decision).expect(200);
    }

    private static ObjectNode reason(String reason) {
        return JsonHttp.JSON.createObjectNode().put("reason", reason);
    }

    private static List<String> types(JsonNode history) {
        List<String> types = new ArrayList<>();
        history.path("events").forEach(event -> types.add(event.path("type").asText()));
        return types;
    }

    private static boolean listed(ServiceProcess registry, String awardingBody) {
        for (JsonNode known : registry.http().get("/api/v1/registry/awarding-bodies?country=" + COUNTRY).expect(200)) {
            if (awardingBody.equals(known.path("id").asText())) {
                return true;
            }
        }
        return false;
    }
}

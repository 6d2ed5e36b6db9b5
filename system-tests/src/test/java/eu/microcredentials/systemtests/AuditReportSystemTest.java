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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit report of a credential at both registry instances, through the built services: the awarding body
 * issues it, suspends it (with a reason that is markup), reinstates and revokes it through the issuer; each
 * registry's report, as JSON and as a printable HTML document, shows its whole life in the order recorded,
 * names the instance that made it, and escapes what the log says. The awarding body's report counts and lists
 * the same changes.
 */
@ExtendWith(RunningPlatform.class)
class AuditReportSystemTest {
    private static final Duration PROPAGATION = Duration.ofSeconds(30);
    /** How long a freshly started service may take to catch up with the topics. */
    private static final Duration CATCH_UP = Duration.ofSeconds(180);
    private static final String COUNTRY = "LV";
    private static final String HOSTILE_REASON = "Exam board review <script>alert('audit')</script>";
    private static final List<String> LIFE = List.of(
            "eu.microcredential.awardingbody.signingkey.added.v1",
            "eu.microcredential.accreditation.granted.v1",
            "eu.microcredential.credential.issued.v1",
            "eu.microcredential.credential.suspended.v1",
            "eu.microcredential.credential.reinstated.v1",
            "eu.microcredential.credential.revoked.v1");

    @Test
    void the_report_of_each_registry_instance_shows_the_whole_life_of_a_credential_in_order(Platform platform) {
        AwardingBody body = platform.registerAwardingBody(Requests.awardingBody("Latvijas Universitāte " + UUID.randomUUID(),
                COUNTRY));
        ServiceProcess registry = platform.registryA();
        Eventually.await(CATCH_UP, registry.name() + " knowing awarding body " + body.id(),
                () -> platform.registryOperator(registry)
                        .get("/api/v1/registry/awarding-bodies/" + body.id() + "/audit-report").expect(200));
        platform.registryOperator(registry).put("/api/v1/registry/awarding-bodies/" + body.id() + "/accreditation",
                JsonHttp.JSON.createObjectNode().put("status", "ACCREDITED").put("qualityAssuranceAgency", "AIC")
                        .put("evidence", "https://www.eqar.eu/qa-results/report/" + UUID.randomUUID())
                        .put("validFrom", Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()))
                .expect(200);

        ObjectNode credential = Requests.fullCredential(Requests.newLearnerId(), COUNTRY);
        JsonNode issued = body.issue(credential);
        String id = issued.path("id").asText();
        String path = "/api/v1/credentials/" + id + "/";
        body.issuer().post(path + "suspension", reason(HOSTILE_REASON)).expect(200);
        body.issuer().post(path + "reinstatement", reason("Review closed")).expect(200);
        body.issuer().post(path + "revocation", reason("Assessment fraud")).expect(200);

        Set<String> instances = new HashSet<>();
        for (ServiceProcess each : platform.registries()) {
            JsonHttp operator = platform.registryOperator(each);
            String reportPath = "/api/v1/registry/credentials/" + id + "/audit-report";
            JsonNode report = Eventually.await(PROPAGATION, each.name() + " reporting the whole life", () -> {
                JsonNode answer = operator.get(reportPath).expect(200);
                assertEquals(LIFE, texts(answer.path("life"), "type"), each.name() + ": " + answer.path("life"));
                // the history and the registry's own read model are projections of their own, each at its position
                assertEquals("REVOKED", answer.path("standing").path("status").asText(), "now: " + answer.path("standing"));
                return answer;
            });
            String instance = report.path("generated").path("instance").asText();
            assertFalse(instance.isBlank(), "the instance that made it: " + report.path("generated"));
            instances.add(instance);
            assertEquals("registry-service", report.path("generated").path("service").asText());
            assertFalse(report.path("generated").path("at").asText().isBlank(), "when it was made");
            assertEquals(id, report.path("credential").path("id").asText());
            assertEquals(body.id(), report.path("credential").path("awardingBodyId").asText());
            assertEquals(credential.path("title").asText(), report.path("credential").path("elements").path("title").asText(),
                    "its elements as issued");
            assertEquals(credential.path("learner").path("id").asText(), report.path("credential").path("learnerId").asText());
            JsonNode standing = report.path("standing");
            assertEquals("Assessment fraud", standing.path("latestChange").path("reason").asText());
            assertFalse(standing.path("verification").path("verified").asBoolean(true), "a revoked credential: " + standing);
            assertTrue(standing.has("supersededBy") && standing.path("supersededBy").isNull(), "no correction: " + standing);
            JsonNode life = report.path("life");
            List<String> recorded = texts(life, "recordedAt");
            assertEquals(recorded.stream().map(Instant::parse).sorted().map(Instant::toString).toList(),
                    recorded.stream().map(Instant::parse).map(Instant::toString).toList(), "oldest recorded first");
            assertEquals(HOSTILE_REASON, life.get(3).path("reason").asText());
            assertEquals("Review closed", life.get(4).path("reason").asText());
            assertEquals("Assessment fraud", life.get(5).path("reason").asText());
            for (JsonNode event : life) {
                for (String field : List.of("id", "type", "source", "subject", "time", "recordedAt", "effectiveFrom")) {
                    assertFalse(event.path(field).asText().isBlank(), field + " of " + event);
                }
                assertTrue(event.path("kafka").path("topic").asText().startsWith("mc."), "topic of " + event);
                assertTrue(event.path("kafka").has("partition") && event.path("kafka").has("offset"), "kafka of " + event);
                assertTrue(event.path("chain").has("hash") && event.path("chain").has("previousHash"), "chain of " + event);
            }
            assertFalse(life.get(3).path("actor").asText().isBlank(), "who suspended it");
            assertEquals("ACCREDITED", report.path("awardingBody").path("accreditation").path("status").asText());
            assertEquals(life.get(0).path("data").path("keyId").asText(),
                    report.path("credential").path("signingKeyId").asText(), "the key that signed it, from the log");
            assertTrue(texts(report.path("readModel").path("projections"), "name").containsAll(
                    List.of("registry", "history", "accreditations")), "read model positions: " + report.path("readModel"));
            assertFalse(report.path("readModel").path("lastEventAt").asText().isBlank(), "how current");

            JsonHttp.Answer document = operator.get(reportPath + "?format=html");
            assertEquals(200, document.status(), document.body());
            assertTrue(document.contentType().startsWith("text/html"), document.contentType());
            String html = document.body();
            assertFalse(html.toLowerCase().contains("<script"), "nothing the log says becomes a script");
            assertTrue(html.contains("Exam board review &lt;script&gt;alert(&#39;audit&#39;)&lt;/script&gt;"),
                    "the suspension's reason, escaped");
            int at = -1;
            for (JsonNode event : life) {
                int found = html.indexOf(event.path("id").asText(), at + 1);
                assertTrue(found > at, event.path("type").asText() + " shown after the event before it");
                at = found;
            }
            assertTrue(html.contains("REVOKED") && html.contains("Review closed") && html.contains("Assessment fraud"));

            JsonNode bodyReport = operator.get("/api/v1/registry/awarding-bodies/" + body.id() + "/audit-report").expect(200);
            assertEquals(List.of("SUSPENDED", "ACTIVE", "REVOKED"), texts(bodyReport.path("statusChanges").path("items"), "status"),
                    "every change of its credential: " + bodyReport.path("statusChanges"));
            assertEquals(List.of(HOSTILE_REASON, "Review closed", "Assessment fraud"),
                    texts(bodyReport.path("statusChanges").path("items"), "reason"));
            assertEquals(List.of(id), texts(bodyReport.path("credentials").path("items"), "id"));
            assertEquals(1, bodyReport.path("credentials").path("total").asInt());

            assertEquals(401, each.http().get(reportPath).status(), "the public gets no audit report");
        }
        assertEquals(2, instances.size(), "each report names the instance that made it: " + instances);
    }

    private static ObjectNode reason(String reason) {
        return JsonHttp.JSON.createObjectNode().put("reason", reason);
    }

    private static List<String> texts(JsonNode items, String field) {
        List<String> texts = new ArrayList<>();
        items.forEach(item -> texts.add(item.path(field).asText()));
        return texts;
    }
}

package eu.microcredentials.recognition.pathways;

import static eu.microcredentials.recognition.support.RecognitionApi.DEADLINE;
import static eu.microcredentials.recognition.support.RecognitionApi.OPERATOR_KEY;
import static eu.microcredentials.recognition.support.RecognitionApi.awaitDefinition;
import static eu.microcredentials.recognition.support.RecognitionApi.awardingBody;
import static eu.microcredentials.recognition.support.RecognitionApi.university;
import static eu.microcredentials.recognition.support.RecognitionApi.awaitStatus;
import static eu.microcredentials.recognition.support.RecognitionApi.issue;
import static eu.microcredentials.testsupport.ContractEvents.credential;
import static eu.microcredentials.testsupport.ContractEvents.envelope;
import static eu.microcredentials.testsupport.ContractEvents.newId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.EventJson;
import eu.microcredentials.events.EventType;
import eu.microcredentials.events.KafkaCloudEvents;
import eu.microcredentials.events.Topic;
import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.events.data.CredentialReinstated;
import eu.microcredentials.events.data.CredentialRevoked;
import eu.microcredentials.events.data.CredentialSuspended;
import eu.microcredentials.events.data.PathwayCompleted;
import eu.microcredentials.events.data.PathwayCompletionWithdrawn;
import eu.microcredentials.events.data.PathwayDefined;
import eu.microcredentials.recognition.support.ContractKafkaTest;
import eu.microcredentials.recognition.support.RecognitionApi.Organisation;
import eu.microcredentials.testsupport.ContractEvents;
import eu.microcredentials.testsupport.Eventually;
import eu.microcredentials.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Learning pathways on real Kafka and PostgreSQL: progress computed from the held credentials, a completion published
 * exactly once on mc.pathways.v1 with the stacked credential's content, withdrawn when a part no longer counts and
 * restored when a suspension is lifted.
 */
@QuarkusTest
class PathwaysTest extends ContractKafkaTest {
    static final String SKILL = "http://data.europa.eu/esco/skill/f1a0cd4e-4d4b-4f9b-9b5c-0cda3c5a8c0f";

    @Inject
    Pool pool;

    static Map<String, Object> target() {
        return Map.of("title", "Responsible Data Science", "issuerCountries", List.of("NL"),
                "learningOutcomes", List.of(Map.of("description", "Design a data-driven system responsibly",
                        "escoSkill", SKILL)),
                "workload", Map.of("ects", 6, "hours", 168), "level", Map.of("eqf", 7, "qfEhea", "SECOND_CYCLE"),
                "assessment", Map.of("type", "PORTFOLIO"), "participation", Map.of("form", "ONLINE"),
                "qualityAssurance", Map.of("type", "EXTERNAL", "description", "NVAO"));
    }

    static Map<String, Object> pathway(String awardingBody) {
        return Map.of("awardingBodyId", awardingBody, "autoIssue", true,
                "onPartRevoked", "REVOKE", "target", target(), "requirements", Map.of("minTotalEcts", 5,
                        "minCount", 2, "minEqfLevel", 6, "requiredEscoSkills", List.of(SKILL),
                        "allowedAwardingBodyIds", List.of(awardingBody)));
    }

    /** Defines the pathway with the key of the awarding body's organisation, and waits until the read model shows it. */
    static String define(String awardingBody) {
        String id = given().header("Authorization", awardingBody(awardingBody).bearer()).contentType(ContentType.JSON)
                .body(pathway(awardingBody)).when().post("/api/v1/pathways").then().statusCode(201).extract().path("id");
        awaitDefinition("/api/v1/pathways/{id}", id);
        return id;
    }

    @Test
    void only_the_awarding_body_defines_its_pathways() {
        String body = newId();
        Organisation own = awardingBody(body);
        given().contentType(ContentType.JSON).body(pathway(body)).when().post("/api/v1/pathways")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", awardingBody(newId()).bearer()).contentType(ContentType.JSON).body(pathway(body))
                .when().post("/api/v1/pathways").then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", university().bearer()).contentType(ContentType.JSON).body(pathway(body))
                .when().post("/api/v1/pathways").then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + OPERATOR_KEY).contentType(ContentType.JSON).body(pathway(body))
                .when().post("/api/v1/pathways").then().statusCode(403);
        assertEquals(0, pool.preparedQuery("SELECT count(*) AS n FROM event_store WHERE awarding_body_id = $1 "
                + "AND stream_type = 'pathway'")
                .execute(Tuple.of(body)).await().atMost(DEADLINE).iterator().next().getLong("n"));
        String id = given().header("Authorization", own.bearer()).contentType(ContentType.JSON).body(pathway(body))
                .when().post("/api/v1/pathways").then().statusCode(201).body("organisationId", equalTo(own.id()))
                .extract().path("id");
        try (TopicReader reader = new TopicReader(bootstrapServers(), Topic.PATHWAYS.topicName())) {
            EventEnvelope defined = KafkaCloudEvents.fromRecord(reader.await(r -> id.equals(r.key()), DEADLINE));
            assertEquals(EventType.PATHWAY_DEFINED, defined.type());
            assertEquals(body, ((PathwayDefined) defined.decode()).awardingBodyId());
        }
    }

    @Test
    void a_pathway_defined_after_learners_meet_it_completes_for_them_at_once_and_only_once() {
        String body = newId();
        String learner = "did:example:" + newId();
        String notYet = "did:example:" + newId();
        String first = newId();
        String second = newId();
        issue(kafka, first, body, learner, "NL", "3");
        EventEnvelope secondIssued = envelope(credential(second, body, learner, "NL", new BigDecimal("3")), 1, body, "NL");
        kafka.publish(secondIssued);
        awaitStatus(second, "ACTIVE");
        issue(kafka, newId(), body, notYet, "NL", "3");

        String pathway = define(body);
        // completed in the transaction that defined the pathway: no credential event came after it
        JsonPath progress = progressOn(learner, pathway);
        assertEquals("HOLDING", progress.getString("completion.status"));
        assertEquals(List.of(first, second), progress.getList("completion.partCredentialIds"));
        assertNull(progressOn(notYet, pathway).get("completion"));
        String completionId = progress.getString("completion.completionId");
        try (TopicReader reader = new TopicReader(bootstrapServers(), Topic.PATHWAYS.topicName())) {
            PathwayCompleted completed = (PathwayCompleted) KafkaCloudEvents.fromRecord(
                    reader.await(r -> completionId.equals(r.key()), DEADLINE)).decode();
            assertEquals(List.of(first, second), completed.partCredentialIds());
            assertEquals("Ada", completed.learner().givenName());
        }

        // a credential event of the learner afterwards (a redelivery, a further credential) completes nothing again
        kafka.publish(secondIssued);
        issue(kafka, newId(), body, learner, "NL", "3");
        // a later event of the redelivered credential's stream as a sync point (the rest still meets the pathway)
        kafka.publish(envelope(new CredentialSuspended(second, body, "check", "operator", Instant.now()), 2, body, "NL"));
        awaitStatus(second, "SUSPENDED");
        assertEquals("HOLDING", progressOn(learner, pathway).getString("completion.status"));
        assertEquals(1, eventsOf(completionId, EventType.PATHWAY_COMPLETED));
        assertEquals(1, pool.preparedQuery("SELECT count(*) AS n FROM pathway_completion WHERE pathway_id = $1 "
                        + "AND learner_id = $2").execute(Tuple.of(pathway, learner)).await().atMost(DEADLINE)
                .iterator().next().getLong("n"));
    }

    @Test
    void credentials_arriving_while_a_pathway_is_defined_complete_it_once_for_each_learner() {
        String body = newId();
        List<String> learners = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String learner = "did:example:" + newId();
            learners.add(learner);
            issue(kafka, newId(), body, learner, "NL", "3");
        }
        Organisation own = awardingBody(body);
        // the learners' second credentials go out while the pathway is being defined: either the definition's look
        // back or the reaction to the credential completes each learner, never both, never neither
        for (String learner : learners) {
            kafka.publish(envelope(credential(newId(), body, learner, "NL", new BigDecimal("3")), 1, body, "NL"));
        }
        String pathway = given().header("Authorization", own.bearer()).contentType(ContentType.JSON)
                .body(pathway(body)).when().post("/api/v1/pathways").then().statusCode(201).extract().path("id");
        awaitDefinition("/api/v1/pathways/{id}", pathway);
        for (String learner : learners) {
            awaitCompletion(learner, pathway, "HOLDING");
            assertEquals(1, progressOn(learner, pathway).getInt("completion.number"));
        }
        assertEquals(learners.size(), pool.preparedQuery("""
                        SELECT count(*) AS n FROM event_store WHERE event_type = $1 AND stream_id IN
                        (SELECT completion_id FROM pathway_completion WHERE pathway_id = $2)""")
                .execute(Tuple.of(EventType.PATHWAY_COMPLETED.type(), pathway)).await().atMost(DEADLINE).iterator().next()
                .getLong("n"));
    }

    @Test
    void a_bad_pathway_is_refused_naming_every_bad_field() {
        given().header("Authorization", awardingBody(newId()).bearer()).contentType(ContentType.JSON).body(Map.of("onPartRevoked", "IGNORE", "autoIssue", "yes",
                        "target", Map.of("learningOutcomes", List.of(Map.of("escoSkill", "https://example.org/x")),
                                "workload", Map.of("ects", 0), "level", Map.of("eqf", 9),
                                "assessment", Map.of(), "participation", Map.of("form", "ONLINE")),
                        "requirements", Map.of("minCount", 0)))
                .when().post("/api/v1/pathways")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/awardingBodyId", "/autoIssue", "/onPartRevoked",
                        "/target/title", "/target/learningOutcomes/0/description",
                        "/target/learningOutcomes/0/escoSkill", "/target/workload/ects", "/target/level/eqf",
                        "/target/assessment/type", "/target/qualityAssurance", "/requirements/minCount",
                        "/requirements"));
    }

    @Test
    void a_pathway_is_defined_and_read_back() {
        String body = newId();
        String id = define(body);
        given().when().get("/api/v1/pathways/{id}", id).then().statusCode(200)
                .body("awardingBodyId", equalTo(body))
                .body("target.title", equalTo("Responsible Data Science"))
                .body("target.level.eqf", equalTo(7))
                .body("requirements.minCount", equalTo(2))
                .body("autoIssue", equalTo(true))
                .body("onPartRevoked", equalTo("REVOKE"));
        given().when().get("/api/v1/pathways/{id}", newId()).then().statusCode(404);
    }

    @Test
    void a_completed_pathway_is_published_once_withdrawn_with_a_part_and_restored_when_the_suspension_is_lifted() {
        String body = newId();
        String learner = "did:example:" + newId();
        String pathway = define(body);
        String first = newId();
        String second = newId();
        issue(kafka, first, body, learner, "NL", "3");
        JsonPath progress = progressOn(learner, pathway);
        assertEquals(false, progress.getBoolean("complete"));
        assertEquals(List.of(first), progress.getList("countingCredentialIds"));
        assertEquals(List.of("2 more ECTS (3 of 5)", "1 more credential(s) (1 of 2)"), progress.getList("missing"));
        assertNull(progress.get("completion"));

        EventEnvelope secondIssued = envelope(credential(second, body, learner, "NL", new BigDecimal("3")), 1, body, "NL");
        kafka.publish(secondIssued);
        awaitCompletion(learner, pathway, "HOLDING");
        progress = progressOn(learner, pathway);
        assertEquals(true, progress.getBoolean("complete"));
        assertEquals(List.of(), progress.getList("missing"));
        String completionId = progress.getString("completion.completionId");
        assertEquals(1, progress.getInt("completion.number"));

        try (TopicReader reader = new TopicReader(bootstrapServers(), Topic.PATHWAYS.topicName())) {
            EventEnvelope completed = KafkaCloudEvents.fromRecord(reader.await(r -> completionId.equals(r.key()), DEADLINE));
            assertEquals(EventType.PATHWAY_COMPLETED, completed.type());
            assertEquals(body, completed.awardingBody());
            PathwayCompleted data = (PathwayCompleted) completed.decode();
            assertEquals(pathway, data.pathwayId());
            assertEquals(learner, data.learner().id());
            assertEquals("Ada", data.learner().givenName());
            assertEquals("Responsible Data Science", data.target().title());
            assertEquals(0, new BigDecimal("6").compareTo(data.target().workload().ects()));
            assertEquals(List.of(first, second), data.partCredentialIds());
            assertTrue(data.autoIssue());
            assertEquals("REVOKE", data.onPartRevoked());

            // the same issuance delivered again, then a later change of the learner as a sync point: still one completion
            kafka.publish(secondIssued);
            kafka.publish(envelope(new CredentialSuspended(first, body, "investigation", "operator", Instant.now()), 2,
                    body, "NL"));
            awaitCompletion(learner, pathway, "WITHDRAWN");
            assertEquals(1, eventsOf(completionId, EventType.PATHWAY_COMPLETED));
            ConsumerRecord<String, byte[]> withdrawal = reader.await(r -> completionId.equals(r.key())
                    && KafkaCloudEvents.fromRecord(r).type() == EventType.PATHWAY_COMPLETION_WITHDRAWN, DEADLINE);
            PathwayCompletionWithdrawn withdrawn = (PathwayCompletionWithdrawn) KafkaCloudEvents.fromRecord(withdrawal).decode();
            assertEquals(first, withdrawn.causeCredentialId());
            assertEquals("SUSPENDED", withdrawn.cause());
            assertEquals("REVOKE", withdrawn.onPartRevoked());
            assertEquals(2, KafkaCloudEvents.fromRecord(withdrawal).sequence());

            kafka.publish(envelope(new CredentialReinstated(first, body, "cleared", "operator", Instant.now()), 3, body,
                    "NL"));
            awaitCompletion(learner, pathway, "HOLDING");
            reader.await(r -> completionId.equals(r.key())
                    && KafkaCloudEvents.fromRecord(r).type() == EventType.PATHWAY_COMPLETION_RESTORED, DEADLINE);
            assertEquals(completionId, progressOn(learner, pathway).getString("completion.completionId"));
        }
    }

    @Test
    void after_a_revocation_the_completion_is_withdrawn_for_good_and_a_new_credential_completes_the_pathway_again() {
        String body = newId();
        String learner = "did:example:" + newId();
        String pathway = define(body);
        String first = newId();
        String second = newId();
        issue(kafka, first, body, learner, "NL", "3");
        issue(kafka, second, body, learner, "NL", "3");
        awaitCompletion(learner, pathway, "HOLDING");
        String firstCompletion = progressOn(learner, pathway).getString("completion.completionId");

        kafka.publish(envelope(new CredentialRevoked(second, body, "fraud", Instant.now(), "operator", null,
                Instant.now()), 2, body, "NL"));
        awaitCompletion(learner, pathway, "WITHDRAWN");
        assertEquals("REVOKED", progressOn(learner, pathway).getString("completion.cause"));

        issue(kafka, newId(), body, learner, "NL", "2");
        awaitCompletion(learner, pathway, "HOLDING");
        JsonPath again = progressOn(learner, pathway);
        assertEquals(2, again.getInt("completion.number"));
        assertTrue(!firstCompletion.equals(again.getString("completion.completionId")));
        assertEquals(1, eventsOf(again.getString("completion.completionId"), EventType.PATHWAY_COMPLETED));
    }

    @Test
    void a_stacked_credential_naming_its_pathway_completion_never_counts_towards_its_own_pathway() {
        stackedCredentialDoesNotCount((issued, completion) -> ContractEvents.stacked(issued,
                completion.pathwayId(), completion.completionId(), completion.partCredentialIds()));
    }

    @Test
    void a_stacked_credential_naming_its_parts_only_in_the_signed_credential_never_counts_towards_its_own_pathway() {
        stackedCredentialDoesNotCount((issued, completion) -> ContractEvents.signed(issued,
                compactJws(Map.of("hasPart", completion.partCredentialIds().stream().map(id -> "urn:uuid:" + id).toList())),
                "key-1", issued.issuedAt()));
    }

    /** A stacked credential of the pathway (EQF 7, 6 ECTS, its skill, from the allowed body) issued as {@code stacked} says. */
    private void stackedCredentialDoesNotCount(
            BiFunction<CredentialIssued, CredentialIssued.PathwayCompletion, CredentialIssued> stacked) {
        String body = newId();
        String learner = "did:example:" + newId();
        String pathway = define(body);
        String first = newId();
        String second = newId();
        issue(kafka, first, body, learner, "NL", "3");
        issue(kafka, second, body, learner, "NL", "3");
        awaitCompletion(learner, pathway, "HOLDING");
        String completionId = progressOn(learner, pathway).getString("completion.completionId");
        String stackedId = newId();
        kafka.publish(envelope(stacked.apply(credential(stackedId, body, learner, "NL", new BigDecimal("6")),
                new CredentialIssued.PathwayCompletion(pathway, completionId, List.of(first, second))), 1, body, "NL"));
        awaitStatus(stackedId, "ACTIVE");
        assertEquals(List.of(first, second), progressOn(learner, pathway).getList("countingCredentialIds"));
        given().when().get("/api/v1/held-credentials/{id}", stackedId).then().statusCode(200)
                .body("pathwayCompletion.status", equalTo("HOLDING"))
                .body("flagged", equalTo(false));

        kafka.publish(envelope(new CredentialRevoked(first, body, "fraud", Instant.now(), "operator", null,
                Instant.now()), 2, body, "NL"));
        awaitCompletion(learner, pathway, "WITHDRAWN");
        assertEquals(List.of(second), progressOn(learner, pathway).getList("countingCredentialIds"));
        // the completion it was issued for no longer holds: recognition flags the stacked credential
        given().when().get("/api/v1/held-credentials/{id}", stackedId).then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("stackedOnPathwayId", equalTo(pathway))
                .body("pathwayCompletion.completionId", equalTo(completionId))
                .body("pathwayCompletion.status", equalTo("WITHDRAWN"))
                .body("pathwayCompletion.cause", equalTo("REVOKED"))
                .body("flagged", equalTo(true));
    }

    private static String compactJws(Map<String, Object> payload) {
        try {
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
            return base64.encodeToString("{\"alg\":\"ES256\",\"typ\":\"vc+jwt\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + base64.encodeToString(EventJson.mapper().writeValueAsBytes(payload)) + "."
                    + base64.encodeToString("signature".getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The learner's progress on one pathway, as GET /api/v1/learners/{learnerId}/pathways lists it. */
    private static JsonPath progressOn(String learner, String pathway) {
        List<Map<String, Object>> all = given().when().get("/api/v1/learners/{learner}/pathways", learner)
                .then().statusCode(200).extract().jsonPath().getList("");
        Map<String, Object> one = all.stream().filter(p -> pathway.equals(p.get("pathwayId"))).findFirst()
                .orElseThrow(() -> new AssertionError("pathway " + pathway + " not listed"));
        try {
            return JsonPath.from(EventJson.mapper().writeValueAsString(one));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitCompletion(String learner, String pathway, String status) {
        Eventually.await(DEADLINE, () -> assertEquals(status, progressOn(learner, pathway).getString("completion.status")));
    }

    private long eventsOf(String streamId, EventType type) {
        return pool.preparedQuery("SELECT count(*) AS n FROM event_store WHERE stream_id = $1 AND event_type = $2")
                .execute(Tuple.of(streamId, type.type())).await().atMost(DEADLINE).iterator().next().getLong("n");
    }
}

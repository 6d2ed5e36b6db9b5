package eu.microcredentials.issuer.stacking;

import static eu.microcredentials.issuer.support.IssuerApi.asOperator;
import static eu.microcredentials.issuer.support.IssuerApi.fullCredential;
import static eu.microcredentials.issuer.support.IssuerApi.issueCredential;
import static eu.microcredentials.issuer.support.IssuerApi.newLearner;
import static eu.microcredentials.issuer.support.IssuerApi.registerAwardingBody;
import static eu.microcredentials.issuer.support.VerifiableCredentials.activeKey;
import static eu.microcredentials.issuer.support.VerifiableCredentials.payload;
import static eu.microcredentials.issuer.support.VerifiableCredentials.verifies;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.EventJson;
import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.events.data.EventData;
import eu.microcredentials.events.data.PathwayCompleted;
import eu.microcredentials.events.data.PathwayCompletionRestored;
import eu.microcredentials.events.data.PathwayCompletionWithdrawn;
import eu.microcredentials.events.data.QualityAssurance;
import eu.microcredentials.issuer.support.IssuerApi;
import eu.microcredentials.issuer.support.IssuerApi.AwardingBody;
import eu.microcredentials.testsupport.ContractEvents;
import eu.microcredentials.testsupport.ContractProducer;
import eu.microcredentials.testsupport.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pathway completions from recognition-service, on real Kafka and PostgreSQL: a completion whose
 * awarding body asked for it issues the stacked credential (signed with the body's key, naming its
 * parts) exactly once, however often the completion is delivered; a withdrawn completion revokes or
 * suspends it as the pathway's policy says, a restored one reinstates what it suspended. Every event
 * goes to one partition, so a later one consumed means the earlier ones were.
 */
@QuarkusTest
class StackedCredentialsIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Duration DB_DEADLINE = Duration.ofSeconds(10);
    private static final int PARTITION = 0;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private ContractProducer producer;
    private AwardingBody body;
    private String learner;
    private List<String> parts;
    private final String pathway = UUID.randomUUID().toString();

    @BeforeEach
    void twoCredentialsOfALearner() {
        producer = new ContractProducer(bootstrapServers);
        body = registerAwardingBody("PT");
        learner = newLearner();
        parts = List.of(issueCredential(body, fullCredential(learner)), issueCredential(body, fullCredential(learner)));
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    private PathwayCompleted completion(String completionId, boolean autoIssue, String onPartRevoked) {
        return completion(completionId, body.id(), learner, autoIssue, onPartRevoked);
    }

    private PathwayCompleted completion(String completionId, String awardingBody, String learnerId, boolean autoIssue,
                                        String onPartRevoked) {
        return new PathwayCompleted(completionId, pathway, 1, awardingBody,
                new CredentialIssued.Learner(learnerId, "Ana", "Silva", LocalDate.parse("1999-04-02")),
                autoIssue, onPartRevoked,
                new PathwayCompleted.StackedCredential("Data Science (stacked)", List.of("PT"),
                        List.of(new CredentialIssued.LearningOutcome("Run a data science project end to end", null)),
                        new CredentialIssued.Workload(new BigDecimal("6"), 150),
                        new CredentialIssued.Level(6, "FIRST_CYCLE"),
                        new CredentialIssued.Assessment("PORTFOLIO", "The portfolio of the parts"),
                        new CredentialIssued.Participation("BLENDED", null),
                        new QualityAssurance("EXTERNAL", "A3ES"), null, null,
                        new CredentialIssued.Stackability(true, "Stacked from two micro-credentials"), null),
                parts, Instant.now());
    }

    private PathwayCompletionWithdrawn withdrawal(String completionId, String cause, String onPartRevoked) {
        return new PathwayCompletionWithdrawn(completionId, pathway, body.id(), learner, parts.get(0), cause,
                UUID.randomUUID().toString(), onPartRevoked, "The remaining credentials no longer meet the pathway",
                Instant.now());
    }

    /** Publishes to the one partition of these tests, with a new event id. */
    private EventEnvelope publish(EventData data, long sequence) {
        EventEnvelope event = ContractEvents.envelope(data, sequence, body.id(), "PT");
        producer.publish(event, PARTITION);
        return event;
    }

    /** The same event once more: the same id, subject and sequence. */
    private void publishAgain(EventEnvelope event) {
        producer.publish(event, PARTITION);
    }

    /** Publishes an event as another producer would re-publish it: the same data under a new event id. */
    private void republish(EventData data, long sequence) {
        publish(data, sequence);
    }

    private String stackedOf(String completionId) {
        return StackedCredentials.credentialOf(completionId).toString();
    }

    private Response stacked(String completionId) {
        return asOperator().when().get("/api/v1/credentials/{id}", stackedOf(completionId));
    }

    private JsonNode awaitStacked(String completionId, String status) {
        List<JsonNode> seen = new ArrayList<>();
        Eventually.await(DEADLINE, () -> {
            Response response = stacked(completionId);
            assertEquals(200, response.statusCode(), "the stacked credential of " + completionId + " is issued");
            JsonNode view = EventJson.mapper().readTree(response.asString());
            assertEquals(status, view.path("status").asText(), view.toString());
            seen.add(0, view);
        });
        return seen.get(0);
    }

    /**
     * A completion (of another learner) published after the events before it, on the same partition:
     * once its stacked credential is issued, they were all consumed.
     */
    private void awaitConsumed() {
        String marker = UUID.randomUUID().toString();
        publish(completion(marker, body.id(), newLearner(), true, "FLAG"), 1);
        awaitStacked(marker, "ACTIVE");
    }

    private long eventsOf(String streamId) {
        return pool.preparedQuery("SELECT count(*) AS events FROM event_store WHERE stream_id = $1")
                .execute(Tuple.of(streamId)).await().atMost(DB_DEADLINE).iterator().next().getLong("events");
    }

    private long credentialsIssuedFor(String learnerId) {
        return pool.preparedQuery("""
                        SELECT count(*) AS issued FROM event_store
                        WHERE event_type = 'eu.microcredential.credential.issued.v1' AND data -> 'learner' ->> 'id' = $1""")
                .execute(Tuple.of(learnerId)).await().atMost(DB_DEADLINE).iterator().next().getLong("issued");
    }

    @Test
    void a_completion_delivered_again_and_published_again_issues_the_stacked_credential_exactly_once() {
        String completionId = UUID.randomUUID().toString();
        PathwayCompleted completed = completion(completionId, true, "REVOKE");

        EventEnvelope first = publish(completed, 1);
        publishAgain(first);
        republish(completed, 1);
        // as if recognition-service recorded the same completion again, further along its stream
        republish(completed, 2);
        awaitConsumed();

        JsonNode view = awaitStacked(completionId, "ACTIVE");
        assertEquals(1, eventsOf(stackedOf(completionId)), "one issued event for the stacked credential");
        assertEquals(parts.size() + 1, credentialsIssuedFor(learner), "the parts and one stacked credential");

        assertEquals(body.id(), view.path("awardingBodyId").asText());
        assertEquals(parts, texts(view.path("hasPart")));
        JsonNode credential = view.path("credential");
        assertEquals("Data Science (stacked)", credential.path("title").asText());
        assertEquals(learner, credential.path("learner").path("id").asText());
        assertEquals(0, new BigDecimal("6").compareTo(credential.path("workload").path("ects").decimalValue()));
        assertEquals(OffsetDateTime.now(ZoneOffset.UTC).toLocalDate().toString(), credential.path("issuedOn").asText());
        // the event names the completion it was issued for and its parts (read back from the event store)
        JsonNode stackedOn = credential.path("pathwayCompletion");
        assertEquals(pathway, stackedOn.path("pathwayId").asText(), credential.toString());
        assertEquals(completionId, stackedOn.path("completionId").asText());
        assertEquals(parts, texts(stackedOn.path("partCredentialIds")));

        // signed as usual, saying what it is made of
        String jwt = view.path("verifiableCredential").asText();
        assertTrue(verifies(jwt, activeKey(body.id()).publicKey()), "signed with the awarding body's key");
        JsonNode vc = payload(jwt);
        assertEquals("urn:uuid:" + stackedOf(completionId), vc.path("id").asText());
        assertEquals(parts.stream().map(part -> "urn:uuid:" + part).toList(), texts(vc.path("hasPart")));

        // found by its completion, by its awarding body and operators only
        body.request().when().get("/api/v1/pathway-completions/{id}/stacked-credential", completionId)
                .then().statusCode(200).body("id", equalTo(stackedOf(completionId)))
                .body("hasPart", equalTo(parts));
        registerAwardingBody("PT").request().when().get("/api/v1/pathway-completions/{id}/stacked-credential",
                completionId).then().statusCode(403);
    }

    @Test
    void without_auto_issue_nothing_is_issued() {
        String completionId = UUID.randomUUID().toString();

        publish(completion(completionId, false, "REVOKE"), 1);
        awaitConsumed();

        assertEquals(404, stacked(completionId).statusCode());
        asOperator().when().get("/api/v1/pathway-completions/{id}/stacked-credential", completionId)
                .then().statusCode(404).contentType(IssuerApi.PROBLEM_JSON);
        assertEquals(0, eventsOf(stackedOf(completionId)));
    }

    @Test
    void a_completion_naming_an_awarding_body_unknown_here_is_dead_lettered_and_the_next_ones_go_on() {
        String completionId = UUID.randomUUID().toString();

        publish(completion(completionId, UUID.randomUUID().toString(), learner, true, "REVOKE"), 1);
        awaitConsumed();

        assertEquals(0, eventsOf(stackedOf(completionId)));
    }

    @Test
    void under_the_policy_revoke_a_revoked_part_revokes_the_stacked_credential_once_naming_the_cause() {
        String completionId = UUID.randomUUID().toString();
        publish(completion(completionId, true, "REVOKE"), 1);
        awaitStacked(completionId, "ACTIVE");

        EventEnvelope withdrawn = publish(withdrawal(completionId, "REVOKED", "REVOKE"), 2);
        publishAgain(withdrawn);
        republish(withdrawal(completionId, "REVOKED", "REVOKE"), 3);
        awaitConsumed();

        JsonNode view = awaitStacked(completionId, "REVOKED");
        JsonNode history = view.path("statusHistory");
        assertEquals(1, history.size(), "revoked once: " + history);
        assertEquals("pathway:" + pathway, history.get(0).path("actor").asText());
        String reason = history.get(0).path("reason").asText();
        assertTrue(reason.contains("its part " + parts.get(0) + " was revoked"), reason);
        assertTrue(reason.contains("no longer meet the pathway"), reason);
        assertEquals(2, eventsOf(stackedOf(completionId)));
    }

    @Test
    void under_the_policy_flag_the_stacked_credential_stays_active() {
        String completionId = UUID.randomUUID().toString();
        publish(completion(completionId, true, "FLAG"), 1);
        awaitStacked(completionId, "ACTIVE");

        publish(withdrawal(completionId, "REVOKED", "FLAG"), 2);
        awaitConsumed();

        assertEquals("ACTIVE", stacked(completionId).path("status"));
        assertEquals(1, eventsOf(stackedOf(completionId)));
    }

    @Test
    void a_suspended_part_suspends_the_stacked_credential_and_the_restored_completion_reinstates_it() {
        String completionId = UUID.randomUUID().toString();
        publish(completion(completionId, true, "REVOKE"), 1);
        awaitStacked(completionId, "ACTIVE");

        publish(withdrawal(completionId, "SUSPENDED", "REVOKE"), 2);
        JsonNode suspended = awaitStacked(completionId, "SUSPENDED");
        assertTrue(suspended.path("statusHistory").get(0).path("reason").asText()
                .contains("its part " + parts.get(0) + " was suspended"), suspended.toString());

        EventEnvelope restored = publish(new PathwayCompletionRestored(completionId, pathway, body.id(), learner,
                parts.get(0), UUID.randomUUID().toString(), parts, "The suspension was lifted", Instant.now()), 3);
        publishAgain(restored);
        awaitConsumed();

        JsonNode view = awaitStacked(completionId, "ACTIVE");
        assertEquals(List.of("SUSPENDED", "ACTIVE"), texts(view.path("statusHistory"), "status"));
        assertEquals(3, eventsOf(stackedOf(completionId)), "issued, suspended and reinstated once each");
    }

    @Test
    void a_restored_completion_does_not_reinstate_what_the_awarding_body_suspended_itself() {
        String completionId = UUID.randomUUID().toString();
        publish(completion(completionId, true, "REVOKE"), 1);
        awaitStacked(completionId, "ACTIVE");
        asOperator().contentType("application/json").body("{\"reason\":\"Under investigation\"}")
                .when().post("/api/v1/credentials/{id}/suspension", stackedOf(completionId)).then().statusCode(200);

        publish(new PathwayCompletionRestored(completionId, pathway, body.id(), learner, parts.get(0),
                UUID.randomUUID().toString(), parts, "Nothing of the pathway's doing", Instant.now()), 2);
        awaitConsumed();

        assertEquals("SUSPENDED", stacked(completionId).path("status"));
    }

    @Test
    void each_completion_has_a_stacked_credential_of_its_own() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();

        publish(completion(first, true, "REVOKE"), 1);
        publish(completion(second, true, "REVOKE"), 1);

        assertNotEquals(awaitStacked(first, "ACTIVE").path("id").asText(), awaitStacked(second, "ACTIVE").path("id").asText());
        assertEquals(parts.size() + 2, credentialsIssuedFor(learner));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.path(field).asText()));
        return texts;
    }
}

package eu.microcredentials.issuer.stacking;

import static eu.microcredentials.issuer.stacking.StackingAgreementsIT.enableStacking;
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
 * Pathway completions from recognition-service, on real Kafka and PostgreSQL: a completion of a pathway its
 * awarding body enabled, on the terms it pinned, issues the stacked credential (signed with the body's key, naming
 * its parts) exactly once, however often the completion is delivered; a withdrawn completion revokes or suspends it
 * as the pathway's policy says, a restored one reinstates what it suspended. Every event goes to one partition, so a
 * later one consumed means the earlier ones were. Anything else is refused, once, with every reason, and nothing
 * is issued: a pathway the body did not enable (or disabled), a target other than the terms it pinned, a part that
 * is unknown, of another learner, or not active at the completion's time.
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
    void twoCredentialsOfALearnerAndThePathwayEnabled() {
        producer = new ContractProducer(bootstrapServers);
        body = registerAwardingBody("PT");
        learner = newLearner();
        parts = List.of(issueCredential(body, fullCredential(learner)), issueCredential(body, fullCredential(learner)));
        enableStacking(body, pathway, "Data Science (stacked)", 6, "6").then().statusCode(200);
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
     * A completion (of another learner, so refused) published after the events before it, on the same partition:
     * once the issuer decided it, they were all consumed.
     */
    private void awaitConsumed() {
        awaitDecided(publish(completion(UUID.randomUUID().toString(), body.id(), newLearner(), true, "FLAG"), 1)
                .subject());
    }

    /** What the issuer decided on a completion, once it did. */
    private JsonNode awaitDecided(String completionId) {
        List<JsonNode> seen = new ArrayList<>();
        Eventually.await(DEADLINE, () -> {
            Response response = body.request().when().get("/api/v1/pathway-completions/{id}/stacking", completionId);
            assertEquals(200, response.statusCode(), "the issuer decided on " + completionId);
            seen.add(0, EventJson.mapper().readTree(response.asString()));
        });
        return seen.get(0);
    }

    /** The issuer refused the completion, for exactly these reasons (codes), and issued nothing for it. */
    private JsonNode assertRefused(String completionId, String... codes) {
        JsonNode decision = awaitDecided(completionId);
        assertEquals("REFUSED", decision.path("outcome").asText(), decision.toString());
        assertEquals(List.of(codes), texts(decision.path("reasons"), "code"), decision.toString());
        assertEquals(0, eventsOf(stackedOf(completionId)), "nothing issued for " + completionId);
        assertEquals(1, eventsOf(completionId), "one refusal recorded for " + completionId);
        return decision;
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
        assertEquals("pathway:" + pathway, pool.preparedQuery("SELECT data ->> 'actor' AS actor FROM event_store "
                        + "WHERE stream_id = $1").execute(Tuple.of(stackedOf(completionId))).await().atMost(DB_DEADLINE)
                .iterator().next().getString("actor"), "issued on the pathway's behalf");

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
    void an_id_naming_another_stream_of_the_issuer_has_no_decision() {
        asOperator().when().get("/api/v1/pathway-completions/{id}/stacking", parts.get(0))
                .then().statusCode(404).contentType(IssuerApi.PROBLEM_JSON);
        asOperator().when().get("/api/v1/pathway-completions/{id}/stacked-credential", body.id())
                .then().statusCode(404).contentType(IssuerApi.PROBLEM_JSON);
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

    @Test
    void a_completion_of_a_pathway_its_awarding_body_did_not_enable_is_refused_once_and_nothing_is_issued() {
        String completionId = UUID.randomUUID().toString();
        PathwayCompleted forged = new PathwayCompleted(completionId, "pathway-defined-by-anyone", 1, body.id(),
                completion(completionId, true, "REVOKE").learner(), true, "REVOKE",
                completion(completionId, true, "REVOKE").target(), parts, Instant.now());

        EventEnvelope first = publish(forged, 1);
        publishAgain(first);
        republish(forged, 2);
        awaitConsumed();

        JsonNode decision = assertRefused(completionId, "PATHWAY_NOT_ENABLED");
        assertEquals(body.id(), decision.path("awardingBodyId").asText());
        assertEquals("pathway-defined-by-anyone", decision.path("pathwayId").asText());
        assertEquals(parts.size(), credentialsIssuedFor(learner), "the parts only");
        // the stacked credential is not there, and the answer says why
        body.request().when().get("/api/v1/pathway-completions/{id}/stacked-credential", completionId)
                .then().statusCode(404).contentType(IssuerApi.PROBLEM_JSON)
                .body("type", equalTo("https://microcredentials.eu/problems/stacking-refused"))
                .body("outcome", equalTo("REFUSED"))
                .body("reasons[0].code", equalTo("PATHWAY_NOT_ENABLED"));
        // the refusal is an event of the issuer's log, published like every other
        assertEquals("eu.microcredential.pathway.stacking.refused.v1", pool.preparedQuery(
                        "SELECT event_type FROM event_store WHERE stream_id = $1").execute(Tuple.of(completionId))
                .await().atMost(DB_DEADLINE).iterator().next().getString("event_type"));
        // another awarding body cannot read it
        registerAwardingBody("PT").request().when().get("/api/v1/pathway-completions/{id}/stacking", completionId)
                .then().statusCode(403).contentType(IssuerApi.PROBLEM_JSON);
    }

    @Test
    void a_completion_whose_target_differs_from_the_pinned_terms_is_refused_naming_each_difference() {
        String completionId = UUID.randomUUID().toString();
        PathwayCompleted completed = completion(completionId, true, "REVOKE");
        PathwayCompleted.StackedCredential pinned = completed.target();
        PathwayCompleted.StackedCredential inflated = new PathwayCompleted.StackedCredential(pinned.title(),
                pinned.issuerCountries(), pinned.learningOutcomes(), new CredentialIssued.Workload(new BigDecimal("60"), 1500),
                new CredentialIssued.Level(8, "THIRD_CYCLE"), pinned.assessment(), pinned.participation(),
                pinned.qualityAssurance(), pinned.prerequisites(), pinned.supervision(), pinned.stackability(),
                pinned.furtherInformation());

        publish(new PathwayCompleted(completionId, pathway, 1, body.id(), completed.learner(), true, "REVOKE", inflated,
                parts, completed.completedAt()), 1);
        awaitConsumed();

        JsonNode decision = assertRefused(completionId, "TERMS_DIFFER", "TERMS_DIFFER");
        assertTrue(decision.path("reasons").toString().contains("EQF level 8"), decision.toString());
    }

    @Test
    void a_completion_listing_a_credential_of_another_learner_is_refused() {
        String completionId = UUID.randomUUID().toString();
        String othersCredential = issueCredential(body, fullCredential(newLearner()));
        PathwayCompleted completed = completion(completionId, true, "REVOKE");

        publish(new PathwayCompleted(completionId, pathway, 1, body.id(), completed.learner(), true, "REVOKE",
                completed.target(), List.of(parts.get(0), othersCredential), completed.completedAt()), 1);
        awaitConsumed();

        JsonNode decision = assertRefused(completionId, "PART_OF_ANOTHER_LEARNER");
        assertEquals(othersCredential, decision.path("reasons").get(0).path("credentialId").asText());
    }

    @Test
    void a_completion_listing_a_revoked_or_an_unknown_credential_is_refused() {
        String completionId = UUID.randomUUID().toString();
        IssuerApi.revoke(body.request(), parts.get(1), IssuerApi.because("Awarded in error")).then().statusCode(200);
        String unknown = UUID.randomUUID().toString();
        PathwayCompleted completed = completion(completionId, true, "REVOKE");

        publish(new PathwayCompleted(completionId, pathway, 1, body.id(), completed.learner(), true, "REVOKE",
                completed.target(), List.of(parts.get(0), parts.get(1), unknown), completed.completedAt()), 1);
        awaitConsumed();

        JsonNode decision = assertRefused(completionId, "PART_NOT_ACTIVE", "PART_UNKNOWN");
        assertEquals(List.of(parts.get(1), unknown), texts(decision.path("reasons"), "credentialId"));
    }

    @Test
    void once_the_awarding_body_disabled_the_pathway_its_completions_are_refused_and_what_was_issued_stays() {
        String before = UUID.randomUUID().toString();
        publish(completion(before, true, "REVOKE"), 1);
        awaitStacked(before, "ACTIVE");

        body.request().when().delete("/api/v1/awarding-bodies/{id}/stacking/{pathway}", body.id(), pathway)
                .then().statusCode(204);
        String after = UUID.randomUUID().toString();
        publish(completion(after, true, "REVOKE"), 1);
        awaitConsumed();

        assertRefused(after, "PATHWAY_NOT_ENABLED");
        assertEquals("ACTIVE", stacked(before).path("status"));
        JsonNode decision = awaitDecided(before);
        assertEquals("ISSUED", decision.path("outcome").asText());
        assertEquals(stackedOf(before), decision.path("credentialId").asText());
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

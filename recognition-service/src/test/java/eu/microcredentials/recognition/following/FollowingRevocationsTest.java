package eu.microcredentials.recognition.following;

import static eu.microcredentials.recognition.support.RecognitionApi.DEADLINE;
import static eu.microcredentials.recognition.support.RecognitionApi.awaitDecision;
import static eu.microcredentials.recognition.support.RecognitionApi.awaitDefinition;
import static eu.microcredentials.recognition.support.RecognitionApi.awaitStatus;
import static eu.microcredentials.recognition.support.RecognitionApi.issue;
import static eu.microcredentials.recognition.support.RecognitionApi.policy;
import static eu.microcredentials.recognition.support.RecognitionApi.request;
import static eu.microcredentials.recognition.support.RecognitionApi.university;
import static eu.microcredentials.testsupport.ContractEvents.envelope;
import static eu.microcredentials.testsupport.ContractEvents.newId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.EventType;
import eu.microcredentials.events.data.AccreditationGranted;
import eu.microcredentials.events.data.AccreditationWithdrawn;
import eu.microcredentials.events.data.CredentialReinstated;
import eu.microcredentials.events.data.CredentialRevoked;
import eu.microcredentials.events.data.CredentialSuspended;
import eu.microcredentials.recognition.definitions.DefinitionsProjection;
import eu.microcredentials.recognition.projection.HeldCredentialsProjection;
import eu.microcredentials.recognition.recognizing.RecognitionsProjection;
import eu.microcredentials.testsupport.AdminEndpoints;
import eu.microcredentials.testsupport.Eventually;
import eu.microcredentials.recognition.support.ContractKafkaTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When a credential a recognition relies on is revoked or suspended, or its awarding body loses its accreditation,
 * the recognition is decided again from the log: withdrawn with the cause, or kept; a lifted suspension or a renewed
 * accreditation restores it. Each reaction happens once, also when the event comes again or the read models are
 * rebuilt.
 */
@QuarkusTest
class FollowingRevocationsTest extends ContractKafkaTest {
    private static final String OPERATOR_KEY = "test-recognition-operator-key";
    /** A rebuild replays every record of its topics on the broker, which the other tests share. */
    private static final Duration REBUILD_DEADLINE = Duration.ofMinutes(5);

    @Inject
    Pool pool;

    /** A recognition granted on two credentials of 3 ECTS each of one learner, under a policy asking for minTotal. */
    private record Granted(String id, String body, String first, String second) {
    }

    private Granted grantedOnTwoCredentials(int minTotal) {
        String learner = "did:example:" + newId();
        String body = newId();
        String first = newId();
        String second = newId();
        issue(kafka, first, body, learner, "PT", "3");
        issue(kafka, second, body, learner, "PT", "3");
        String id = request(learner, List.of(first, second), policyOfTotalEcts(minTotal, false)).getString("id");
        awaitDecision(id, "GRANTED");
        return new Granted(id, body, first, second);
    }

    private static String policyOfTotalEcts(int minTotal, boolean accredited) {
        return policy(Map.of("purpose", "ACADEMIC", "rules",
                Map.of("minTotalEcts", minTotal, "accreditedAwardingBodyRequired", accredited)));
    }

    @Test
    void a_recognition_is_kept_while_the_remaining_credentials_still_meet_the_policy() {
        Granted granted = grantedOnTwoCredentials(3);
        String id = granted.id();
        String body = granted.body();
        String first = granted.first();

        revoke(first, body, 2);
        awaitStatus(first, "REVOKED");
        // the reaction runs in the transaction that applied the revocation: the re-evaluated ECTS are recorded with it
        assertEquals(3, eventsOf(id));
        Eventually.await(DEADLINE, () -> given().when().get("/api/v1/recognition-requests/{id}", id).then()
                .body("history.decision", equalTo(List.of("REQUESTED", "GRANTED", "GRANTED"))));
        JsonPath kept = awaitDecision(id, "GRANTED");
        assertEquals(3, kept.getInt("ectsRecognised"));
        assertEquals(List.of(granted.second()), kept.getList("countingCredentialIds"));
        assertEquals(List.of(first, granted.second()), kept.getList("credentialIds"));
        assertTrue(kept.getString("explanation").contains("3 ECTS recognised (before: 6)"), kept.getString("explanation"));
        assertTrue(kept.getString("explanation").contains(first + " was revoked"), kept.getString("explanation"));
    }

    @Test
    void a_kept_recognition_is_worth_its_credential_again_when_the_suspension_is_lifted() {
        Granted granted = grantedOnTwoCredentials(3);
        String id = granted.id();
        kafka.publish(envelope(new CredentialSuspended(granted.first(), granted.body(), "check", "operator",
                Instant.now()), 2, granted.body(), "PT"));
        Eventually.await(DEADLINE, () -> given().when().get("/api/v1/recognition-requests/{id}", id).then()
                .body("ectsRecognised", equalTo(3)).body("decision", equalTo("GRANTED")));
        kafka.publish(envelope(new CredentialReinstated(granted.first(), granted.body(), "cleared", "operator",
                Instant.now()), 3, granted.body(), "PT"));
        Eventually.await(DEADLINE, () -> given().when().get("/api/v1/recognition-requests/{id}", id).then()
                .body("ectsRecognised", equalTo(6))
                .body("countingCredentialIds", equalTo(List.of(granted.first(), granted.second())))
                .body("history.decision", equalTo(List.of("REQUESTED", "GRANTED", "GRANTED", "GRANTED"))));
        assertEquals(4, eventsOf(id));
    }

    @Test
    void a_pending_review_is_withdrawn_with_its_cause_and_awaits_its_reviewer_again_when_the_suspension_is_lifted() {
        String learner = "did:example:" + newId();
        String body = newId();
        String credential = newId();
        issue(kafka, credential, body, learner, "NL", "6");
        String reviewed = policy(Map.of("purpose", "ACADEMIC", "needsHumanReview", true, "rules", Map.of("minTotalEcts", 5)));
        String id = request(learner, List.of(credential), reviewed).getString("id");
        awaitDecision(id, "NEEDS_REVIEW");

        kafka.publish(envelope(new CredentialSuspended(credential, body, "investigation", "operator", Instant.now()), 2,
                body, "NL"));
        JsonPath withdrawn = awaitDecision(id, "WITHDRAWN");
        assertEquals("SUSPENDED", withdrawn.getString("withdrawal.cause"));
        assertEquals(credential, withdrawn.getString("withdrawal.causeCredentialId"));
        given().header("Authorization", university().bearer()).contentType(ContentType.JSON)
                .body(Map.of("decision", "GRANTED", "reviewer", "prof. M. de Vries", "reason", "fits"))
                .when().post("/api/v1/recognition-requests/{id}/decision", id)
                .then().statusCode(409).body("currentDecision", equalTo("WITHDRAWN"));

        kafka.publish(envelope(new CredentialReinstated(credential, body, "cleared", "operator", Instant.now()), 3,
                body, "NL"));
        JsonPath again = awaitDecision(id, "NEEDS_REVIEW");
        assertEquals(List.of("REQUESTED", "NEEDS_REVIEW", "WITHDRAWN", "NEEDS_REVIEW"), again.getList("history.decision"));
        given().header("Authorization", university().bearer()).contentType(ContentType.JSON)
                .body(Map.of("decision", "GRANTED", "reviewer", "prof. M. de Vries", "reason", "fits"))
                .when().post("/api/v1/recognition-requests/{id}/decision", id)
                .then().statusCode(200).body("decision", equalTo("GRANTED")).body("ectsRecognised", equalTo(6));

        String revokedReview = request(learner, List.of(credential), reviewed).getString("id");
        awaitDecision(revokedReview, "NEEDS_REVIEW");
        revoke(credential, body, 4);
        assertEquals("REVOKED", awaitDecision(revokedReview, "WITHDRAWN").getString("withdrawal.cause"));
    }

    @Test
    void a_revocation_withdraws_a_recognition_that_no_longer_holds_once_even_when_delivered_twice() {
        Granted granted = grantedOnTwoCredentials(5);
        String id = granted.id();
        String body = granted.body();
        String first = granted.first();
        String second = granted.second();

        EventEnvelope revocation = revoke(first, body, 2);
        JsonPath withdrawn = awaitDecision(id, "WITHDRAWN");
        assertEquals("REVOKED", withdrawn.getString("withdrawal.cause"));
        assertEquals(first, withdrawn.getString("withdrawal.causeCredentialId"));
        assertEquals(EventType.CREDENTIAL_REVOKED.type(), withdrawn.getString("withdrawal.causeEventType"));
        assertTrue(withdrawn.getString("explanation").contains("3 ECTS in all, 5 required"),
                withdrawn.getString("explanation"));
        assertEquals(List.of("REQUESTED", "GRANTED", "WITHDRAWN"), withdrawn.getList("history.decision"));

        kafka.publish(revocation); // delivered again: same id
        kafka.publish(envelope(new CredentialSuspended(second, body, "check", "operator", Instant.now()), 2, body, "PT"));
        awaitStatus(second, "SUSPENDED");
        assertEquals(3, eventsOf(id));
    }

    @Test
    void a_lifted_suspension_restores_the_recognition_it_withdrew() {
        String learner = "did:example:" + newId();
        String body = newId();
        String credential = newId();
        issue(kafka, credential, body, learner, "NL", "6");
        String id = request(learner, List.of(credential), policyOfTotalEcts(5, false)).getString("id");
        awaitDecision(id, "GRANTED");

        kafka.publish(envelope(new CredentialSuspended(credential, body, "investigation", "operator", Instant.now()), 2,
                body, "NL"));
        assertEquals("SUSPENDED", awaitDecision(id, "WITHDRAWN").getString("withdrawal.cause"));
        kafka.publish(envelope(new CredentialReinstated(credential, body, "cleared", "operator", Instant.now()), 3,
                body, "NL"));
        Eventually.await(DEADLINE, () -> given().when().get("/api/v1/recognition-requests/{id}", id).then()
                .body("history.decision", equalTo(List.of("REQUESTED", "GRANTED", "WITHDRAWN", "GRANTED"))));
        JsonPath restored = awaitDecision(id, "GRANTED");
        assertEquals(6, restored.getInt("ectsRecognised"));
    }

    @Test
    void losing_accreditation_withdraws_where_the_policy_requires_it_and_a_new_accreditation_restores() {
        String learner = "did:example:" + newId();
        String body = newId();
        String credential = newId();
        kafka.publish(envelope(new AccreditationGranted(body, "A3ES", null, Instant.parse("2020-01-01T00:00:00Z"), null,
                "registry-operator", Instant.now()), 1, body, "PT"));
        issue(kafka, credential, body, learner, "PT", "6");
        Eventually.await(DEADLINE, () -> given().when().get("/api/v1/held-credentials/{id}", credential).then()
                .body("accreditedNow", equalTo(true)));
        String id = request(learner, List.of(credential), policyOfTotalEcts(5, true)).getString("id");
        awaitDecision(id, "GRANTED");

        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        kafka.publish(envelope(new AccreditationWithdrawn(body, "A3ES", null, "audit failed", now, "registry-operator",
                now), 2, body, "PT"));
        JsonPath withdrawn = awaitDecision(id, "WITHDRAWN");
        assertEquals("ACCREDITATION_WITHDRAWN", withdrawn.getString("withdrawal.cause"));
        assertEquals(EventType.ACCREDITATION_WITHDRAWN.type(), withdrawn.getString("withdrawal.causeEventType"));

        // accredited again from the instant of the withdrawal on: the reaction judges at the event's time
        kafka.publish(envelope(new AccreditationGranted(body, "A3ES", null, now, null, "registry-operator",
                Instant.now()), 3, body, "PT"));
        awaitDecision(id, "GRANTED");
    }

    @Test
    void rebuilding_the_read_models_reproduces_every_decision_and_reacts_to_nothing_again() {
        String learner = "did:example:" + newId();
        String body = newId();
        String first = newId();
        String second = newId();
        issue(kafka, first, body, learner, "DE", "3");
        issue(kafka, second, body, learner, "DE", "3");
        String policy = policyOfTotalEcts(5, false);
        String granted = request(learner, List.of(first, second), policy).getString("id");
        String rejected = request(learner, List.of(second), policy).getString("id");
        revoke(first, body, 2);
        Map<String, Object> withdrawnView = awaitDecision(granted, "WITHDRAWN").getMap("");
        Map<String, Object> rejectedView = awaitDecision(rejected, "REJECTED").getMap("");

        // each waits until the rebuilt model has been swapped in, and fails unless it equals the live one
        AdminEndpoints.rebuildAndAwait(OPERATOR_KEY, HeldCredentialsProjection.NAME, REBUILD_DEADLINE);
        awaitStatus(first, "REVOKED");
        awaitStatus(second, "ACTIVE");
        AdminEndpoints.rebuildAndAwait(OPERATOR_KEY, RecognitionsProjection.NAME, REBUILD_DEADLINE);
        assertEquals(withdrawnView, given().when().get("/api/v1/recognition-requests/{id}", granted).then()
                .statusCode(200).extract().jsonPath().getMap(""));
        assertEquals(rejectedView, given().when().get("/api/v1/recognition-requests/{id}", rejected).then()
                .statusCode(200).extract().jsonPath().getMap(""));
        assertEquals(3, eventsOf(granted));
        assertEquals(2, eventsOf(rejected));

        // the policies (and organisations, pathways) are events too: their read model comes back the same
        awaitDefinition("/api/v1/recognition-policies/{id}", policy);
        Map<String, Object> policyView = given().when().get("/api/v1/recognition-policies/{id}", policy).then()
                .extract().jsonPath().getMap("");
        AdminEndpoints.rebuildAndAwait(OPERATOR_KEY, DefinitionsProjection.NAME, REBUILD_DEADLINE);
        assertEquals(policyView, given().when().get("/api/v1/recognition-policies/{id}", policy).then().statusCode(200)
                .extract().jsonPath().getMap(""));
        assertEquals("REJECTED", request(learner, List.of(second), policy).getString("decision"));
    }

    private EventEnvelope revoke(String credentialId, String body, long sequence) {
        EventEnvelope event = envelope(new CredentialRevoked(credentialId, body, "fraud", Instant.now(), "operator", null,
                Instant.now()), sequence, body, "PT");
        kafka.publish(event);
        return event;
    }

    private long eventsOf(String recognitionId) {
        return pool.preparedQuery("SELECT count(*) AS n FROM event_store WHERE stream_id = $1")
                .execute(Tuple.of(recognitionId)).await().atMost(DEADLINE).iterator().next().getLong("n");
    }
}

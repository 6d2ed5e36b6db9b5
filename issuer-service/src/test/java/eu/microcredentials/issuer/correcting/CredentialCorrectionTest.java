package eu.microcredentials.issuer.correcting;

import static eu.microcredentials.issuer.support.IssuerApi.PROBLEM_JSON;
import static eu.microcredentials.issuer.support.IssuerApi.asOperator;
import static eu.microcredentials.issuer.support.IssuerApi.because;
import static eu.microcredentials.issuer.support.IssuerApi.correct;
import static eu.microcredentials.issuer.support.IssuerApi.fullCredential;
import static eu.microcredentials.issuer.support.IssuerApi.issueCredential;
import static eu.microcredentials.issuer.support.IssuerApi.newLearner;
import static eu.microcredentials.issuer.support.IssuerApi.registerAwardingBody;
import static eu.microcredentials.issuer.support.IssuerApi.revoke;
import static eu.microcredentials.issuer.support.IssuerApi.suspend;
import static eu.microcredentials.issuer.support.IssuerApi.withKey;
import static eu.microcredentials.issuer.support.VerifiableCredentials.activeKey;
import static eu.microcredentials.issuer.support.VerifiableCredentials.payload;
import static eu.microcredentials.issuer.support.VerifiableCredentials.verifies;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import eu.microcredentials.events.KafkaCloudEvents;
import eu.microcredentials.events.Topic;
import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.events.data.CredentialRevoked;
import eu.microcredentials.issuer.signing.BitstringStatusList;
import eu.microcredentials.issuer.support.EventLog;
import eu.microcredentials.issuer.support.IssuerApi.AwardingBody;
import eu.microcredentials.issuer.support.StatusListPlaces;
import eu.microcredentials.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Correcting a credential over HTTP: the correction is issued and the corrected credential revoked
 * as SUPERSEDED in one transaction, each naming the other, in the issuer's view, the signed
 * credential, the log and the status lists; a revoked credential cannot be corrected (409, nothing
 * recorded); only its awarding body or an operator may; Idempotency-Key is honoured.
 */
@QuarkusTest
class CredentialCorrectionTest {
    private static final Duration KAFKA_DEADLINE = Duration.ofSeconds(30);
    private static final Duration DB_DEADLINE = Duration.ofSeconds(10);
    private static final String CORRECTED_GRADE = "19/20";

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private AwardingBody body;
    private String learner;
    private String credential;

    @BeforeEach
    void anIssuedCredential() {
        body = registerAwardingBody("PT");
        learner = newLearner();
        credential = issueCredential(body, fullCredential(learner));
    }

    /** The issuance body with the grade corrected. */
    private String corrected() {
        return fullCredential(learner).replace("\"grade\":\"18/20\"", "\"grade\":\"" + CORRECTED_GRADE + "\"");
    }

    private Response read(String id) {
        return body.request().when().get("/api/v1/credentials/{id}", id).then().statusCode(200).extract().response();
    }

    private List<Row> eventsOf(String streamId) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("SELECT event_type, version, transaction_id::text AS tx FROM event_store WHERE stream_id = $1 "
                        + "ORDER BY version").execute(Tuple.of(streamId)).await().atMost(DB_DEADLINE).forEach(rows::add);
        return rows;
    }

    private long reservedIndexes() {
        return StatusListPlaces.taken(pool, body.id());
    }

    private static int index(String jwt) {
        return payload(jwt).path("credentialStatus").get(0).path("statusListIndex").asInt();
    }

    private Set<Integer> bitsOf(String purpose) {
        String jwt = given().when().get("/api/v1/status-lists/{body}/{purpose}", body.id(), purpose)
                .then().statusCode(200).extract().asString();
        return BitstringStatusList.decode(payload(jwt).path("credentialSubject").path("encodedList").asText());
    }

    @Test
    void correcting_issues_the_correction_naming_what_it_supersedes_and_revokes_the_corrected_one_as_superseded() {
        String oldJwt = read(credential).path("verifiableCredential");

        Response answer = correct(body.request(), credential, corrected())
                .then().statusCode(201)
                .body("status", equalTo("ACTIVE"))
                .body("supersedes", equalTo(credential))
                .body("supersededBy", nullValue())
                .body("credential.supersedes", equalTo(credential))
                .body("credential.grade", equalTo(CORRECTED_GRADE))
                .body("credential.learner.id", equalTo(learner))
                .body("awardingBodyId", equalTo(body.id()))
                .extract().response();
        String correction = answer.path("id");
        assertNotEquals(credential, correction);
        assertEquals("/api/v1/credentials/" + correction, java.net.URI.create(answer.header("Location")).getPath());

        read(correction).then()
                .body("status", equalTo("ACTIVE"))
                .body("supersedes", equalTo(credential))
                .body("statusHistory.size()", equalTo(0));
        read(credential).then()
                .body("status", equalTo("REVOKED"))
                .body("supersededBy", equalTo(correction))
                .body("supersedes", nullValue())
                .body("credential.grade", equalTo("18/20"))
                .body("statusHistory.size()", equalTo(1))
                .body("statusHistory[0].status", equalTo("REVOKED"))
                .body("statusHistory[0].reason", equalTo("SUPERSEDED"))
                .body("statusHistory[0].actor", equalTo(body.id()))
                .body("verifiableCredential", equalTo(oldJwt));

        // signed as any credential, saying what it replaces, at an index of its own
        String jwt = answer.path("verifiableCredential");
        assertTrue(verifies(jwt, activeKey(body.id()).publicKey()));
        JsonNode vc = payload(jwt);
        assertEquals("urn:uuid:" + correction, vc.path("id").asText());
        assertEquals("urn:uuid:" + credential, vc.path("supersedes").asText());
        assertEquals(CORRECTED_GRADE, vc.path("credentialSubject").path("result").get(0).path("value").asText());
        assertNotEquals(index(oldJwt), index(jwt));
        assertTrue(payload(oldJwt).path("supersedes").isMissingNode(), "an ordinary credential replaces nothing");

        // one transaction: the correction's first event and the corrected credential's revocation
        List<Row> corrected = eventsOf(credential);
        List<Row> issued = eventsOf(correction);
        assertEquals(List.of("eu.microcredential.credential.issued.v1", "eu.microcredential.credential.revoked.v1"),
                corrected.stream().map(row -> row.getString("event_type")).toList());
        assertEquals(List.of("eu.microcredential.credential.issued.v1"),
                issued.stream().map(row -> row.getString("event_type")).toList());
        assertEquals(issued.get(0).getString("tx"), corrected.get(1).getString("tx"), "recorded in one transaction");

        // the public lists: the corrected credential is revoked, its correction is not
        assertTrue(bitsOf("revocation").contains(index(oldJwt)));
        assertTrue(!bitsOf("revocation").contains(index(jwt)));
    }

    @Test
    void both_events_are_published_each_naming_the_other() {
        String correction = correct(body.request(), credential, corrected()).then().statusCode(201).extract().path("id");

        CredentialIssued issued;
        CredentialRevoked revoked;
        try (TopicReader reader = new TopicReader(bootstrapServers, Topic.CREDENTIALS.topicName())) {
            issued = assertInstanceOf(CredentialIssued.class, KafkaCloudEvents.fromRecord(
                    reader.await(record -> correction.equals(record.key()), KAFKA_DEADLINE)).decode());
            revoked = assertInstanceOf(CredentialRevoked.class, KafkaCloudEvents.fromRecord(reader.awaitAll(
                    record -> credential.equals(record.key()), 2, KAFKA_DEADLINE).get(1)).decode());
        }
        assertEquals(credential, issued.supersedes());
        assertEquals(CORRECTED_GRADE, issued.grade());
        assertEquals(correction, revoked.supersededBy());
        assertEquals("SUPERSEDED", revoked.reason());
        assertEquals(body.id(), revoked.actor());
        assertEquals(body.id(), issued.actor(), "the correction is issued by the body too");
        assertEquals(issued.issuedAt(), revoked.revokedAt(), "the correction replaces it from the moment it is issued");
        assertEquals(revoked.revokedAt(), revoked.effectiveFrom());
    }

    @Test
    void a_suspended_credential_is_corrected_and_leaves_the_suspension_list() {
        suspend(body.request(), credential, because("Grade under review")).then().statusCode(200);
        int oldIndex = index(read(credential).path("verifiableCredential"));
        assertTrue(bitsOf("suspension").contains(oldIndex));

        String correction = correct(body.request(), credential, corrected()).then().statusCode(201)
                .body("status", equalTo("ACTIVE")).extract().path("id");

        read(credential).then().body("status", equalTo("REVOKED")).body("supersededBy", equalTo(correction))
                .body("statusHistory.status", equalTo(List.of("SUSPENDED", "REVOKED")));
        assertTrue(!bitsOf("suspension").contains(oldIndex), "REVOKED, not SUSPENDED");
        assertTrue(bitsOf("revocation").contains(oldIndex));
    }

    @Test
    void a_correction_can_itself_be_corrected() {
        String first = correct(body.request(), credential, corrected()).then().statusCode(201).extract().path("id");

        String second = correct(body.request(), first, fullCredential(learner).replace("18/20", "20/20"))
                .then().statusCode(201).body("supersedes", equalTo(first)).extract().path("id");

        read(first).then().body("status", equalTo("REVOKED")).body("supersedes", equalTo(credential))
                .body("supersededBy", equalTo(second));
    }

    /** Makes the correction and checks it answered 409 naming REVOKED, and recorded nothing, not even an index. */
    private void assertRefusedAsRevoked(String id) {
        long before = EventLog.count(pool);
        long indexes = reservedIndexes();

        correct(body.request(), id, corrected())
                .then().statusCode(409)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(409))
                .body("currentStatus", equalTo("REVOKED"))
                .body("detail", containsString("is REVOKED"))
                .body("type", equalTo("https://microcredentials.eu/problems/illegal-status-transition"));

        assertEquals(before, EventLog.count(pool), "events recorded by a refused correction");
        assertEquals(indexes, reservedIndexes(), "status list indexes spent by a refused correction");
    }

    @Test
    void a_revoked_credential_cannot_be_corrected_409_and_nothing_is_recorded() {
        revoke(body.request(), credential, because("Issued in error")).then().statusCode(200);

        assertRefusedAsRevoked(credential);
    }

    @Test
    void a_corrected_credential_cannot_be_corrected_again() {
        correct(body.request(), credential, corrected()).then().statusCode(201);

        assertRefusedAsRevoked(credential);
    }

    @Test
    void two_concurrent_corrections_record_one() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                attempts.add(() -> correct(body.request(), credential, corrected()).then().extract().statusCode());
            }
            for (Future<Integer> status : threads.invokeAll(attempts)) {
                statuses.add(status.get());
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(1, statuses.stream().filter(status -> status == 201).count(), "answers " + statuses);
        assertEquals(3, statuses.stream().filter(status -> status == 409).count(), "answers " + statuses);
        assertEquals(2, eventsOf(credential).size(), "issued and exactly one revocation");
        long corrections = pool.preparedQuery("SELECT count(*) AS corrections FROM event_store "
                        + "WHERE event_type = 'eu.microcredential.credential.issued.v1' AND data->>'supersedes' = $1")
                .execute(Tuple.of(credential)).await().atMost(DB_DEADLINE).iterator().next().getLong("corrections");
        assertEquals(1, corrections, "exactly one correction issued");
    }

    @Test
    void another_awarding_body_may_not_correct_and_learns_nothing_anonymous_callers_are_401() {
        AwardingBody other = registerAwardingBody("PT");
        long before = EventLog.count(pool);

        correct(other.request(), credential, corrected()).then().statusCode(403).contentType(PROBLEM_JSON)
                .body("currentStatus", nullValue());
        correct(given(), credential, corrected()).then().statusCode(401).contentType(PROBLEM_JSON);
        correct(withKey("mcak_" + UUID.randomUUID()), credential, corrected()).then().statusCode(401);

        assertEquals(before, EventLog.count(pool));
        read(credential).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void an_operator_may_correct_and_is_recorded_as_the_actor_of_the_revocation() {
        String correction = correct(asOperator(), credential, corrected()).then().statusCode(201)
                .body("awardingBodyId", equalTo(body.id())).extract().path("id");

        read(credential).then().body("supersededBy", equalTo(correction))
                .body("statusHistory[0].actor", equalTo("operator"));
        // issued by the credential's awarding body, signed with its key
        assertTrue(verifies(read(correction).path("verifiableCredential"), activeKey(body.id()).publicKey()));
    }

    @Test
    void an_unknown_credential_is_404() {
        long before = EventLog.count(pool);

        correct(asOperator(), UUID.randomUUID().toString(), corrected()).then().statusCode(404).contentType(PROBLEM_JSON);
        correct(body.request(), "not-a-uuid", corrected()).then().statusCode(404).contentType(PROBLEM_JSON);

        assertEquals(before, EventLog.count(pool));
    }

    @Test
    void every_bad_field_is_named_at_once_and_nothing_is_recorded() {
        long before = EventLog.count(pool);
        String bad = corrected().replace("\"title\":\"Applied Machine Learning\"", "\"title\":\"  \"")
                .replace("\"ects\":3", "\"ects\":61")
                .replace("\"coAwardingBodies\":[]", "\"coAwardingBodies\":[\"" + UUID.randomUUID() + "\"]");

        correct(body.request(), credential, bad).then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.pointer", containsInAnyOrder("/title", "/workload/ects", "/coAwardingBodies/0"));
        correct(body.request(), credential, "not json").then().statusCode(400).contentType(PROBLEM_JSON);
        correct(body.request(), credential, "").then().statusCode(400).contentType(PROBLEM_JSON);

        assertEquals(before, EventLog.count(pool));
        read(credential).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void the_same_idempotency_key_and_body_answer_the_same_correction_and_record_it_once() {
        Response first = correct(body.request().header("Idempotency-Key", "fix-grade-1"), credential, corrected())
                .then().statusCode(201).extract().response();
        long after = EventLog.count(pool);

        correct(body.request().header("Idempotency-Key", "fix-grade-1"), credential, corrected())
                .then().statusCode(201)
                .body("id", equalTo(first.path("id")))
                .body("verifiableCredential", equalTo(first.path("verifiableCredential")))
                .body("supersedes", equalTo(credential));
        // the operator acts with the awarding body's keys
        correct(asOperator().header("Idempotency-Key", "fix-grade-1"), credential, corrected())
                .then().statusCode(201).body("id", equalTo(first.path("id")));

        assertEquals(after, EventLog.count(pool), "nothing recorded again");
    }

    @Test
    void an_idempotency_key_used_for_another_request_is_422_and_records_nothing() {
        issuanceWithKey("used-for-issuing");
        long before = EventLog.count(pool);

        correct(body.request().header("Idempotency-Key", "used-for-issuing"), credential, corrected())
                .then().statusCode(422).contentType(PROBLEM_JSON)
                .body("type", equalTo("https://microcredentials.eu/problems/idempotency-key-reused"));
        correct(body.request().header("Idempotency-Key", "fix-1"), credential, corrected()).then().statusCode(201);
        correct(body.request().header("Idempotency-Key", "fix-1"), credential, corrected().replace("19/20", "17/20"))
                .then().statusCode(422);
        String another = issueCredential(body, fullCredential(learner));
        long beforeAnother = EventLog.count(pool);
        correct(body.request().header("Idempotency-Key", "fix-1"), another, corrected())
                .then().statusCode(422).body("status", not(equalTo(201)));

        assertEquals(before + 2 + 1, beforeAnother, "the one correction (2 events) and the other credential");
        assertEquals(beforeAnother, EventLog.count(pool));
    }

    private void issuanceWithKey(String key) {
        body.request().header("Idempotency-Key", key).contentType("application/json").body(fullCredential(newLearner()))
                .when().post("/api/v1/awarding-bodies/{id}/credentials", body.id()).then().statusCode(201);
    }

    @Test
    void the_correction_is_at_a_fresh_index_never_given_before() {
        Set<Integer> seen = new HashSet<>();
        seen.add(index(read(credential).path("verifiableCredential")));
        String current = credential;
        for (int i = 0; i < 3; i++) {
            Response correction = correct(body.request(), current, corrected()).then().statusCode(201).extract().response();
            assertTrue(seen.add(index(correction.path("verifiableCredential"))), "index reused: " + seen);
            current = correction.path("id");
        }
        assertNull(read(current).path("supersededBy"));
    }
}

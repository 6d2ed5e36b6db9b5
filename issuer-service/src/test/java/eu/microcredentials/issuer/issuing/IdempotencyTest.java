package eu.microcredentials.issuer.issuing;

import static eu.microcredentials.issuer.support.IssuerApi.PROBLEM_JSON;
import static eu.microcredentials.issuer.support.IssuerApi.asOperator;
import static eu.microcredentials.issuer.support.IssuerApi.fullCredential;
import static eu.microcredentials.issuer.support.IssuerApi.newLearner;
import static eu.microcredentials.issuer.support.IssuerApi.registerAwardingBody;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import eu.microcredentials.issuer.support.EventLog;
import eu.microcredentials.issuer.support.IssuerApi.AwardingBody;
import eu.microcredentials.issuer.support.StatusListPlaces;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code Idempotency-Key}: a request sent again gets the same credential, and nothing is written twice. */
@QuarkusTest
class IdempotencyTest {

    @Inject
    Pool pool;

    private static Response issue(RequestSpecification request, String awardingBodyId, String idempotencyKey, String body) {
        return request.header("Idempotency-Key", idempotencyKey).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/awarding-bodies/{id}/credentials", awardingBodyId);
    }

    private static String issued(RequestSpecification request, String awardingBodyId, String idempotencyKey, String body) {
        return issue(request, awardingBodyId, idempotencyKey, body).then().statusCode(201).extract().path("id");
    }

    /** The status list places of the awarding body held by a credential that was issued. */
    private long indexesOfIssuedCredentials(String awardingBodyId) {
        return StatusListPlaces.ofIssuedCredentials(pool, awardingBodyId).size();
    }

    @Test
    void the_same_key_and_body_answer_the_same_credential_and_record_one_event() {
        AwardingBody body = registerAwardingBody("PT");
        String key = UUID.randomUUID().toString();
        String request = fullCredential(newLearner());
        long before = EventLog.countFor(pool, body.id());

        Response first = issue(body.request(), body.id(), key, request).then().statusCode(201).extract().response();
        Response second = issue(body.request(), body.id(), key, request).then().statusCode(201).extract().response();

        assertEquals((String) first.path("id"), second.path("id"));
        assertEquals((String) first.path("verifiableCredential"), second.path("verifiableCredential"));
        assertEquals(first.header("Location"), second.header("Location"));
        assertEquals(before + 1, EventLog.countFor(pool, body.id()), "events of awarding body " + body.id());
        assertEquals(1, indexesOfIssuedCredentials(body.id()));
    }

    @Test
    void the_operator_and_the_awarding_body_share_the_awarding_body_s_keys() {
        AwardingBody body = registerAwardingBody("PT");
        String key = UUID.randomUUID().toString();
        String request = fullCredential(newLearner());

        String first = issued(body.request(), body.id(), key, request);
        String again = issued(asOperator(), body.id(), key, request);

        assertEquals(first, again);
    }

    @Test
    void the_same_key_with_another_body_answers_422_and_records_nothing() {
        AwardingBody body = registerAwardingBody("PT");
        String key = UUID.randomUUID().toString();
        issued(body.request(), body.id(), key, fullCredential(newLearner()));
        long before = EventLog.count(pool);

        issue(body.request(), body.id(), key, fullCredential(newLearner()))
                .then().statusCode(422)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(422))
                .body("title", equalTo("Idempotency-Key reused"));

        assertEquals(before, EventLog.count(pool), "events recorded by the refused request");
    }

    @Test
    void a_refused_request_does_not_use_up_its_key() {
        AwardingBody body = registerAwardingBody("PT");
        String key = UUID.randomUUID().toString();
        String learner = newLearner();

        issue(body.request(), body.id(), key, fullCredential(learner).replace("\"ects\":3", "\"ects\":61"))
                .then().statusCode(400).contentType(PROBLEM_JSON);
        String issued = issued(body.request(), body.id(), key, fullCredential(learner));

        assertEquals(issued, issued(body.request(), body.id(), key, fullCredential(learner)));
    }

    @Test
    void the_same_key_used_by_two_awarding_bodies_gives_each_its_own_credential() {
        AwardingBody a = registerAwardingBody("PT");
        AwardingBody b = registerAwardingBody("NL");
        String key = UUID.randomUUID().toString();
        String request = fullCredential(newLearner());

        String ofA = issue(a.request(), a.id(), key, request).then().statusCode(201)
                .body("awardingBodyId", equalTo(a.id())).extract().path("id");
        String ofB = issue(b.request(), b.id(), key, request).then().statusCode(201)
                .body("awardingBodyId", equalTo(b.id())).extract().path("id");

        assertNotEquals(ofA, ofB);
        assertEquals(ofA, issued(a.request(), a.id(), key, request));
        assertEquals(ofB, issued(b.request(), b.id(), key, request));
        // and a different body under the key is refused for each, independently
        issue(b.request(), b.id(), key, fullCredential(newLearner())).then().statusCode(422);
        assertEquals(ofA, issued(a.request(), a.id(), key, request));
    }

    @Test
    void ten_concurrent_requests_with_the_same_key_and_body_issue_one_credential() throws Exception {
        AwardingBody body = registerAwardingBody("PT");
        String key = UUID.randomUUID().toString();
        String request = fullCredential(newLearner());
        long before = EventLog.countFor(pool, body.id());
        int requests = 10;
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                answers.add(clients.submit(() -> {
                    start.await();
                    return issue(body.request(), body.id(), key, request);
                }));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            for (Future<Response> answer : answers) {
                Response response = answer.get(60, TimeUnit.SECONDS);
                assertEquals(201, response.statusCode(), () -> "answer: " + response.asString());
                ids.add(response.path("id"));
            }
            assertEquals(1, ids.size(), "credential ids answered: " + ids);
        } finally {
            clients.shutdownNow();
        }
        assertEquals(before + 1, EventLog.countFor(pool, body.id()), "events of awarding body " + body.id());
        assertEquals(1, indexesOfIssuedCredentials(body.id()), "status list indexes of issued credentials");
    }

    @Test
    void a_key_that_is_not_printable_ascii_or_too_long_answers_400() {
        AwardingBody body = registerAwardingBody("PT");
        long before = EventLog.count(pool);

        for (String bad : List.of("with space", "x".repeat(256))) {
            issue(body.request(), body.id(), bad, fullCredential(newLearner()))
                    .then().statusCode(400)
                    .contentType(PROBLEM_JSON)
                    .body("errors.pointer", contains("header:Idempotency-Key"));
        }
        assertEquals(before, EventLog.count(pool));
    }
}

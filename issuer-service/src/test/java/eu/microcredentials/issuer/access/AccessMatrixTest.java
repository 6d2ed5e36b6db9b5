package eu.microcredentials.issuer.access;

import static eu.microcredentials.issuer.support.IssuerApi.PROBLEM_JSON;
import static eu.microcredentials.issuer.support.IssuerApi.asOperator;
import static eu.microcredentials.issuer.support.IssuerApi.because;
import static eu.microcredentials.issuer.support.IssuerApi.correct;
import static eu.microcredentials.issuer.support.IssuerApi.fullCredential;
import static eu.microcredentials.issuer.support.IssuerApi.issueCredential;
import static eu.microcredentials.issuer.support.IssuerApi.newLearner;
import static eu.microcredentials.issuer.support.IssuerApi.registerAwardingBody;
import static eu.microcredentials.issuer.support.IssuerApi.reinstate;
import static eu.microcredentials.issuer.support.IssuerApi.revoke;
import static eu.microcredentials.issuer.support.IssuerApi.suspend;
import static eu.microcredentials.issuer.support.IssuerApi.withKey;
import static eu.microcredentials.issuer.support.VerifiableCredentials.publishedKeys;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.microcredentials.issuer.support.EventLog;
import eu.microcredentials.issuer.support.IssuerApi.AwardingBody;
import eu.microcredentials.issuer.support.VerifiableCredentials.PublishedKey;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may do what: the operator everything, an awarding body's integration only what concerns that
 * awarding body, nobody anything without a key. Every refusal is problem+json and records nothing.
 */
@QuarkusTest
class AccessMatrixTest {
    private static final String REGISTRATION = """
            {"legalName":"Hogeschool %s","country":"NL"}""";

    @Inject
    Pool pool;

    private AwardingBody a;
    private AwardingBody b;
    private String credentialOfA;

    @BeforeEach
    void twoAwardingBodies() {
        a = registerAwardingBody("PT");
        b = registerAwardingBody("NL");
        credentialOfA = issueCredential(a, fullCredential(newLearner()));
    }

    /** The protected operations, each made with a given request specification (i.e. a given key or none). */
    private List<Function<RequestSpecification, Response>> protectedOperationsOnA() {
        return List.of(
                request -> request.contentType(ContentType.JSON).body(fullCredential(newLearner()))
                        .when().post("/api/v1/awarding-bodies/{id}/credentials", a.id()),
                request -> request.when().get("/api/v1/credentials/{id}", credentialOfA),
                request -> request.when().post("/api/v1/awarding-bodies/{id}/signing-keys", a.id()),
                request -> request.contentType(ContentType.JSON).body(REGISTRATION.formatted(UUID.randomUUID()))
                        .when().post("/api/v1/awarding-bodies"),
                request -> revoke(request, credentialOfA, because("Access check")),
                request -> suspend(request, credentialOfA, because("Access check")),
                request -> reinstate(request, credentialOfA, because("Access check")),
                request -> correct(request, credentialOfA, fullCredential(newLearner())));
    }

    /** Makes the request and checks it was refused with {@code status} as problem+json and recorded no event. */
    private Response assertRefused(int status, Function<RequestSpecification, Response> operation,
                                   RequestSpecification request) {
        long before = EventLog.count(pool);
        Response response = operation.apply(request);
        response.then().statusCode(status)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(status));
        assertEquals(before, EventLog.count(pool), "events recorded by a refused request");
        return response;
    }

    @Test
    void another_awarding_body_s_key_may_not_issue_for_a() {
        assertRefused(403, protectedOperationsOnA().get(0), b.request())
                .then().body("title", equalTo("Forbidden"));
    }

    @Test
    void another_awarding_body_s_key_may_not_read_a_s_credential() {
        assertRefused(403, protectedOperationsOnA().get(1), b.request());
    }

    @Test
    void another_awarding_body_s_key_may_not_rotate_a_s_key() {
        List<PublishedKey> keys = publishedKeys(a.id());

        assertRefused(403, protectedOperationsOnA().get(2), b.request());

        assertEquals(keys.stream().map(PublishedKey::keyId).toList(),
                publishedKeys(a.id()).stream().map(PublishedKey::keyId).toList(), "A's keys after B's attempt");
    }

    @Test
    void another_awarding_body_s_key_may_not_revoke_suspend_or_reinstate_a_s_credential() {
        for (Function<RequestSpecification, Response> change : protectedOperationsOnA().subList(4, 7)) {
            assertRefused(403, change, b.request());
        }
        a.request().when().get("/api/v1/credentials/{id}", credentialOfA)
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void an_awarding_body_s_key_may_not_register_an_awarding_body() {
        assertRefused(403, protectedOperationsOnA().get(3), b.request());
        assertRefused(403, protectedOperationsOnA().get(3), a.request());
    }

    @Test
    void an_awarding_body_s_key_may_not_act_for_an_awarding_body_that_does_not_exist() {
        assertRefused(403, request -> request.contentType(ContentType.JSON).body(fullCredential(newLearner()))
                .when().post("/api/v1/awarding-bodies/{id}/credentials", UUID.randomUUID().toString()), b.request());
    }

    @Test
    void without_a_key_every_protected_operation_answers_401_with_a_bearer_challenge() {
        for (Function<RequestSpecification, Response> operation : protectedOperationsOnA()) {
            assertRefused(401, operation, given())
                    .then().header("WWW-Authenticate", startsWith("Bearer"));
        }
    }

    @Test
    void an_unknown_key_answers_401_for_every_protected_operation() {
        for (Function<RequestSpecification, Response> operation : protectedOperationsOnA()) {
            assertRefused(401, operation, withKey("mcak_" + UUID.randomUUID()))
                    .then().header("WWW-Authenticate", startsWith("Bearer"));
        }
    }

    @Test
    void a_key_sent_other_than_as_a_bearer_token_does_not_authenticate() {
        for (Function<RequestSpecification, Response> operation : protectedOperationsOnA()) {
            assertRefused(401, operation, given().header("Authorization", "Basic " + a.apiKey()));
            assertRefused(401, operation, given().header("X-Api-Key", a.apiKey()));
        }
    }

    @Test
    void a_s_own_key_issues_reads_and_rotates_for_a() {
        long before = EventLog.countFor(pool, a.id());

        protectedOperationsOnA().get(0).apply(a.request()).then().statusCode(201);
        protectedOperationsOnA().get(1).apply(a.request()).then().statusCode(200).body("id", equalTo(credentialOfA));
        protectedOperationsOnA().get(2).apply(a.request()).then().statusCode(201);

        // one credential issued, one key added and one retired
        assertEquals(before + 3, EventLog.countFor(pool, a.id()));
    }

    @Test
    void the_operator_key_acts_for_every_awarding_body_and_registers() {
        for (AwardingBody body : List.of(a, b)) {
            String credential = asOperator().contentType(ContentType.JSON).body(fullCredential(newLearner()))
                    .when().post("/api/v1/awarding-bodies/{id}/credentials", body.id())
                    .then().statusCode(201).body("awardingBodyId", equalTo(body.id()))
                    .extract().path("id");
            asOperator().when().get("/api/v1/credentials/{id}", credential)
                    .then().statusCode(200).body("awardingBodyId", equalTo(body.id()));
            asOperator().when().post("/api/v1/awarding-bodies/{id}/signing-keys", body.id())
                    .then().statusCode(201);
        }
        asOperator().when().get("/api/v1/credentials/{id}", credentialOfA).then().statusCode(200);
        protectedOperationsOnA().get(3).apply(asOperator()).then().statusCode(201);
    }

    @Test
    void reading_an_awarding_body_is_public() {
        given().when().get("/api/v1/awarding-bodies/{id}", a.id())
                .then().statusCode(200).body("id", equalTo(a.id()));
    }
}

package eu.microcredentials.issuer.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Calls of the issuer's HTTP API that several tests start from, with the API keys they need. */
public final class IssuerApi {
    /** The operators' key in the test profile ({@code %test.mc.access.operator-api-key}). */
    public static final String OPERATOR_KEY = "test-operator-key";
    public static final String PROBLEM_JSON = "application/problem+json";

    private IssuerApi() {
    }

    /** A registered awarding body and the API key of its integration. */
    public record AwardingBody(String id, String apiKey) {
        /** A request made with this awarding body's API key. */
        public RequestSpecification request() {
            return withKey(apiKey);
        }
    }

    /** A request with {@code Authorization: Bearer <key>}. */
    public static RequestSpecification withKey(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    public static RequestSpecification asOperator() {
        return withKey(OPERATOR_KEY);
    }

    /** Registers an awarding body of its own for a test, as an operator. */
    public static AwardingBody registerAwardingBody(String country) {
        String name = "Test University " + UUID.randomUUID();
        Response response = asOperator().contentType(ContentType.JSON)
                .body("""
                        {"legalName":"%s","country":"%s","legalIdentifier":{"scheme":"ERASMUS","value":"T %s"},
                         "website":"https://example.org/%s"}""".formatted(name, country, UUID.randomUUID(), UUID.randomUUID()))
                .when().post("/api/v1/awarding-bodies")
                .then().statusCode(201)
                .extract().response();
        return new AwardingBody(response.path("awardingBody.id"), response.path("apiKey"));
    }

    /** Issues {@code body} with the awarding body's own key; answers whatever the issuer answered. */
    public static Response issue(AwardingBody awardingBody, String body) {
        return awardingBody.request().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/awarding-bodies/{id}/credentials", awardingBody.id());
    }

    /** Issues {@code body}, expecting 201; answers the credential's id. */
    public static String issueCredential(AwardingBody awardingBody, String body) {
        return issue(awardingBody, body).then().statusCode(201).extract().path("id");
    }

    /** {@code POST /api/v1/credentials/{id}/revocation} with this body, made with {@code as}. */
    public static Response revoke(RequestSpecification as, String credentialId, String body) {
        return changeStatus(as, credentialId, "revocation", body);
    }

    public static Response suspend(RequestSpecification as, String credentialId, String body) {
        return changeStatus(as, credentialId, "suspension", body);
    }

    public static Response reinstate(RequestSpecification as, String credentialId, String body) {
        return changeStatus(as, credentialId, "reinstatement", body);
    }

    /** {@code POST /api/v1/credentials/{id}/correction} with the corrected content, made with {@code as}. */
    public static Response correct(RequestSpecification as, String credentialId, String body) {
        return as.contentType(ContentType.JSON).body(body).when().post("/api/v1/credentials/{id}/correction", credentialId);
    }

    /** The body of a status change giving only a reason. */
    public static String because(String reason) {
        return "{\"reason\":\"%s\"}".formatted(reason);
    }

    private static Response changeStatus(RequestSpecification as, String credentialId, String change, String body) {
        return as.contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/credentials/{id}/" + change, credentialId);
    }

    /** A learner id no other test uses. */
    public static String newLearner() {
        return "mailto:learner+" + UUID.randomUUID() + "@example.org";
    }

    /** The request body with every EU standard element, for the given learner. */
    public static String fullCredential(String learnerId) {
        return """
                {"learner":{"id":"%s","givenName":"Ana","familyName":"Silva","dateOfBirth":"1999-04-02"},
                 "title":"Applied Machine Learning","issuerCountries":["PT"],"coAwardingBodies":[],"issuedOn":"2026-11-20",
                 "learningOutcomes":[{"description":"Train and evaluate supervised models",
                   "escoSkill":"http://data.europa.eu/esco/skill/8e6c2b58-1b2e-4f5b-9b1a-2f0c7c9c1f3e"}],
                 "workload":{"ects":3,"hours":75},"level":{"eqf":6,"qfEhea":"FIRST_CYCLE"},
                 "assessment":{"type":"WRITTEN_EXAM","description":"Proctored 2-hour exam"},
                 "participation":{"form":"ONLINE"},
                 "qualityAssurance":{"type":"EXTERNAL","description":"Programme accredited by A3ES"},
                 "prerequisites":"Python programming","supervision":{"supervised":true,"identityVerification":"ONLINE"},
                 "grade":"18/20","stackability":{"stackable":true,"description":"Counts towards the Data Science certificate"},
                 "furtherInformation":"https://example.org/courses/aml"}""".formatted(learnerId);
    }
}

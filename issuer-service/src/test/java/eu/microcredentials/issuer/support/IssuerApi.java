package eu.microcredentials.issuer.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.UUID;

/** Calls of the issuer's HTTP API that several tests start from. */
public final class IssuerApi {
    private IssuerApi() {
    }

    /** Registers an awarding body of its own for a test; returns its id. */
    public static String registerAwardingBody(String country) {
        String name = "Test University " + UUID.randomUUID();
        return given().contentType(ContentType.JSON)
                .body("""
                        {"legalName":"%s","country":"%s","legalIdentifier":{"scheme":"ERASMUS","value":"T %s"},
                         "website":"https://example.org/%s"}""".formatted(name, country, UUID.randomUUID(), UUID.randomUUID()))
                .when().post("/api/v1/awarding-bodies")
                .then().statusCode(201)
                .extract().path("id");
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

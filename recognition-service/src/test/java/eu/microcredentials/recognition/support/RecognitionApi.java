package eu.microcredentials.recognition.support;

import static eu.microcredentials.testsupport.ContractEvents.credential;
import static eu.microcredentials.testsupport.ContractEvents.envelope;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.testsupport.ContractProducer;
import eu.microcredentials.testsupport.Eventually;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Drives recognition-service as its clients and the issuer's events do, for the tests. */
public final class RecognitionApi {
    public static final Duration DEADLINE = Duration.ofSeconds(30);

    private RecognitionApi() {
    }

    /** Publishes a credential (every standard element, EQF 7, quality assurance INTERNAL) and waits until it is held. */
    public static CredentialIssued issue(ContractProducer kafka, String credentialId, String body, String learner,
                                         String country, String ects) {
        CredentialIssued issued = credential(credentialId, body, learner, country, new BigDecimal(ects));
        kafka.publish(envelope(issued, 1, body, country));
        awaitStatus(credentialId, "ACTIVE");
        return issued;
    }

    public static void awaitStatus(String credentialId, String status) {
        Eventually.await(DEADLINE, () -> given().when().get("/api/v1/held-credentials/{id}", credentialId)
                .then().statusCode(200).body("status", equalTo(status)));
    }

    /** Defines a policy and answers its id. */
    public static String policy(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/recognition-policies")
                .then().statusCode(201).extract().path("id");
    }

    public static JsonPath request(String learner, List<String> credentialIds, String policyId) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("learnerId", learner, "credentialIds", credentialIds, "policyId", policyId))
                .when().post("/api/v1/recognition-requests")
                .then().statusCode(201).contentType(ContentType.JSON).extract().jsonPath();
    }

    /** Waits until the decisions read model shows this decision, and answers the view. */
    public static JsonPath awaitDecision(String recognitionId, String decision) {
        Eventually.await(DEADLINE, () -> given().when().get("/api/v1/recognition-requests/{id}", recognitionId)
                .then().statusCode(200).body("decision", equalTo(decision)));
        return given().when().get("/api/v1/recognition-requests/{id}", recognitionId).then().extract().jsonPath();
    }
}

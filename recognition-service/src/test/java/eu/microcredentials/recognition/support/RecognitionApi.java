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

    /** The recognition operators' key in the tests. */
    public static final String OPERATOR_KEY = "test-recognition-operator-key";

    /** An organisation registered by an operator, and its API key. */
    public record Organisation(String id, String apiKey) {
        public String bearer() {
            return "Bearer " + apiKey;
        }
    }

    private static Organisation university;

    /** Registers an organisation with the operators' key. */
    public static Organisation register(String name, String kind, String awardingBodyId) {
        Map<String, Object> body = awardingBodyId == null ? Map.of("name", name, "kind", kind)
                : Map.of("name", name, "kind", kind, "awardingBodyId", awardingBodyId);
        JsonPath registered = given().header("Authorization", "Bearer " + OPERATOR_KEY).contentType(ContentType.JSON)
                .body(body).when().post("/api/v1/organisations").then().statusCode(201).extract().jsonPath();
        return new Organisation(registered.getString("organisation.id"), registered.getString("apiKey"));
    }

    /** The awarding body's organisation, registered for the pathways of that awarding body. */
    public static Organisation awardingBody(String awardingBodyId) {
        return register("Awarding body " + awardingBodyId, "AWARDING_BODY", awardingBodyId);
    }

    /** One university for the tests that need any recognising organisation. */
    public static synchronized Organisation university() {
        if (university == null) {
            university = register("Technische Universiteit Delft", "UNIVERSITY", null);
        }
        return university;
    }

    /** Defines a policy with the university's key and answers its id. */
    public static String policy(Map<String, Object> body) {
        return policy(university(), body);
    }

    public static String policy(Organisation owner, Map<String, Object> body) {
        return given().header("Authorization", owner.bearer()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/recognition-policies").then().statusCode(201).extract().path("id");
    }

    /** Waits until the definitions read model shows the policy or pathway at this path. */
    public static void awaitDefinition(String path, String id) {
        Eventually.await(DEADLINE, () -> given().when().get(path, id).then().statusCode(200));
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

package eu.microcredentials.recognition.recognizing;

import static eu.microcredentials.recognition.support.RecognitionApi.DEADLINE;
import static eu.microcredentials.recognition.support.RecognitionApi.OPERATOR_KEY;
import static eu.microcredentials.recognition.support.RecognitionApi.awaitDefinition;
import static eu.microcredentials.recognition.support.RecognitionApi.awardingBody;
import static eu.microcredentials.recognition.support.RecognitionApi.register;
import static eu.microcredentials.recognition.support.RecognitionApi.university;
import static eu.microcredentials.recognition.support.RecognitionApi.awaitDecision;
import static eu.microcredentials.recognition.support.RecognitionApi.awaitStatus;
import static eu.microcredentials.recognition.support.RecognitionApi.issue;
import static eu.microcredentials.recognition.support.RecognitionApi.policy;
import static eu.microcredentials.recognition.support.RecognitionApi.request;
import static eu.microcredentials.testsupport.ContractEvents.envelope;
import static eu.microcredentials.testsupport.ContractEvents.newId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.microcredentials.events.EventType;
import eu.microcredentials.events.KafkaCloudEvents;
import eu.microcredentials.events.Topic;
import eu.microcredentials.events.data.CredentialRevoked;
import eu.microcredentials.events.data.RecognitionGranted;
import eu.microcredentials.testsupport.TopicReader;
import eu.microcredentials.recognition.support.ContractKafkaTest;
import eu.microcredentials.recognition.support.RecognitionApi.Organisation;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Recognition policies and requests on real Kafka and PostgreSQL: a decision is taken from the held credentials,
 * recorded as events on mc.recognitions.v1 through the outbox, and shown by the decisions read model.
 */
@QuarkusTest
class RecognitionRequestsTest extends ContractKafkaTest {
    static final String SKILL = "http://data.europa.eu/esco/skill/f1a0cd4e-4d4b-4f9b-9b5c-0cda3c5a8c0f";

    static Map<String, Object> academic(Map<String, Object> rules, boolean review) {
        return Map.of("organisation", "Technische Universiteit Delft", "title", "MSc electives", "purpose", "ACADEMIC",
                "needsHumanReview", review, "rules", rules);
    }

    @Test
    void a_policy_is_defined_and_read_back() {
        String id = policy(academic(Map.of("minEqfLevel", 6, "minTotalEcts", 5, "acceptedIssuerCountries", List.of("NL", "PT"),
                "requiredEscoSkills", List.of(SKILL), "maxCredentialAge", "P5Y", "accreditedAwardingBodyRequired", true), false));
        awaitDefinition("/api/v1/recognition-policies/{id}", id);
        given().when().get("/api/v1/recognition-policies/{id}", id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("organisationId", equalTo(university().id()))
                .body("organisation", equalTo("Technische Universiteit Delft"))
                .body("purpose", equalTo("ACADEMIC"))
                .body("minEqfLevel", equalTo(6))
                .body("acceptedIssuerCountries", containsInAnyOrder("NL", "PT"))
                .body("requiredEscoSkills", containsInAnyOrder(SKILL))
                .body("maxCredentialAge", equalTo("P5Y"))
                .body("accreditedAwardingBodyRequired", equalTo(true));
        given().when().get("/api/v1/recognition-policies/{id}", newId()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void only_a_recognising_organisation_defines_a_policy_with_its_own_key() {
        Map<String, Object> policy = academic(Map.of("minEqfLevel", 6), false);
        given().contentType(ContentType.JSON).body(policy).when().post("/api/v1/recognition-policies")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"));
        given().header("Authorization", "Bearer mcrk_unknown").contentType(ContentType.JSON).body(policy)
                .when().post("/api/v1/recognition-policies").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + OPERATOR_KEY).contentType(ContentType.JSON).body(policy)
                .when().post("/api/v1/recognition-policies").then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", awardingBody(newId()).bearer()).contentType(ContentType.JSON).body(policy)
                .when().post("/api/v1/recognition-policies").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("recognising organisation"));
        Organisation employer = register("Siemens", "EMPLOYER", null);
        String id = policy(employer, policy);
        awaitDefinition("/api/v1/recognition-policies/{id}", id);
        given().when().get("/api/v1/recognition-policies/{id}", id).then().body("organisationId", equalTo(employer.id()))
                .body("organisation", equalTo("Siemens"));
    }

    @Test
    void an_operator_registers_organisations_and_nobody_else_does() {
        given().contentType(ContentType.JSON).body(Map.of("name", "Siemens", "kind", "EMPLOYER"))
                .when().post("/api/v1/organisations").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", university().bearer()).contentType(ContentType.JSON)
                .body(Map.of("name", "Siemens", "kind", "EMPLOYER"))
                .when().post("/api/v1/organisations").then().statusCode(401);
        given().header("Authorization", "Bearer " + OPERATOR_KEY).contentType(ContentType.JSON)
                .body(Map.of("kind", "AWARDING_BODY", "name", ""))
                .when().post("/api/v1/organisations").then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/name", "/awardingBodyId"));
        given().header("Authorization", "Bearer " + OPERATOR_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", "Guild", "kind", "GUILD"))
                .when().post("/api/v1/organisations").then().statusCode(400).body("errors.pointer", containsInAnyOrder("/kind"));
        Organisation body = awardingBody("ab-" + newId());
        awaitDefinition("/api/v1/organisations/{id}", body.id());
        given().when().get("/api/v1/organisations/{id}", body.id()).then().statusCode(200)
                .body("kind", equalTo("AWARDING_BODY")).body("apiKey", equalTo(null));
        given().when().get("/api/v1/organisations/{id}", newId()).then().statusCode(404);
    }

    @Test
    void a_bad_policy_is_refused_naming_every_bad_field() {
        given().header("Authorization", university().bearer()).contentType(ContentType.JSON).body(Map.of("purpose", "LEISURE", "needsHumanReview", "yes",
                        "rules", Map.of("minEqfLevel", 9, "minTotalEcts", -1, "acceptedIssuerCountries", List.of("nl"),
                                "requiredEscoSkills", List.of("https://example.org/skill"), "maxCredentialAge", "five years",
                                "supervisedAssessmentRequired", "true")))
                .when().post("/api/v1/recognition-policies")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/purpose", "/needsHumanReview",
                        "/rules/minEqfLevel", "/rules/minTotalEcts", "/rules/acceptedIssuerCountries/0",
                        "/rules/requiredEscoSkills/0", "/rules/maxCredentialAge", "/rules/supervisedAssessmentRequired"));
    }

    @Test
    void credentials_meeting_the_policy_are_granted_with_their_ects_and_the_decision_is_published() {
        String learner = "did:example:" + newId();
        String body = newId();
        String first = newId();
        String second = newId();
        issue(kafka, first, body, learner, "NL", "3");
        issue(kafka, second, body, learner, "NL", "2.5");
        String policy = policy(academic(Map.of("minEqfLevel", 6, "minTotalEcts", 5, "requiredEscoSkills", List.of(SKILL)),
                false));

        JsonPath decision = request(learner, List.of(first, second), policy);
        String id = decision.getString("id");
        assertEquals("GRANTED", decision.getString("decision"));
        assertEquals(0, new BigDecimal("5.5").compareTo(new BigDecimal(decision.getString("ectsRecognised"))));
        assertTrue(decision.getString("explanation").contains("5.5 ECTS recognised"), decision.getString("explanation"));

        JsonPath stored = awaitDecision(id, "GRANTED");
        assertEquals(decision.getString("explanation"), stored.getString("explanation"));
        assertEquals(List.of(first, second), stored.getList("credentialIds"));
        assertEquals(List.of("REQUESTED", "GRANTED"), stored.getList("history.decision"));

        try (TopicReader reader = new TopicReader(bootstrapServers(), Topic.RECOGNITIONS.topicName())) {
            ConsumerRecord<String, byte[]> granted = reader.await(r -> id.equals(r.key())
                    && KafkaCloudEvents.fromRecord(r).type() == EventType.RECOGNITION_GRANTED, DEADLINE);
            RecognitionGranted data = (RecognitionGranted) KafkaCloudEvents.fromRecord(granted).decode();
            assertEquals(learner, data.learnerId());
            assertEquals(2, KafkaCloudEvents.fromRecord(granted).sequence());
        }
    }

    @Test
    void a_rejection_names_every_failed_rule_per_credential() {
        String learner = "did:example:" + newId();
        String body = newId();
        String credential = newId();
        issue(kafka, credential, body, learner, "PT", "2");
        String policy = policy(register("Siemens", "EMPLOYER", null), Map.of("purpose", "EMPLOYMENT", "rules", Map.of(
                "minEqfLevel", 8, "minEctsPerCredential", 3, "acceptedQualityAssuranceTypes", List.of("EXTERNAL"),
                "acceptedIssuerCountries", List.of("DE"), "accreditedAwardingBodyRequired", true,
                "requiredLearningOutcomes", List.of("Lead an engineering team"))));

        JsonPath decision = request(learner, List.of(credential), policy);
        assertEquals("REJECTED", decision.getString("decision"));
        JsonPath stored = awaitDecision(decision.getString("id"), "REJECTED");
        assertEquals(List.of("minimum-eqf-level", "minimum-ects-per-credential", "quality-assurance-type",
                "accredited-awarding-body", "issuer-country", "required-learning-outcome"), stored.getList("failedRules.rule"));
        assertEquals(credential, stored.getString("failedRules[0].credentialId"));
        assertEquals(null, stored.getString("failedRules[5].credentialId"));
        assertTrue(stored.getString("explanation").contains("6 rule(s) not met"), stored.getString("explanation"));
    }

    @Test
    void a_policy_asking_for_a_human_refers_the_request_and_the_reviewer_decision_is_recorded_with_who_and_why() {
        String learner = "did:example:" + newId();
        String body = newId();
        String credential = newId();
        issue(kafka, credential, body, learner, "NL", "4");
        Organisation institute = register("Royal Institute of Engineers", "PROFESSIONAL_BODY", null);
        String policy = policy(institute, Map.of("purpose", "PROFESSIONAL", "needsHumanReview", true,
                "rules", Map.of("minEqfLevel", 5)));

        JsonPath decision = request(learner, List.of(credential), policy);
        String id = decision.getString("id");
        assertEquals("NEEDS_REVIEW", decision.getString("decision"));
        awaitDecision(id, "NEEDS_REVIEW");

        Map<String, Object> grant = Map.of("decision", "GRANTED", "reviewer", "ir. J. Jansen",
                "reason", "Counts as CPD for 2026");
        given().contentType(ContentType.JSON).body(grant).when().post("/api/v1/recognition-requests/{id}/decision", id)
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", university().bearer()).contentType(ContentType.JSON).body(grant)
                .when().post("/api/v1/recognition-requests/{id}/decision", id)
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString(institute.id()));
        given().header("Authorization", "Bearer " + OPERATOR_KEY).contentType(ContentType.JSON).body(grant)
                .when().post("/api/v1/recognition-requests/{id}/decision", id).then().statusCode(403);
        given().header("Authorization", institute.bearer()).contentType(ContentType.JSON).body(Map.of("decision", "MAYBE"))
                .when().post("/api/v1/recognition-requests/{id}/decision", id)
                .then().statusCode(400).body("errors.pointer", containsInAnyOrder("/decision", "/reviewer", "/reason"));
        awaitDecision(id, "NEEDS_REVIEW"); // nothing recorded by the refused ones
        given().header("Authorization", institute.bearer()).contentType(ContentType.JSON).body(grant)
                .when().post("/api/v1/recognition-requests/{id}/decision", id)
                .then().statusCode(200)
                .body("decision", equalTo("GRANTED"))
                .body("decidedBy", equalTo("ir. J. Jansen"))
                .body("reviewerOrganisationId", equalTo(institute.id()))
                .body("explanation", equalTo("Counts as CPD for 2026"));
        JsonPath stored = awaitDecision(id, "GRANTED");
        assertEquals(List.of("REQUESTED", "NEEDS_REVIEW", "GRANTED"), stored.getList("history.decision"));
        assertEquals(institute.id(), stored.getString("reviewerOrganisationId"));
        given().header("Authorization", institute.bearer()).contentType(ContentType.JSON)
                .body(Map.of("decision", "REJECTED", "reviewer", "someone else", "reason", "changed my mind"))
                .when().post("/api/v1/recognition-requests/{id}/decision", id)
                .then().statusCode(409).contentType("application/problem+json")
                .body("currentDecision", equalTo("GRANTED"));
        given().header("Authorization", institute.bearer()).contentType(ContentType.JSON)
                .body(Map.of("decision", "GRANTED", "reviewer", "x", "reason", "y"))
                .when().post("/api/v1/recognition-requests/{id}/decision", newId())
                .then().statusCode(404);
    }

    @Test
    void only_active_credentials_the_learner_holds_are_accepted_and_nothing_is_recorded_otherwise() {
        String learner = "did:example:" + newId();
        String body = newId();
        String held = newId();
        String revoked = newId();
        String someoneElses = newId();
        issue(kafka, held, body, learner, "NL", "4");
        issue(kafka, revoked, body, learner, "NL", "4");
        issue(kafka, someoneElses, body, "did:example:" + newId(), "NL", "4");
        kafka.publish(envelope(new CredentialRevoked(revoked, body, "fraud", Instant.now(), "operator", null,
                Instant.now()), 2, body, "NL"));
        awaitStatus(revoked, "REVOKED");
        String policy = policy(academic(Map.of(), false));

        given().contentType(ContentType.JSON).body(Map.of("learnerId", learner,
                        "credentialIds", List.of(held, revoked, someoneElses, newId()), "policyId", policy))
                .when().post("/api/v1/recognition-requests")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/credentialIds/1", "/credentialIds/2", "/credentialIds/3"))
                .body("errors.reason", hasItems(containsString("REVOKED")));
        given().contentType(ContentType.JSON).body(Map.of("learnerId", learner, "credentialIds", List.of(),
                        "policyId", newId()))
                .when().post("/api/v1/recognition-requests")
                .then().statusCode(400).body("errors.pointer", containsInAnyOrder("/credentialIds"));
        given().contentType(ContentType.JSON).body(Map.of("learnerId", learner, "credentialIds", List.of(held),
                        "policyId", newId()))
                .when().post("/api/v1/recognition-requests")
                .then().statusCode(400).body("errors.pointer", containsInAnyOrder("/policyId"));
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/recognition-requests")
                .then().statusCode(400).body("errors.pointer", containsInAnyOrder("/learnerId", "/credentialIds", "/policyId"));
        given().when().get("/api/v1/recognition-requests/{id}", newId()).then().statusCode(404);
    }
}

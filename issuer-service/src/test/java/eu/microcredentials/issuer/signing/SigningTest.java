package eu.microcredentials.issuer.signing;

import static eu.microcredentials.issuer.support.IssuerApi.fullCredential;
import static eu.microcredentials.issuer.support.IssuerApi.issue;
import static eu.microcredentials.issuer.support.IssuerApi.newLearner;
import static eu.microcredentials.issuer.support.IssuerApi.registerAwardingBody;
import static eu.microcredentials.issuer.support.VerifiableCredentials.activeKey;
import static eu.microcredentials.issuer.support.VerifiableCredentials.parse;
import static eu.microcredentials.issuer.support.VerifiableCredentials.payload;
import static eu.microcredentials.issuer.support.VerifiableCredentials.publishedKeys;
import static eu.microcredentials.issuer.support.VerifiableCredentials.verifies;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import eu.microcredentials.events.KafkaCloudEvents;
import eu.microcredentials.events.Topic;
import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.issuer.support.IssuerApi.AwardingBody;
import eu.microcredentials.issuer.support.StatusListPlaces;
import eu.microcredentials.issuer.support.VerifiableCredentials.PublishedKey;
import eu.microcredentials.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Every credential is a W3C VC 2.0 secured as a VC-JOSE JWT with its awarding body's active key. The
 * checks use plain Nimbus and the published JWKs only, as a verifier outside the issuer would.
 */
@QuarkusTest
class SigningTest {
    private static final Duration KAFKA_DEADLINE = Duration.ofSeconds(30);
    private static final String PRIVATE_PART = "\"d\"";

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void a_credential_with_every_element_is_signed_with_the_active_key_and_verifies_with_its_published_jwk()
            throws Exception {
        AwardingBody body = registerAwardingBody("PT");
        String learner = newLearner();
        Response issued = issue(body, fullCredential(learner)).then().statusCode(201).extract().response();
        String credentialId = issued.path("id");
        String jwt = issued.path("verifiableCredential");
        assertNotNull(jwt, "verifiableCredential");

        JWSHeader header = parse(jwt).getHeader();
        assertEquals("vc+jwt", header.getType().getType());
        assertEquals(JWSAlgorithm.ES256, header.getAlgorithm());
        PublishedKey active = activeKey(body.id());
        assertEquals(active.keyId(), header.getKeyID());
        assertEquals("ES256", active.algorithm());
        assertTrue(verifies(jwt, active.publicKey()), "the signature verifies with the published key");

        JsonNode vc = payload(jwt);
        assertEquals("https://www.w3.org/ns/credentials/v2", vc.path("@context").path(0).asText());
        assertTrue(texts(vc.path("type")).contains("VerifiableCredential"), "type: " + vc.path("type"));
        assertEquals("urn:uuid:" + credentialId, vc.path("id").asText());
        assertEquals("urn:uuid:" + body.id(), vc.path("issuer").path("id").asText());
        assertEquals(Instant.parse(issued.path("issuedAt")), Instant.parse(vc.path("validFrom").asText()));

        JsonNode subject = vc.path("credentialSubject");
        assertEquals(learner, subject.path("id").asText());
        assertEquals("Ana", subject.path("givenName").asText());
        assertEquals("Silva", subject.path("familyName").asText());
        JsonNode achievement = subject.path("achievement");
        assertEquals("Applied Machine Learning", achievement.path("name").asText());
        assertEquals("2026-11-20", achievement.path("issuedOn").asText());
        assertEquals(0, achievement.path("creditsAvailable").decimalValue().compareTo(BigDecimal.valueOf(3)),
                "creditsAvailable: " + achievement.path("creditsAvailable"));
        assertEquals(75, achievement.path("volumeOfLearningHours").asInt());
        assertEquals(6, achievement.path("eqfLevel").asInt());
        assertEquals("FIRST_CYCLE", achievement.path("qfEheaCycle").asText());
        String esco = "http://data.europa.eu/esco/skill/8e6c2b58-1b2e-4f5b-9b1a-2f0c7c9c1f3e";
        assertEquals(1, achievement.path("learningOutcomes").size());
        assertEquals("Train and evaluate supervised models",
                achievement.path("learningOutcomes").path(0).path("description").asText());
        assertEquals(esco, achievement.path("learningOutcomes").path(0).path("relatedESCOSkill").asText());
        JsonNode alignment = achievement.path("alignment").path(0);
        assertEquals(esco, alignment.path("targetUrl").asText());
        assertEquals("ESCO", alignment.path("targetFramework").asText());
        assertEquals("WRITTEN_EXAM", achievement.path("assessment").path("type").asText());
        assertEquals("Proctored 2-hour exam", achievement.path("assessment").path("description").asText());
        assertEquals("ONLINE", achievement.path("participation").path("form").asText());
        assertEquals("EXTERNAL", achievement.path("qualityAssurance").path("type").asText());
        assertEquals("Programme accredited by A3ES", achievement.path("qualityAssurance").path("description").asText());
        assertEquals("Python programming", achievement.path("entryRequirement").asText());
        assertTrue(achievement.path("supervision").path("supervised").asBoolean(), "supervision: "
                + achievement.path("supervision"));
        assertEquals("ONLINE", achievement.path("supervision").path("identityVerification").asText());
        assertEquals("18/20", subject.path("result").path(0).path("value").asText());
        assertTrue(achievement.path("stackability").path("stackable").asBoolean(), "stackability");
        assertEquals("Counts towards the Data Science certificate",
                achievement.path("stackability").path("description").asText());
        assertEquals("https://example.org/courses/aml", achievement.path("furtherInformation").asText());
        assertEquals(List.of("PT"), texts(achievement.path("issuerCountries")));

        JsonNode statuses = vc.path("credentialStatus");
        assertEquals(2, statuses.size(), "credentialStatus: " + statuses);
        Map<String, JsonNode> byPurpose = new HashMap<>();
        statuses.forEach(status -> byPurpose.put(status.path("statusPurpose").asText(), status));
        assertEquals(Set.of("revocation", "suspension"), byPurpose.keySet());
        String index = byPurpose.get("revocation").path("statusListIndex").asText();
        assertTrue(byPurpose.get("revocation").path("statusListIndex").isTextual(), "statusListIndex is a string");
        assertTrue(index.matches("0|[1-9][0-9]*"), "statusListIndex is a decimal string: " + index);
        assertTrue(Long.parseLong(index) < 131_072, "statusListIndex within the list: " + index);
        assertEquals(index, byPurpose.get("suspension").path("statusListIndex").asText());
        for (String purpose : List.of("revocation", "suspension")) {
            JsonNode status = byPurpose.get(purpose);
            assertEquals("BitstringStatusListEntry", status.path("type").asText());
            assertThat(status.path("statusListCredential").asText(),
                    endsWith("/api/v1/status-lists/" + body.id() + "/" + purpose));
        }
        assertEquals(new StatusListPlaces.Place(byPurpose.get("revocation").path("statusListCredential").asText(),
                        Integer.parseInt(index)), StatusListPlaces.ofIssuedCredentials(pool, body.id()).get(credentialId),
                "the place its issued event names");
        assertEquals(1, StatusListPlaces.taken(pool, body.id()), "places taken by the body's one credential");
    }

    @Test
    void changing_one_byte_of_the_payload_breaks_the_signature() {
        AwardingBody body = registerAwardingBody("PT");
        String jwt = issue(body, fullCredential(newLearner())).then().statusCode(201).extract().path("verifiableCredential");
        PublishedKey key = activeKey(body.id());
        assertTrue(verifies(jwt, key.publicKey()), "the untouched credential verifies");

        String[] parts = jwt.split("\\.");
        byte[] payload = Base64URL.from(parts[1]).decode();
        String json = new String(payload, StandardCharsets.UTF_8);
        int title = json.indexOf("Applied Machine Learning");
        assertTrue(title > 0, "the title is in the payload");
        int at = json.substring(0, title).getBytes(StandardCharsets.UTF_8).length;
        payload[at] = (byte) 'B'; // "Applied" becomes "Bpplied": still valid JSON, one byte different
        String tampered = parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];

        assertNotEquals(jwt, tampered);
        assertEquals("Bpplied Machine Learning", payload(tampered).path("name").asText());
        assertFalse(verifies(tampered, key.publicKey()), "a tampered payload must not verify");
    }

    @Test
    void after_a_rotation_old_credentials_verify_with_the_retired_key_and_new_ones_with_the_new_key() {
        AwardingBody body = registerAwardingBody("NL");
        String before = issue(body, fullCredential(newLearner())).then().statusCode(201).extract().path("verifiableCredential");
        String oldKeyId = activeKey(body.id()).keyId();

        Response rotation = body.request().when().post("/api/v1/awarding-bodies/{id}/signing-keys", body.id())
                .then().statusCode(201).extract().response();
        String newKeyId = rotation.path("keyId");
        assertNotEquals(oldKeyId, newKeyId);
        assertFalse(rotation.asString().contains(PRIVATE_PART), "the rotation answer holds private material");

        String after = issue(body, fullCredential(newLearner())).then().statusCode(201).extract().path("verifiableCredential");

        List<PublishedKey> keys = publishedKeys(body.id());
        assertEquals(List.of(oldKeyId, newKeyId), keys.stream().map(PublishedKey::keyId).toList());
        PublishedKey oldKey = keys.get(0);
        PublishedKey newKey = keys.get(1);
        assertNotNull(oldKey.retiredAt(), "the old key is retired");
        assertEquals(oldKey.retiredAt(), newKey.activeFrom(), "the new key takes over the instant the old one retires");
        assertNull(newKey.retiredAt(), "the new key is active");
        assertEquals(newKeyId, activeKey(body.id()).keyId());

        assertEquals(oldKeyId, parse(before).getHeader().getKeyID());
        assertEquals(newKeyId, parse(after).getHeader().getKeyID());
        assertNotEquals(parse(before).getHeader().getKeyID(), parse(after).getHeader().getKeyID());
        assertTrue(verifies(before, oldKey.publicKey()), "the earlier credential verifies with the retired key");
        assertTrue(verifies(after, newKey.publicKey()), "the later credential verifies with the new key");
        assertFalse(verifies(before, newKey.publicKey()), "the earlier credential must not verify with the new key");
        assertFalse(verifies(after, oldKey.publicKey()), "the later credential must not verify with the retired key");
    }

    @Test
    void the_published_event_carries_the_signed_credential_and_no_answer_or_event_holds_a_private_key() {
        AwardingBody body = registerAwardingBody("PT");
        Response issued = issue(body, fullCredential(newLearner())).then().statusCode(201).extract().response();
        String credentialId = issued.path("id");
        String jwt = issued.path("verifiableCredential");
        Response rotation = body.request().when().post("/api/v1/awarding-bodies/{id}/signing-keys", body.id())
                .then().statusCode(201).extract().response();

        List<String> answers = List.of(issued.asString(), rotation.asString(),
                given().when().get("/api/v1/awarding-bodies/{id}", body.id()).then().statusCode(200).extract().asString(),
                body.request().when().get("/api/v1/credentials/{id}", credentialId).then().statusCode(200)
                        .extract().asString());
        for (String answer : answers) {
            assertFalse(answer.contains(PRIVATE_PART), "an API answer holds private material: " + answer);
        }

        try (TopicReader credentials = new TopicReader(bootstrapServers, Topic.CREDENTIALS.topicName())) {
            ConsumerRecord<String, byte[]> record = credentials.await(r -> credentialId.equals(r.key()), KAFKA_DEADLINE);
            CredentialIssued data = assertInstanceOf(CredentialIssued.class, KafkaCloudEvents.fromRecord(record).decode());
            assertEquals(jwt, data.verifiableCredential());
            assertEquals(parse(jwt).getHeader().getKeyID(), data.signingKeyId());
            assertEquals(2, data.credentialStatus().size());
            assertFalse(new String(record.value(), StandardCharsets.UTF_8).contains(PRIVATE_PART),
                    "the credential event holds private material");
        }
        // registered, first key added, second key added, first key retired
        try (TopicReader awardingBodies = new TopicReader(bootstrapServers, Topic.AWARDING_BODIES.topicName())) {
            List<ConsumerRecord<String, byte[]>> records = awardingBodies.awaitAll(r -> body.id().equals(r.key()), 4,
                    KAFKA_DEADLINE);
            assertEquals(4, records.size());
            for (ConsumerRecord<String, byte[]> record : records) {
                String json = new String(record.value(), StandardCharsets.UTF_8);
                assertFalse(json.contains(PRIVATE_PART), "an awarding body event holds private material: " + json);
            }
        }

        // at rest, the private keys are sealed: no JWK text is readable in the table
        RowSet<Row> secrets = pool.preparedQuery("SELECT sealed_jwk FROM signing_key_secret WHERE awarding_body_id = $1")
                .execute(Tuple.of(body.id())).await().atMost(Duration.ofSeconds(10));
        assertEquals(2, secrets.size());
        for (Row secret : secrets) {
            String bytes = new String(secret.getBuffer("sealed_jwk").getBytes(), StandardCharsets.ISO_8859_1);
            assertFalse(bytes.contains(PRIVATE_PART) || bytes.contains("\"kty\""), "a private key is stored in clear");
        }
    }

    @Test
    void two_hundred_credentials_of_one_awarding_body_get_two_hundred_distinct_status_list_indexes() throws Exception {
        AwardingBody body = registerAwardingBody("PT");
        int credentials = 200;
        ExecutorService clients = Executors.newFixedThreadPool(8);
        Map<String, Long> indexOfCredential = new HashMap<>();
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < credentials; i++) {
                answers.add(clients.submit(() -> issue(body, fullCredential(newLearner()))
                        .then().statusCode(201).extract().response()));
            }
            for (Future<Response> answer : answers) {
                Response issued = answer.get(60, TimeUnit.SECONDS);
                JsonNode status = payload(issued.path("verifiableCredential")).path("credentialStatus").path(0);
                indexOfCredential.put(issued.path("id"), Long.parseLong(status.path("statusListIndex").asText()));
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(credentials, indexOfCredential.size());
        assertEquals(credentials, new HashSet<>(indexOfCredential.values()).size(), "indexes given in credentials");

        Map<String, Long> named = new HashMap<>();
        StatusListPlaces.ofIssuedCredentials(pool, body.id()).forEach((id, place) -> named.put(id, (long) place.index()));
        assertEquals(indexOfCredential, named, "each credential's issued event names the index it was signed with");
        assertEquals(credentials, StatusListPlaces.taken(pool, body.id()), "one place taken for each credential");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}

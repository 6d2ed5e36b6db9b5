package eu.microcredentials.systemtests;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.KafkaCloudEvents;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A credential issued at issuer-service reaches, with all its content, the public registry (both
 * instances, and the learner's own view), recognition-service, and the public Kafka topic as a
 * CloudEvent.
 */
@ExtendWith(RunningPlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CredentialFlowSystemTest {
    private static final Duration PROPAGATION = Duration.ofSeconds(30);
    private static final String CREDENTIALS_TOPIC = "mc.credentials.v1";

    private Platform platform;
    private String legalName;
    private AwardingBody awardingBody;
    private String awardingBodyId;
    private String learnerId;
    private ObjectNode request;
    private JsonNode issued;
    private String credentialId;

    @BeforeAll
    void issueOneCredential(Platform platform) {
        this.platform = platform;
        legalName = "Universidade do Minho " + UUID.randomUUID();
        awardingBody = platform.registerAwardingBody(Requests.awardingBody(legalName));
        awardingBodyId = awardingBody.id();
        assertEquals(legalName, awardingBody.registered().path("legalName").asText());

        learnerId = Requests.newLearnerId();
        request = Requests.fullCredential(learnerId);
        issued = awardingBody.issue(request);
        credentialId = issued.path("id").asText();
        assertTrue(!credentialId.isBlank(), "the issuer answers with the credential's id: " + issued);
    }

    @Test
    void the_issuer_answers_with_the_active_credential_and_all_its_elements() {
        assertEquals(awardingBodyId, issued.path("awardingBodyId").asText());
        assertEquals("ACTIVE", issued.path("status").asText());
        JsonSubset.assertContains(request, issued.path("credential"), "the issuer's answer");
        assertEquals(credentialId, issued.path("credential").path("credentialId").asText());
        assertTrue(issued.path("verifiableCredential").asText().split("\\.").length == 3,
                "the issuer answers with the signed credential, a compact JWS: " + issued.path("verifiableCredential"));
    }

    @Test
    void only_the_operator_registers_and_only_the_awarding_body_issues_and_reads_its_credentials() {
        JsonHttp anonymous = platform.issuer().http();
        JsonHttp unknownKey = anonymous.withApiKey("mcak_" + UUID.randomUUID());
        ObjectNode registration = Requests.awardingBody("Universidade Nova de Lisboa " + UUID.randomUUID());
        assertEquals(401, anonymous.post("/api/v1/awarding-bodies", registration).status(), "without a key");
        assertEquals(401, unknownKey.post("/api/v1/awarding-bodies", registration).status(), "with an unknown key");
        assertEquals(403, awardingBody.issuer().post("/api/v1/awarding-bodies", registration).status(),
                "with an awarding body's key");

        AwardingBody other = platform.registerAwardingBody(Requests.awardingBody("Universidade do Porto " + UUID.randomUUID()));
        ObjectNode credential = Requests.fullCredential(Requests.newLearnerId());
        assertEquals(401, anonymous.post(awardingBody.credentialsPath(), credential).status(), "issuing without a key");
        assertEquals(401, unknownKey.post(awardingBody.credentialsPath(), credential).status(), "issuing with an unknown key");
        assertEquals(403, other.issuer().post(awardingBody.credentialsPath(), credential).status(),
                "issuing with another awarding body's key");

        String path = "/api/v1/credentials/" + credentialId;
        assertEquals(401, anonymous.get(path).status(), "reading a credential without a key");
        assertEquals(403, other.issuer().get(path).status(), "reading another awarding body's credential");
        assertEquals(credentialId, awardingBody.issuer().get(path).expect(200).path("id").asText());
        assertEquals(credentialId, platform.operator().get(path).expect(200).path("id").asText());

        // the awarding body itself, with its public keys, is public
        JsonNode published = anonymous.get("/api/v1/awarding-bodies/" + awardingBodyId).expect(200);
        assertEquals(legalName, published.path("legalName").asText());
        assertTrue(published.path("signingKeys").size() > 0, "it publishes its signing keys: " + published);
    }

    @Test
    void the_registry_shows_it_with_every_element_on_both_instances() {
        for (ServiceProcess registry : platform.registries()) {
            JsonNode registered = Eventually.await(PROPAGATION, credentialId + " in " + registry.name(), () -> {
                JsonNode found = registry.http().get("/api/v1/registry/credentials/" + credentialId).expect(200);
                // the awarding body comes on another topic, maybe through the other instance
                assertEquals(legalName, found.path("awardingBodyName").asText(), "awarding body name");
                return found;
            });
            assertEquals(credentialId, registered.path("id").asText());
            assertEquals(awardingBodyId, registered.path("awardingBodyId").asText());
            assertEquals(learnerId, registered.path("learnerId").asText());
            assertEquals("Applied Machine Learning", registered.path("title").asText());
            assertEquals(JsonHttp.JSON.valueToTree(List.of("PT")), registered.path("issuerCountries"));
            assertEquals("2026-11-20", registered.path("issuedOn").asText());
            assertEquals("ACTIVE", registered.path("status").asText());
            JsonSubset.assertContains(request, registered.path("credential"), "the credential in " + registry.name());
            JsonSubset.assertSameContent(issued.path("credential"), registered.path("credential"),
                    "the credential in " + registry.name() + ", compared with the issuer's answer");
        }
    }

    @Test
    void the_learner_finds_it_in_their_own_view_of_the_registry() {
        for (ServiceProcess registry : platform.registries()) {
            JsonNode held = Eventually.await(PROPAGATION, "the learner's view in " + registry.name(), () -> {
                JsonNode list = registry.http()
                        .get("/api/v1/registry/learners/" + JsonHttp.segment(learnerId) + "/credentials").expect(200);
                assertEquals(1, list.size(), "credentials of " + learnerId + ": " + list);
                return list.get(0);
            });
            assertEquals(credentialId, held.path("id").asText());
            assertEquals(learnerId, held.path("learnerId").asText());
            JsonSubset.assertContains(request, held.path("credential"), "the learner's view in " + registry.name());
        }
    }

    @Test
    void recognition_service_holds_it_with_its_ects() {
        JsonHttp recognition = platform.recognition().http();
        JsonNode holdings = Eventually.await(PROPAGATION, "the learner's holdings in recognition-service", () -> {
            JsonNode answer = recognition.get("/api/v1/learners/" + JsonHttp.segment(learnerId) + "/credentials")
                    .expect(200);
            assertEquals(1, answer.path("credentials").size(), "holdings: " + answer);
            return answer;
        });
        assertEquals(learnerId, holdings.path("learnerId").asText());
        assertNumber(3, holdings.path("activeEcts"), "activeEcts");
        JsonNode held = holdings.path("credentials").get(0);
        assertEquals(credentialId, held.path("id").asText());
        assertEquals(awardingBodyId, held.path("awardingBodyId").asText());
        assertEquals("Applied Machine Learning", held.path("title").asText());
        assertNumber(3, held.path("ects"), "ects");
        assertEquals(6, held.path("eqfLevel").asInt());
        assertEquals("PT", held.path("issuerCountries").path(0).asText());
        assertEquals("2026-11-20", held.path("issuedOn").asText());
        assertEquals("ACTIVE", held.path("status").asText());
    }

    @Test
    void the_event_is_on_the_credentials_topic_as_a_binary_mode_cloudevent() throws IOException {
        ConsumerRecord<String, byte[]> record = readRecordKeyed(credentialId);
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        assertEquals("1.0", headers.get("ce_specversion"), "ce_specversion in " + headers);
        assertDoesNotThrow(() -> UUID.fromString(headers.get("ce_id")), "ce_id is a UUID: " + headers);
        assertNotNull(headers.get("ce_source"), "ce_source in " + headers);
        assertTrue(!headers.get("ce_source").isBlank(), "ce_source in " + headers);
        assertEquals("eu.microcredential.credential.issued.v1", headers.get("ce_type"));
        assertEquals(credentialId, headers.get("ce_subject"));
        assertNotNull(headers.get("ce_time"), "ce_time in " + headers);
        assertDoesNotThrow(() -> OffsetDateTime.parse(headers.get("ce_time")), "ce_time is an RFC 3339 time: " + headers);
        assertEquals("1", headers.get("ce_sequence"));
        assertEquals(awardingBodyId, headers.get("ce_awardingbody"));
        assertEquals("PT", headers.get("ce_country"));
        assertEquals("application/json", headers.get("content-type"));

        JsonNode data = JsonHttp.JSON.readTree(record.value());
        assertEquals(credentialId, data.path("credentialId").asText());
        JsonSubset.assertContains(request, data, "the event's data");
        // and the contract's own reader (binding rules and JSON Schema) accepts it
        EventEnvelope envelope = KafkaCloudEvents.fromRecord(record);
        assertEquals(credentialId, envelope.subject());
    }

    private static ConsumerRecord<String, byte[]> readRecordKeyed(String key) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Platform.kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "system-tests-" + UUID.randomUUID());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(CREDENTIALS_TOPIC, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // poll itself waits for records: no pause between polls, so a long topic is read at full speed
            long deadline = System.nanoTime() + PROPAGATION.toNanos();
            long seen = 0;
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    seen++;
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
            throw new AssertionError("no record keyed " + key + " on " + CREDENTIALS_TOPIC + " within "
                    + PROPAGATION.toSeconds() + " s (" + seen + " records read from the beginning)");
        }
    }

    private static void assertNumber(long expected, JsonNode actual, String what) {
        assertTrue(actual.isNumber(), what + " is a number: " + actual);
        assertEquals(0, BigDecimal.valueOf(expected).compareTo(actual.decimalValue()), what + " is " + actual);
    }
}

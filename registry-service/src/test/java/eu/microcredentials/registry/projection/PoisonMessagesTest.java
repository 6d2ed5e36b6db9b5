package eu.microcredentials.registry.projection;

import static eu.microcredentials.testsupport.ContractEvents.credential;
import static eu.microcredentials.testsupport.ContractEvents.envelope;
import static eu.microcredentials.testsupport.ContractEvents.newId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.EventJson;
import eu.microcredentials.events.KafkaCloudEvents;
import eu.microcredentials.events.Topic;
import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.testsupport.AdminEndpoints;
import eu.microcredentials.testsupport.ContractProducer;
import eu.microcredentials.testsupport.Eventually;
import eu.microcredentials.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Records the registry cannot read go to its dead-letter topic, and the partition goes on. */
@QuarkusTest
class PoisonMessagesTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String CREDENTIALS = Topic.CREDENTIALS.topicName();
    private static final String DEAD_LETTERS = "mc.dead-letters.registry-service";
    private static final String OPERATOR_KEY = "test-registry-operator-key";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void unreadable_records_are_dead_lettered_with_their_origin_and_the_partition_does_not_stall() {
        String body = newId();
        String credentialId = newId();
        String learner = "did:example:" + newId();
        // other instances of the service may share the consumer group (the dead-letter topic and the database are
        // shared too, but metrics are not): put every record on one partition that this instance consumes
        int partition = partitionOfThisInstance();
        RecordMetadata notJson;
        RecordMetadata noHeaders;
        RecordMetadata breaksSchema;
        CredentialIssued valid = credential(credentialId, body, learner, "DE", new BigDecimal("2.5"));
        try (ContractProducer kafka = new ContractProducer(bootstrapServers)) {
            // (a) CloudEvents headers all right, but the value is not JSON
            ProducerRecord<String, byte[]> wellFormed = KafkaCloudEvents.toRecord(envelope(valid, 1, body, "DE"));
            notJson = kafka.send(new ProducerRecord<>(CREDENTIALS, partition, credentialId,
                    "{this is not json".getBytes(StandardCharsets.UTF_8), wellFormed.headers()));
            // (b) valid data, but no ce_ headers at all
            noHeaders = kafka.send(new ProducerRecord<>(CREDENTIALS, partition, credentialId, EventJson.write(valid)));
            // (c) a CloudEvent whose data breaks the schema: 0 ECTS
            breaksSchema = kafka.publish(envelope(credential(credentialId, body, learner, "DE", BigDecimal.ZERO),
                    1, body, "DE"), partition);
            // then the valid credential, behind the poison with the same key on the same partition
            EventEnvelope event = envelope(valid, 1, body, "DE");
            RecordMetadata validAt = kafka.publish(event, partition);
            for (RecordMetadata sent : new RecordMetadata[] {notJson, noHeaders, breaksSchema, validAt}) {
                assertEquals(partition, sent.partition());
            }
        }

        Eventually.await(DEADLINE, () -> given().when().get("/api/v1/registry/credentials/{id}", credentialId)
                .then().statusCode(200)
                .body("title", equalTo(valid.title()))
                .body("credential.workload.ects", equalTo(2.5f)));

        try (TopicReader deadLetters = new TopicReader(bootstrapServers, DEAD_LETTERS)) {
            assertDeadLettered(deadLetters, notJson, credentialId, "{this is not json");
            assertDeadLettered(deadLetters, noHeaders, credentialId, new String(EventJson.write(valid),
                    StandardCharsets.UTF_8));
            assertDeadLettered(deadLetters, breaksSchema, credentialId, null);
        }

        Eventually.await(DEADLINE, () -> {
            String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            double deadLettered = metrics.lines()
                    .filter(line -> (line.startsWith("mc_dead_letters_total") || line.startsWith("mc_projection_dead_letters"))
                            && line.contains("projection=\"registry\""))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
            assertTrue(deadLettered > 0, "dead letters of projection registry: " + deadLettered);
        });
        AdminEndpoints.asOperator(OPERATOR_KEY).when().get("/admin/projections")
                .then().statusCode(200)
                .body("find { it.name == 'registry' }.state", equalTo("RUNNING"));
    }

    /** A partition of the credentials topic assigned to this instance's registry projection. */
    private static int partitionOfThisInstance() {
        int[] partition = {-1};
        Eventually.await(DEADLINE, () -> {
            List<String> assigned = AdminEndpoints.asOperator(OPERATOR_KEY).when().get("/admin/projections")
                    .then().statusCode(200)
                    .extract().jsonPath().getList("find { it.name == 'registry' }.assignedPartitions", String.class);
            String prefix = CREDENTIALS + "-";
            partition[0] = assigned.stream().filter(p -> p.startsWith(prefix))
                    .mapToInt(p -> Integer.parseInt(p.substring(prefix.length()))).min()
                    .orElseThrow(() -> new AssertionError("no partition of " + CREDENTIALS + " assigned: " + assigned));
        });
        return partition[0];
    }

    private static void assertDeadLettered(TopicReader deadLetters, RecordMetadata original, String key,
                                           String value) {
        // every projection reading the topic dead-letters it on its own (the history too): take the registry's
        ConsumerRecord<String, byte[]> dead = deadLetters.await(record ->
                CREDENTIALS.equals(header(record, "dlt_original_topic"))
                        && "registry".equals(header(record, "dlt_consumer"))
                        && Integer.toString(original.partition()).equals(header(record, "dlt_original_partition"))
                        && Long.toString(original.offset()).equals(header(record, "dlt_original_offset")), DEADLINE);
        String reason = header(dead, "dlt_reason");
        assertNotNull(reason, "dlt_reason");
        assertFalse(reason.isBlank(), "dlt_reason");
        assertEquals("registry", header(dead, "dlt_consumer"));
        assertNotNull(header(dead, "dlt_exception"), "dlt_exception");
        assertEquals(key, dead.key());
        if (value != null) {
            assertArrayEquals(value.getBytes(StandardCharsets.UTF_8), dead.value(), "the original value, unchanged");
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

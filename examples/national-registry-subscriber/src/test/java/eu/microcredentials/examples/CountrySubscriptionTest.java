package eu.microcredentials.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The subscription's own rules, on Kafka's MockConsumer: filter by country, hand each event once, commit what was read. */
class CountrySubscriptionTest {
    private static final TopicPartition P0 = new TopicPartition(CountrySubscription.TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(CountrySubscription.TOPIC, 1);

    private MockConsumer<String, byte[]> kafka;
    private CountrySubscription subscription;
    private final List<CredentialEvent> handed = new ArrayList<>();

    @BeforeEach
    void subscribe() {
        kafka = new MockConsumer<>("earliest");
        subscription = new CountrySubscription(new CountrySubscription.Settings("unused:9092", "PT",
                "national-registry-pt", StartingPoint.committed()), kafka);
        kafka.rebalance(List.of(P0, P1));
        kafka.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    }

    @Test
    void hands_over_the_countrys_events_only_with_their_attributes_title_and_learner() {
        kafka.addRecord(issued(P0, 0, "e1", "c1", "PT"));
        kafka.addRecord(issued(P0, 1, "e2", "c2", "NL"));
        kafka.addRecord(issued(P1, 0, "e3", "c3", "PT"));

        assertEquals(2, subscription.poll(Duration.ZERO, handed::add));

        assertEquals(List.of("c1", "c3"), handed.stream().map(CredentialEvent::subject).sorted().toList());
        CredentialEvent first = handed.stream().filter(e -> e.subject().equals("c1")).findFirst().orElseThrow();
        assertEquals("{\"ce_id\":\"e1\",\"ce_type\":\"eu.microcredential.credential.issued.v1\",\"ce_subject\":\"c1\","
                + "\"ce_time\":\"2026-11-20T10:00:00Z\",\"title\":\"Title of c1\",\"learnerId\":\"mailto:c1@example.org\"}",
                first.summary().toString());
        assertEquals(1L, first.sequence());
        assertEquals("PT", first.country());
    }

    @Test
    void an_event_delivered_twice_is_handed_over_once() {
        kafka.addRecord(issued(P0, 0, "e1", "c1", "PT"));
        kafka.addRecord(issued(P0, 1, "e1", "c1", "PT"));

        assertEquals(1, subscription.poll(Duration.ZERO, handed::add));
        assertEquals(1, handed.size());
        assertEquals(1, subscription.duplicates());
    }

    @Test
    void commits_everything_read_including_the_other_countries_records() {
        kafka.addRecord(issued(P0, 0, "e1", "c1", "PT"));
        kafka.addRecord(issued(P0, 1, "e2", "c2", "NL"));

        subscription.poll(Duration.ZERO, handed::add);

        assertEquals(Map.of(P0, new OffsetAndMetadata(2)), kafka.committed(Set.of(P0)));
    }

    @Test
    void a_limit_stops_at_the_last_event_handed_and_the_rest_is_read_next_time() {
        kafka.addRecord(issued(P0, 0, "e1", "c1", "PT"));
        kafka.addRecord(issued(P0, 1, "e2", "c2", "PT"));
        kafka.addRecord(issued(P0, 2, "e3", "c3", "PT"));

        assertEquals(1, subscription.poll(Duration.ZERO, 1, handed::add));
        assertEquals(Map.of(P0, new OffsetAndMetadata(1)), kafka.committed(Set.of(P0)));
        assertEquals(1, kafka.position(P0));
    }

    @Test
    void an_event_whose_callback_failed_is_not_taken_for_a_duplicate() {
        kafka.addRecord(issued(P0, 0, "e1", "c1", "PT"));
        assertThrows(IllegalStateException.class, () -> subscription.poll(Duration.ZERO, event -> {
            throw new IllegalStateException("the registry's database is down");
        }));
        assertNull(kafka.committed(Set.of(P0)).get(P0), "nothing committed");

        kafka.seek(P0, 0);
        kafka.addRecord(issued(P0, 0, "e1", "c1", "PT"));
        assertEquals(1, subscription.poll(Duration.ZERO, handed::add));
    }

    private static ConsumerRecord<String, byte[]> issued(TopicPartition partition, long offset, String eventId,
                                                         String credentialId, String country) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes(eventId));
        headers.add("ce_type", bytes("eu.microcredential.credential.issued.v1"));
        headers.add("ce_subject", bytes(credentialId));
        headers.add("ce_time", bytes("2026-11-20T10:00:00Z"));
        headers.add("ce_sequence", bytes("1"));
        headers.add("ce_country", bytes(country));
        String data = """
                {"credentialId":"%s","title":"Title of %s","learner":{"id":"mailto:%s@example.org"}}"""
                .formatted(credentialId, credentialId, credentialId);
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, 1_700_000_000_000L,
                TimestampType.CREATE_TIME, -1, -1, credentialId, bytes(data), headers, Optional.empty());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

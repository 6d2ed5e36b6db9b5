package eu.microcredentials.recognition.definitions;

import static eu.microcredentials.recognition.support.RecognitionApi.DEADLINE;
import static eu.microcredentials.recognition.support.RecognitionApi.issue;
import static eu.microcredentials.recognition.support.RecognitionApi.request;
import static eu.microcredentials.testsupport.ContractEvents.newId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import eu.microcredentials.events.EventType;
import eu.microcredentials.events.data.RecognitionPolicyDefined;
import eu.microcredentials.recognition.domain.policy.Purpose;
import eu.microcredentials.recognition.domain.policy.RecognitionPolicy;
import eu.microcredentials.recognition.infrastructure.PolicyStore;
import eu.microcredentials.recognition.support.ContractKafkaTest;
import eu.microcredentials.eventsourcing.EventStore;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A policy defined before policies were events (a row of the definitions table without a stream) gets its definition
 * event at start, without an owner, once; decisions are then taken on it as on any other.
 */
@QuarkusTest
class LegacyDefinitionsTest extends ContractKafkaTest {
    @Inject
    Pool pool;
    @Inject
    EventStore store;
    @Inject
    LegacyDefinitions legacy;

    @Test
    void a_policy_defined_before_it_was_an_event_is_recorded_once_and_decided_on() {
        String policyId = newId();
        // written as the service wrote policies before they were events
        RecognitionPolicy policy = new RecognitionPolicy(policyId, "Universiteit Leiden", null, Purpose.ACADEMIC, null,
                null, new BigDecimal("2"), Set.of(), false, Set.of(), List.of(), List.of(), null, Set.of(), false, false,
                Instant.parse("2025-09-01T00:00:00Z"));
        pool.preparedQuery("INSERT INTO recognition_policy (id, policy, defined_at) VALUES ($1, $2::text::jsonb, now())")
                .execute(Tuple.of(policyId, PolicyStore.write(policy))).await().atMost(DEADLINE);

        legacy.recordAsEvents(null);
        legacy.recordAsEvents(null); // at the next start: nothing more

        var events = store.load(pool, policyId).await().atMost(DEADLINE);
        assertEquals(1, events.size());
        assertEquals(EventType.RECOGNITION_POLICY_DEFINED, events.get(0).type());
        RecognitionPolicyDefined defined = (RecognitionPolicyDefined) events.get(0).decode();
        assertEquals("Universiteit Leiden", defined.organisation());
        assertNull(defined.organisationId());

        String learner = "did:example:" + newId();
        String credential = newId();
        issue(kafka, credential, newId(), learner, "NL", "3");
        assertEquals("GRANTED", request(learner, List.of(credential), policyId).getString("decision"));
    }
}

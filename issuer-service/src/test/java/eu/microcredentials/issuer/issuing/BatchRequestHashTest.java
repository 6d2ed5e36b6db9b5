package eu.microcredentials.issuer.issuing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import eu.microcredentials.events.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A batch's hash for its Idempotency-Key is written row by row, and must stay the hash of the whole batch as
 * one JSON tree, which keys recorded before were checked with: otherwise a retry would be refused as another batch.
 */
class BatchRequestHashTest {
    private static final String BATCH = """
            [
              {"learner": {"id": "urn:uuid:5e0d6c0e-9f7a-4b8e-8d0a-1c2b3d4e5f60", "givenName": "Zoë", "familyName": "Ødegård"},
               "title": "Données et société — niveau 1", "issuerCountries": ["FR", "DE"], "issuedOn": "2026-06-30",
               "learningOutcomes": [{"description": "Analyse des données \\"ouvertes\\"", "escoSkill": "http://data.europa.eu/esco/skill/abc"}],
               "workload": {"ects": 5.0, "hours": 125}, "level": {"eqf": 6, "qfEhea": "first cycle"},
               "assessment": {"type": "exam", "description": "written, 2 h"}, "grade": "16/20",
               "supervision": {"supervised": true, "identityVerification": "onsite"},
               "stackability": {"stackable": true, "description": "towards the master"}},
              null,
              {"title": "Short", "workload": {"ects": 10, "hours": null}, "coAwardingBodies": []},
              {"title": "Decimals", "workload": {"ects": 2.50}, "learningOutcomes": []}
            ]""";

    @Test
    void theRowByRowHashIsTheHashOfTheWholeBatchAsOneTree() throws Exception {
        List<IssueCredentialRequest> requests = EventJson.mapper().readValue(BATCH, new TypeReference<>() { });

        String asOneTree = IdempotencyKeys.hash(EventJson.mapper().valueToTree(requests).toString()
                .getBytes(StandardCharsets.UTF_8));

        assertEquals(asOneTree, IdempotencyKeys.hashOfJsonArray(requests));
        assertEquals(IdempotencyKeys.hash("[]".getBytes(StandardCharsets.UTF_8)), IdempotencyKeys.hashOfJsonArray(List.of()));
    }

    @Test
    void anotherBatchHasAnotherHash() throws Exception {
        List<IssueCredentialRequest> requests = EventJson.mapper().readValue(BATCH, new TypeReference<>() { });
        List<IssueCredentialRequest> fewer = new ArrayList<>(requests.subList(0, requests.size() - 1));

        assertNotEquals(IdempotencyKeys.hashOfJsonArray(requests), IdempotencyKeys.hashOfJsonArray(fewer));
    }
}

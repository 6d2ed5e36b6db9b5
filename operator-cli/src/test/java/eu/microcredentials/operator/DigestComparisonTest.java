package eu.microcredentials.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestComparisonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void bucketsWithOtherDigestsOrOnOneSideOnlyDiffer() throws Exception {
        JsonNode issuer = JSON.readTree("""
                {"buckets": [{"bucket": "0a", "digest": "x"}, {"bucket": "1b", "digest": "y"}, {"bucket": "ff", "digest": "z"}]}""");
        JsonNode registry = JSON.readTree("""
                {"buckets": [{"bucket": "0a", "digest": "x"}, {"bucket": "1b", "digest": "other"}, {"bucket": "c3", "digest": "w"}]}""");

        assertEquals(List.of("1b", "c3", "ff"), DigestComparison.differingBuckets(issuer, registry));
        assertEquals(List.of(), DigestComparison.differingBuckets(issuer, issuer));
    }

    @Test
    void namesEachStreamWhoseVersionOrHashDiffersOrThatOneSideLacks() throws Exception {
        JsonNode issuer = JSON.readTree("""
                [{"streamId": "a", "version": 2, "hash": "h2"}, {"streamId": "b", "version": 1, "hash": "hb"},
                 {"streamId": "c", "version": 3, "hash": "hc"}, {"streamId": "d", "version": 1, "hash": "hd"}]""");
        JsonNode recognition = JSON.readTree("""
                [{"streamId": "a", "version": 1, "hash": "h1"}, {"streamId": "b", "version": 1, "hash": "hb"},
                 {"streamId": "c", "version": 3, "hash": "forged"}]""");

        List<DigestComparison.Disagreement> found = DigestComparison.disagreements(issuer, recognition);

        assertEquals(List.of(
                new DigestComparison.Disagreement("a", 2L, "h2", 1L, "h1"),
                new DigestComparison.Disagreement("c", 3L, "hc", 3L, "forged"),
                new DigestComparison.Disagreement("d", 1L, "hd", null, null)), found);
    }
}

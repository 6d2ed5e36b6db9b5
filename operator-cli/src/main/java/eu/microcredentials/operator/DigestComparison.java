package eu.microcredentials.operator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/** Compares what two holders have of a topic's streams: first by bucket digest, then stream by stream. */
final class DigestComparison {
    private DigestComparison() {
    }

    /** The buckets whose digests differ, or that only one side has. */
    static List<String> differingBuckets(JsonNode reference, JsonNode other) {
        Map<String, String> ours = buckets(reference);
        Map<String, String> theirs = buckets(other);
        TreeSet<String> all = new TreeSet<>(ours.keySet());
        all.addAll(theirs.keySet());
        return all.stream().filter(b -> !Objects.equals(ours.get(b), theirs.get(b))).toList();
    }

    /** One stream on which two holders disagree: its last version and hash on each side (null: absent). */
    record Disagreement(String streamId, Long referenceVersion, String referenceHash, Long otherVersion, String otherHash) {
    }

    /** The streams of one bucket that differ, given each side's entries. */
    static List<Disagreement> disagreements(JsonNode referenceEntries, JsonNode otherEntries) {
        Map<String, JsonNode> ours = entries(referenceEntries);
        Map<String, JsonNode> theirs = entries(otherEntries);
        TreeSet<String> streams = new TreeSet<>(ours.keySet());
        streams.addAll(theirs.keySet());
        List<Disagreement> found = new ArrayList<>();
        for (String stream : streams) {
            JsonNode a = ours.get(stream);
            JsonNode b = theirs.get(stream);
            if (a == null || b == null || a.path("version").asLong() != b.path("version").asLong()
                    || !Objects.equals(a.path("hash").asText(null), b.path("hash").asText(null))) {
                found.add(new Disagreement(stream, a == null ? null : a.path("version").asLong(), a == null ? null : a.path("hash").asText(null),
                        b == null ? null : b.path("version").asLong(), b == null ? null : b.path("hash").asText(null)));
            }
        }
        return found;
    }

    private static Map<String, String> buckets(JsonNode digest) {
        Map<String, String> buckets = new TreeMap<>();
        digest.path("buckets").forEach(b -> buckets.put(b.path("bucket").asText(), b.path("digest").asText()));
        return buckets;
    }

    private static Map<String, JsonNode> entries(JsonNode entries) {
        Map<String, JsonNode> byStream = new TreeMap<>();
        entries.forEach(e -> byStream.put(e.path("streamId").asText(), e));
        return byStream;
    }
}

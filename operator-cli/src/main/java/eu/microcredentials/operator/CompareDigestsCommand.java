package eu.microcredentials.operator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Compares what every service holds of a topic's streams with what the recording service's event store
 * has, and names each stream on which one disagrees.
 */
@Command(name = "compare-digests", description = "Compare the digests of a topic's streams across the services and "
        + "name every stream on which one disagrees with the recording event store (exit 1 if any).")
final class CompareDigestsCommand implements Callable<Integer> {
    @ParentCommand
    OperatorCli cli;

    @Option(names = "--topic", defaultValue = "mc.credentials.v1", description = "default: ${DEFAULT-VALUE}")
    String topic;

    @Option(names = "--recorded-by", defaultValue = "issuer", description = "the service whose event store records the "
            + "topic's events, the reference (default: ${DEFAULT-VALUE})")
    Service recordedBy;

    @Option(names = "--source", description = "the CloudEvents source of the recording service's events, when its "
            + "deployment names itself (mc.event-source); default: /<service name>")
    String source;

    @Override
    public Integer call() {
        PrintWriter out = cli.out();
        Map<String, String> query = Map.of("source", source == null ? recordedBy.eventSource() : source);
        String path = "/admin/digests/" + topic;
        List<Held> holders = new ArrayList<>();
        int exit = 0;
        for (Service service : Service.values()) {
            try {
                for (JsonNode digest : cli.service(service).get(path, query)) {
                    holders.add(new Held(service, digest));
                }
            } catch (ServiceApi.ServiceProblem problem) {
                out.println("  " + problem.getMessage());
                exit = OperatorCli.SERVICE_PROBLEM;
            }
        }
        Held reference = holders.stream().filter(h -> h.service() == recordedBy && "event-store".equals(h.heldBy()))
                .findFirst().orElse(null);
        if (reference == null) {
            out.println(recordedBy.serviceName() + " has recorded no events of " + topic + ": nothing to compare with");
            out.flush();
            return exit == 0 ? OperatorCli.FOUND_A_PROBLEM : exit;
        }
        out.printf("reference: %s %s, %d streams, digest %s%n", recordedBy.serviceName(), reference.heldBy(),
                reference.digest().path("streams").asLong(), reference.digest().path("digest").asText());
        for (Held other : holders) {
            if (other == reference) {
                continue;
            }
            List<String> buckets = DigestComparison.differingBuckets(reference.digest(), other.digest());
            if (buckets.isEmpty()) {
                out.printf("  %-20s %-30s agrees (%d streams)%n", other.service().serviceName(), other.heldBy(),
                        other.digest().path("streams").asLong());
                continue;
            }
            exit = Math.max(exit, OperatorCli.FOUND_A_PROBLEM);
            out.printf("  %-20s %-30s DISAGREES in %d bucket(s):%n", other.service().serviceName(), other.heldBy(), buckets.size());
            for (String bucket : buckets) {
                JsonNode ours = entries(reference, bucket, query);
                JsonNode theirs = entries(other, bucket, query);
                for (DigestComparison.Disagreement d : DigestComparison.disagreements(ours, theirs)) {
                    out.printf("    %s: %s %s, %s %s%n", d.streamId(), recordedBy.serviceName(), side(d.referenceVersion(), d.referenceHash()),
                            other.service().serviceName(), side(d.otherVersion(), d.otherHash()));
                }
            }
        }
        out.flush();
        return exit;
    }

    private JsonNode entries(Held holder, String bucket, Map<String, String> query) {
        return cli.service(holder.service()).get("/admin/digests/" + topic + "/buckets/" + bucket,
                Map.of("source", query.get("source"), "heldBy", holder.heldBy()));
    }

    private static String side(Long version, String hash) {
        return version == null ? "does not have it" : "has version " + version + " (" + (hash == null ? "no hash"
                : hash.substring(0, Math.min(12, hash.length()))) + ")";
    }

    private record Held(Service service, JsonNode digest) {
        String heldBy() {
            return digest.path("heldBy").asText();
        }
    }
}

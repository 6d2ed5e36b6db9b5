package eu.microcredentials.operator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** Has each service recompute the hash chains of its event store and of what it published, and names the first break. */
@Command(name = "verify-chains", description = "Recompute the hash chains of each service's event store and of the "
        + "topics it published to; name the first break (exit 1 if any).")
final class VerifyChainsCommand implements Callable<Integer> {
    @ParentCommand
    OperatorCli cli;

    @Mixin
    ServiceSelection services;

    @Override
    public Integer call() {
        PrintWriter out = cli.out();
        int exit = 0;
        for (Service service : services.selected()) {
            JsonNode report;
            try {
                report = cli.service(service).get("/admin/audit/verify");
            } catch (ServiceApi.ServiceProblem problem) {
                out.println(service.serviceName() + ": " + problem.getMessage());
                exit = Math.max(exit, OperatorCli.SERVICE_PROBLEM);
                continue;
            }
            JsonNode store = report.path("store");
            out.printf("%s: %s%n", service.serviceName(), report.path("intact").asBoolean() ? "INTACT" : "BROKEN");
            out.printf("  event store: %d events in %d streams (%d recorded before chaining)%s%n", store.path("events").asLong(),
                    store.path("streams").asLong(), store.path("unchained").asLong(), breakOf(store));
            for (JsonNode topic : report.path("topics")) {
                out.printf("  %s: %d records (%d republished, %d before chaining)%s%n", topic.path("topic").asText(),
                        topic.path("records").asLong(), topic.path("duplicates").asLong(), topic.path("unchained").asLong(),
                        breakOf(topic));
            }
            if (!report.path("intact").asBoolean()) {
                exit = Math.max(exit, OperatorCli.FOUND_A_PROBLEM);
            }
        }
        out.flush();
        return exit;
    }

    private static String breakOf(JsonNode chains) {
        JsonNode broken = chains.path("firstBreak");
        if (broken.isNull() || broken.isMissingNode()) {
            return "";
        }
        return "%n    FIRST BREAK at %s (stream %s, version %d): %s".formatted(broken.path("location").asText(),
                broken.path("streamId").asText(), broken.path("version").asLong(), broken.path("problem").asText());
    }
}

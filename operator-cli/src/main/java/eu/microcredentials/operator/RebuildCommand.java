package eu.microcredentials.operator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Starts a rebuild and follows it with a live progress bar until it swapped in, then says how it compared. */
@Command(name = "rebuild", description = "Rebuild a read model from offset 0 beside the live one, with a live progress "
        + "bar; then report whether it equals the live model (exit 1 if not, 2 if it failed).")
final class RebuildCommand implements Callable<Integer> {
    @ParentCommand
    OperatorCli cli;

    @Parameters(index = "0", description = "issuer, registry or recognition")
    Service service;

    @Parameters(index = "1", description = "the projection's name, as `projections` lists it")
    String projection;

    @Option(names = "--in-place", description = "clear the live model and replay into it instead (it is empty meanwhile)")
    boolean inPlace;

    @Option(names = "--no-follow", description = "start it and return at once")
    boolean noFollow;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = cli.out();
        ServiceApi api = cli.service(service);
        JsonNode started = api.post("/admin/projections/" + projection + "/rebuild",
                inPlace ? Map.of("mode", "in-place") : Map.of());
        if (!"SHADOW".equals(started.path("mode").asText())) {
            out.println("rebuilding " + projection + " in place as generation " + started.path("generation").asLong()
                    + " (every instance replays from offset 0)");
            out.flush();
            return 0;
        }
        String id = started.path("rebuild").asText();
        out.println("rebuild " + id + " of " + service.serviceName() + " " + projection + " started");
        if (noFollow) {
            out.flush();
            return 0;
        }
        JsonNode progress = api.get("/admin/rebuilds/" + id);
        while (progress.path("finishedAt").isNull() || progress.path("finishedAt").isMissingNode()) {
            out.print("\r" + bar(progress) + "  " + progress.path("state").asText());
            out.flush();
            Thread.sleep(500);
            progress = api.get("/admin/rebuilds/" + id);
        }
        out.println("\r" + bar(progress) + "  " + progress.path("state").asText());
        return report(out, progress);
    }

    private static String bar(JsonNode progress) {
        JsonNode eta = progress.path("etaSeconds");
        return ProgressBar.render(progress.path("eventsDone").asLong(), progress.path("eventsTotal").asLong(),
                progress.path("eventsPerSecond").asDouble(), eta.isNumber() ? eta.asLong() : null, 30);
    }

    private static int report(PrintWriter out, JsonNode progress) {
        try {
            if ("FAILED".equals(progress.path("state").asText())) {
                out.println("the rebuild failed: " + progress.path("error").asText());
                return OperatorCli.SERVICE_PROBLEM;
            }
            for (JsonNode rejected : progress.path("rejected")) {
                out.println("  not applied (dead-lettered when first met): " + rejected.path("coordinates").asText() + ": "
                        + rejected.path("reason").asText());
            }
            if (progress.path("identical").asBoolean()) {
                out.println("swapped in; identical to the live model it replaced (checksum "
                        + progress.path("checksum").asText() + ")");
                return 0;
            }
            out.println("swapped in; it DIFFERS from the live model it replaced:");
            for (JsonNode table : progress.path("tables")) {
                if (!table.path("identical").asBoolean()) {
                    out.printf("  %s: live %d rows, rebuilt %d rows%n", table.path("table").asText(),
                            table.path("liveRows").asLong(), table.path("rebuiltRows").asLong());
                }
            }
            for (JsonNode difference : progress.path("differences")) {
                out.printf("  %-7s %s %s%n", difference.path("side").asText(), difference.path("table").asText(),
                        difference.path("row").asText());
            }
            return OperatorCli.FOUND_A_PROBLEM;
        } finally {
            out.flush();
        }
    }
}

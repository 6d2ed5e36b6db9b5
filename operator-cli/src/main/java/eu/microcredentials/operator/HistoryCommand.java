package eu.microcredentials.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Prints a credential's record in the registry (as of an instant, if asked) and its whole history. */
@Command(name = "history", description = "Print a credential's registry record (as of an instant with --as-of) and "
        + "every event of its life.")
final class HistoryCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    OperatorCli cli;

    @Parameters(index = "0", description = "the credential's id")
    String credentialId;

    @Option(names = "--as-of", description = "an instant: the status as it was then, known then and known now")
    String asOf;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = cli.out();
        ServiceApi registry = cli.service(Service.REGISTRY);
        JsonNode record = registry.get("/api/v1/registry/credentials/" + credentialId,
                asOf == null ? Map.of() : Map.of("asOf", asOf));
        out.println(asOf == null ? "record:" : "record as of " + asOf + ":");
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(record));
        JsonNode history = registry.get("/api/v1/registry/credentials/" + credentialId + "/history");
        out.println("history:");
        for (JsonNode event : history.isArray() ? history : history.path("events")) {
            out.println("  " + JSON.writeValueAsString(event));
        }
        out.flush();
        return 0;
    }
}

package eu.microcredentials.operator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Exports the events a service recorded in a time range, as JSON lines, to a file or standard output. */
@Command(name = "export-log", description = "Export the events a service recorded in a time range as JSON lines "
        + "(CloudEvents attributes, time recorded, hash chain link, data as stored).")
final class ExportLogCommand implements Callable<Integer> {
    @ParentCommand
    OperatorCli cli;

    @Option(names = "--service", defaultValue = "issuer", description = "default: ${DEFAULT-VALUE}")
    Service service;

    @Option(names = "--from", description = "an instant, e.g. 2026-03-01T00:00:00Z (default: the beginning)")
    String from;

    @Option(names = "--until", description = "an instant, exclusive (default: now)")
    String until;

    @Option(names = {"-o", "--output"}, description = "file to write (default: standard output)")
    Path output;

    @Override
    public Integer call() throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        if (from != null) {
            query.put("from", from);
        }
        if (until != null) {
            query.put("until", until);
        }
        try (InputStream lines = cli.service(service).stream("/admin/audit/events", query)) {
            if (output == null) {
                PrintWriter out = cli.out();
                out.write(new String(lines.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                out.flush();
            } else {
                long bytes;
                try (OutputStream file = Files.newOutputStream(output)) {
                    bytes = lines.transferTo(file);
                }
                long events;
                try (var read = Files.lines(output)) {
                    events = read.filter(l -> !l.isBlank()).count();
                }
                cli.out().printf("%d events (%d bytes) of %s written to %s%n", events, bytes, service.serviceName(), output);
                cli.out().flush();
            }
        }
        return 0;
    }
}

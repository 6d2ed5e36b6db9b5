package eu.microcredentials.operator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** Lists each service's read models with their state, lag, events applied, last event and checksum. */
@Command(name = "projections", description = "List the read models of the services: state, lag, events applied, "
        + "last event, checksum.")
final class ProjectionsCommand implements Callable<Integer> {
    @ParentCommand
    OperatorCli cli;

    @Mixin
    ServiceSelection services;

    @Override
    public Integer call() {
        PrintWriter out = cli.out();
        out.printf("%-20s %-20s %-9s %8s %10s %-27s %s%n", "SERVICE", "PROJECTION", "STATE", "LAG", "APPLIED",
                "LAST EVENT", "CHECKSUM");
        int exit = 0;
        for (Service service : services.selected()) {
            try {
                for (JsonNode projection : cli.service(service).get("/admin/projections", Map.of("checksum", "true"))) {
                    out.printf("%-20s %-20s %-9s %8d %10d %-27s %s%n", service.serviceName(), projection.path("name").asText(),
                            projection.path("state").asText(), Math.max(projection.path("lag").asLong(), 0),
                            projection.path("eventsApplied").asLong(), projection.path("lastEventAt").asText("-"),
                            projection.path("checksum").asText("-"));
                }
            } catch (ServiceApi.ServiceProblem problem) {
                out.printf("%-20s %s%n", service.serviceName(), problem.getMessage());
                exit = OperatorCli.SERVICE_PROBLEM;
            }
        }
        out.flush();
        return exit;
    }
}

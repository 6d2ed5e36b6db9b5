package eu.microcredentials.operator;

import java.util.List;
import picocli.CommandLine.Parameters;

/** The services a command addresses: those named, or all three. */
final class ServiceSelection {
    @Parameters(arity = "0..*", description = "issuer, registry, recognition (default: all)")
    List<Service> named;

    List<Service> selected() {
        return named == null || named.isEmpty() ? List.of(Service.values()) : named;
    }
}

package eu.microcredentials.registry.auditreport;

import java.time.Instant;

/** When an audit report was made, and by which registry instance. */
public record ReportGeneration(Instant at, String service, String instance) {
}

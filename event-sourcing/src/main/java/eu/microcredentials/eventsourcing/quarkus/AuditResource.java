package eu.microcredentials.eventsourcing.quarkus;

import eu.microcredentials.eventsourcing.EventStore;
import eu.microcredentials.eventsourcing.EventLogExport;
import eu.microcredentials.eventsourcing.HashChainAudit;
import eu.microcredentials.eventsourcing.web.Problem;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators' tamper check: the hash chains of this service's event store and of what it published to Kafka. */
@Path("/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
@SecurityRequirement(name = OperatorKeys.SECURITY_SCHEME)
public class AuditResource {
    private static final String NDJSON = "application/x-ndjson";
    private final HashChainAudit audit;
    private final EventLogExport export;

    public AuditResource(Pool pool, EventStore store,
                         @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.audit = new HashChainAudit(pool, store.source(), bootstrapServers);
        this.export = new EventLogExport(pool);
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Recompute every hash chain of the event store and of the topics it publishes to; "
            + "intact, or the first break of each (stream, version, where and why)")
    public HashChainAudit.Report verify() {
        return audit.verify();
    }

    @GET
    @Path("/events")
    @Produces(NDJSON)
    @Operation(summary = "The events this service recorded from `from` (inclusive) until `until` (exclusive), as JSON "
            + "lines: CloudEvents attributes, time recorded, hash chain link, data exactly as stored")
    public Response events(@QueryParam("from") String from, @QueryParam("until") String until) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Instant start = instant("from", from, Instant.EPOCH, errors);
        Instant end = instant("until", until, Instant.now().plusSeconds(1), errors);
        if (errors.isEmpty() && !start.isBefore(end)) {
            errors.add(new Problem.FieldError("until", "must be after from"));
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors).exception();
        }
        StreamingOutput lines = out -> export.write(out, start, end);
        return Response.ok(lines, NDJSON).build();
    }

    private static Instant instant(String field, String text, Instant absent, List<Problem.FieldError> errors) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "must be an instant such as 2026-03-01T00:00:00Z, was " + text));
            return absent;
        }
    }
}

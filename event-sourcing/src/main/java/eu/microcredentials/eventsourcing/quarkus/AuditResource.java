package eu.microcredentials.eventsourcing.quarkus;

import eu.microcredentials.eventsourcing.EventStore;
import eu.microcredentials.eventsourcing.HashChainAudit;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators' tamper check: the hash chains of this service's event store and of what it published to Kafka. */
@Path("/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
public class AuditResource {
    private final HashChainAudit audit;

    public AuditResource(Pool pool, EventStore store,
                         @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.audit = new HashChainAudit(pool, store.source(), bootstrapServers);
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Recompute every hash chain of the event store and of the topics it publishes to; "
            + "intact, or the first break of each (stream, version, where and why)")
    public HashChainAudit.Report verify() {
        return audit.verify();
    }
}

package eu.microcredentials.registry.audit;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.registry.access.OperatorsOnly;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A credential's audit trail, for the registry's operators and the auditors they answer to. */
@Path("/api/v1/registry/credentials/{id}/history")
@Tag(name = "Audit")
@OperatorsOnly
public class CredentialHistoryResource {
    private final HistoryQueries queries;

    public CredentialHistoryResource(HistoryQueries queries) {
        this.queries = queries;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every event of a credential, its signing key and its awarding body's accreditation",
            description = "Registry operators only (Authorization: Bearer <operator API key>). Each event with its "
                    + "CloudEvents metadata (id, type, source, subject, sequence, time), the Kafka topic it was read "
                    + "from with its partition and offset, its hash-chain link (hash, previousHash), the actor, the "
                    + "reason it gives, the time it was recorded and the time it takes effect (a retroactive "
                    + "revocation, a backdated withdrawal), and its data, oldest recorded first. Partition, offset "
                    + "and hashes are null while the registry is not told them.")
    @APIResponse(responseCode = "200", description = "The audit trail",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CredentialHistory.class)))
    @APIResponse(responseCode = "401", description = "No or another API key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The registry holds no issuance of this credential",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CredentialHistory> history(@PathParam("id") String id) {
        return queries.credential(id).map(found -> found.orElseThrow(() -> Problem.notFound("credential", id).exception()));
    }
}

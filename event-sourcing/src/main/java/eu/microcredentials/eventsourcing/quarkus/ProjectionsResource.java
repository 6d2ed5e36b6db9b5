package eu.microcredentials.eventsourcing.quarkus;

import eu.microcredentials.eventsourcing.ProjectionRunner;
import eu.microcredentials.eventsourcing.ProjectionStatus;
import eu.microcredentials.eventsourcing.web.Problem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators' view of this instance's read models, and the rebuild of one from offset 0. */
@Path("/admin/projections")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
public class ProjectionsResource {
    private final EventSourcingRuntime runtime;

    public ProjectionsResource(EventSourcingRuntime runtime) {
        this.runtime = runtime;
    }

    @GET
    @Operation(summary = "Each read model of this instance: state, generation, lag, events applied, dead letters")
    public List<ProjectionStatus> list() {
        return runtime.runners().stream().map(ProjectionRunner::status).toList();
    }

    @POST
    @Path("/{name}/rebuild")
    @Operation(summary = "Clear the read model and replay its topics from offset 0 (every instance follows)")
    public Response rebuild(@PathParam("name") String name) {
        ProjectionRunner runner = runtime.runner(name).orElseThrow(() -> Problem.notFound("projection", name).exception());
        long generation = runner.rebuild();
        return Response.accepted(new RebuildStarted(name, generation)).build();
    }

    /** The answer to a rebuild request: the generation the read model is now being rebuilt as. */
    public record RebuildStarted(String projection, long generation) {
    }
}

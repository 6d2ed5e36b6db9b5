package eu.microcredentials.eventsourcing.quarkus;

import eu.microcredentials.eventsourcing.ProjectionRunner;
import eu.microcredentials.eventsourcing.ProjectionStatus;
import eu.microcredentials.eventsourcing.ShadowRebuild;
import eu.microcredentials.eventsourcing.web.Problem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators' view of this instance's read models, and the rebuild of one from offset 0. */
@Path("/admin/projections")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
@SecurityRequirement(name = OperatorKeys.SECURITY_SCHEME)
@SecurityScheme(securitySchemeName = OperatorKeys.SECURITY_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The service's operator API key (mc.access.operator-api-key), required by every /admin endpoint")
public class ProjectionsResource {
    private static final String IN_PLACE = "in-place";
    private final EventSourcingRuntime runtime;
    private final Rebuilds rebuilds;

    public ProjectionsResource(EventSourcingRuntime runtime, Rebuilds rebuilds) {
        this.runtime = runtime;
        this.rebuilds = rebuilds;
    }

    @GET
    @Operation(summary = "Each read model: this instance's state, lag, events applied and dead letters; the stored "
            + "position per partition with events applied and last event time; with checksum=true a checksum of its "
            + "content (it reads the whole model, so it is computed only on request)")
    public List<ProjectionReport> list(@QueryParam("checksum") boolean checksum) {
        return runtime.runners().stream().map(runner -> ProjectionReport.of(runner, checksum)).toList();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One read model, as the list reports it")
    public ProjectionReport one(@PathParam("name") String name, @QueryParam("checksum") boolean checksum) {
        return ProjectionReport.of(runtime.runner(name).orElseThrow(() -> Problem.notFound("projection", name).exception()),
                checksum);
    }

    /** One read model as operators see it: the runner's status, the stored positions, the content's checksum. */
    public record ProjectionReport(String name, ProjectionStatus.State state, long generation, long lag,
                                   List<String> assignedPartitions, long eventsApplied, long duplicatesSkipped,
                                   long deadLettered, String lastError, OffsetDateTime lastEventAt,
                                   List<ProjectionRunner.StoredPosition> positions, String checksum) {
        static ProjectionReport of(ProjectionRunner runner, boolean withChecksum) {
            ProjectionStatus status = runner.status();
            List<ProjectionRunner.StoredPosition> positions = runner.storedPositions();
            OffsetDateTime lastEventAt = positions.stream().map(ProjectionRunner.StoredPosition::lastEventAt)
                    .filter(Objects::nonNull).max(OffsetDateTime::compareTo).orElse(null);
            return new ProjectionReport(status.name(), status.state(), status.generation(), status.lag(),
                    status.assignedPartitions(), status.eventsApplied(), status.duplicatesSkipped(), status.deadLettered(),
                    status.lastError(), lastEventAt, positions, withChecksum ? runner.checksum() : null);
        }
    }

    @POST
    @Path("/{name}/rebuild")
    @Operation(summary = "Rebuild the read model from offset 0: into a shadow copy while the live one keeps serving, "
            + "swapped in once caught up (follow it at /admin/rebuilds/{id}; one already under way is answered instead of "
            + "starting a second; 409 while another instance rebuilds it); or, with mode=in-place or for a read "
            + "model that names no tables, by clearing it and replaying (every instance follows)")
    public Response rebuild(@PathParam("name") String name, @QueryParam("mode") String mode) {
        ProjectionRunner runner = runtime.runner(name).orElseThrow(() -> Problem.notFound("projection", name).exception());
        if (!IN_PLACE.equals(mode) && !runner.projection().tables().isEmpty()) {
            ShadowRebuild rebuild;
            try {
                rebuild = rebuilds.start(runner.projection());
            } catch (Rebuilds.UnderWayElsewhere elsewhere) {
                throw Problem.conflict(elsewhere.getMessage()).exception();
            }
            return Response.accepted(new RebuildStarted(name, runner.status().generation(), "SHADOW", rebuild.id()))
                    .location(URI.create("/admin/rebuilds/" + rebuild.id())).build();
        }
        long generation = runner.rebuild();
        return Response.accepted(new RebuildStarted(name, generation, "IN_PLACE", null)).build();
    }

    /** The answer to a rebuild request: how it is done, the rebuild to follow (shadow) or the new generation (in place). */
    public record RebuildStarted(String projection, long generation, String mode, String rebuild) {
    }
}

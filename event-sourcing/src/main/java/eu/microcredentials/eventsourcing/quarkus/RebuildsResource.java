package eu.microcredentials.eventsourcing.quarkus;

import eu.microcredentials.eventsourcing.ShadowRebuild;
import eu.microcredentials.eventsourcing.web.Problem;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Operators follow the shadow rebuilds of this instance: progress, ETA, and the comparison with the live model. */
@Path("/admin/rebuilds")
@Tag(name = "Administration")
@SecurityRequirement(name = OperatorKeys.SECURITY_SCHEME)
public class RebuildsResource {
    private final Rebuilds rebuilds;

    public RebuildsResource(Rebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every shadow rebuild this instance started, oldest first")
    public List<ShadowRebuild.Progress> all() {
        return rebuilds.all();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One rebuild: events done/total, events/s, ETA; once swapped, whether it equals the live model, "
            + "with the differing rows if not")
    public ShadowRebuild.Progress one(@PathParam("id") String id) {
        return rebuild(id).progress();
    }

    @GET
    @Path("/{id}/progress")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The rebuild's progress as server-sent events, every half second until it is done or failed")
    public Multi<ShadowRebuild.Progress> progress(@PathParam("id") String id) {
        ShadowRebuild rebuild = rebuild(id);
        Multi<ShadowRebuild.Progress> running = Multi.createFrom().ticks().every(Duration.ofMillis(500))
                .onOverflow().drop()
                .map(tick -> rebuild.progress())
                .select().first(progress -> progress.finishedAt() == null);
        return Multi.createBy().concatenating().streams(running, Multi.createFrom().item(rebuild::progress));
    }

    private ShadowRebuild rebuild(String id) {
        return rebuilds.find(id).orElseThrow(() -> Problem.notFound("rebuild", id).exception());
    }
}

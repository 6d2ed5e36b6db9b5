package eu.microcredentials.eventsourcing.quarkus;

import eu.microcredentials.events.Topic;
import eu.microcredentials.eventsourcing.ProjectionRunner;
import eu.microcredentials.eventsourcing.StreamDigests;
import eu.microcredentials.eventsourcing.web.Problem;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Cross-service consistency: digests of what this service holds of a topic's streams (its event
 * store, each projection that reads the topic), for an operator to compare with the other services'.
 */
@Path("/admin/digests")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
@SecurityRequirement(name = OperatorKeys.SECURITY_SCHEME)
public class DigestsResource {
    private final StreamDigests digests;
    private final EventSourcingRuntime runtime;

    public DigestsResource(Pool pool, EventSourcingRuntime runtime) {
        this.digests = new StreamDigests(pool);
        this.runtime = runtime;
    }

    @GET
    @Path("/{topic}")
    @Operation(summary = "Per holder (event-store, projection:<name>): streams of the topic from the source, the digest "
            + "of their last versions and hashes, and 256 bucket digests")
    public List<StreamDigests.Digest> digests(@PathParam("topic") String topicName, @QueryParam("source") String source) {
        Topic topic = topic(topicName);
        String from = source(source);
        List<StreamDigests.Digest> held = new ArrayList<>();
        StreamDigests.Digest store = digests.ofStore(topic, from);
        if (store.streams() > 0) {
            held.add(store);
        }
        for (ProjectionRunner runner : runtime.runners()) {
            if (runner.projection().topics().contains(topic)) {
                held.add(digests.ofProjection(runner.name(), topic, from));
            }
        }
        return held;
    }

    @GET
    @Path("/{topic}/buckets/{bucket}")
    @Operation(summary = "The streams of one bucket with their last version and hash, to name where services disagree")
    public List<StreamDigests.Entry> bucket(@PathParam("topic") String topicName, @PathParam("bucket") String bucket,
                                            @QueryParam("source") String source, @QueryParam("heldBy") String heldBy) {
        if (heldBy == null || heldBy.isBlank()) {
            throw Problem.malformed("heldBy is required: event-store or projection:<name>").exception();
        }
        try {
            return digests.entries(topic(topicName), source(source), heldBy, bucket);
        } catch (IllegalArgumentException e) {
            throw Problem.malformed(e.getMessage()).exception();
        }
    }

    private static Topic topic(String name) {
        try {
            return Topic.ofName(name);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("topic", name).exception();
        }
    }

    private static String source(String source) {
        if (source == null || source.isBlank()) {
            throw Problem.malformed("source is required: the CloudEvents source whose streams to digest, e.g. /issuer-service")
                    .exception();
        }
        return source;
    }
}

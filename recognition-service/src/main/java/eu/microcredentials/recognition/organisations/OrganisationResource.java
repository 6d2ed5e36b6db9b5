package eu.microcredentials.recognition.organisations;

import com.fasterxml.jackson.databind.JsonNode;
import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.eventsourcing.web.RequestFields;
import eu.microcredentials.recognition.access.Access;
import eu.microcredentials.recognition.domain.organisation.Organisation;
import eu.microcredentials.recognition.infrastructure.JsonBody;
import eu.microcredentials.recognition.infrastructure.OrganisationStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators register the organisations that recognise credentials and the awarding bodies that define pathways. */
@Path("/api/v1/organisations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Organisations")
public class OrganisationResource {
    private final Pool pool;
    private final OrganisationStore organisations;
    private final Access access;
    private final Clock clock;

    public OrganisationResource(Pool pool, OrganisationStore organisations, Access access, Clock clock) {
        this.pool = pool;
        this.organisations = organisations;
        this.access = access;
        this.clock = clock;
    }

    /** The registration's answer: the organisation, and its API key, shown only here. */
    public record Registered(Organisation organisation, String apiKey) {
    }

    @POST
    @Operation(summary = "Register an organisation (operators only) and issue its API key",
            description = "Body {name, kind: UNIVERSITY|EMPLOYER|PROFESSIONAL_BODY|AWARDING_BODY, awardingBodyId "
                    + "(required for AWARDING_BODY: the awarding body whose pathways it defines)}. Answers 201 with the "
                    + "organisation and its API key, shown only in this answer (stored hashed). 401 without the "
                    + "operators' key; 400 problem+json naming every bad field.")
    public Uni<Response> register(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, JsonNode json) {
        access.operator(authorization);
        Organisation organisation = parse(json, UUID.randomUUID().toString(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return pool.withTransaction(tx -> organisations.register(tx, organisation)).map(key -> Response
                .created(URI.create("/api/v1/organisations/" + organisation.id()))
                .entity(new Registered(organisation, key)).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A registered organisation, from the definitions read model")
    public Uni<Organisation> get(@PathParam("id") String id) {
        return pool.preparedQuery("SELECT id, name, kind, awarding_body_id, registered_at FROM recognising_organisation "
                        + "WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw Problem.notFound("organisation", id).exception();
                    }
                    Row row = rows.iterator().next();
                    return new Organisation(row.getString("id"), row.getString("name"),
                            Organisation.Kind.valueOf(row.getString("kind")), row.getString("awarding_body_id"),
                            row.getOffsetDateTime("registered_at").toInstant());
                });
    }

    static Organisation parse(JsonNode json, String id, Instant now) {
        RequestFields fields = new RequestFields();
        JsonBody body = JsonBody.of(json, fields);
        String name = body.text("name", true, 300);
        Organisation.Kind kind = body.oneOf("kind", Organisation.Kind.class, true);
        String awardingBodyId = body.text("awardingBodyId", kind == Organisation.Kind.AWARDING_BODY, 200);
        fields.throwIfInvalid();
        return new Organisation(id, name, kind, awardingBodyId, now);
    }
}

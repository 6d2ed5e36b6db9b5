package eu.microcredentials.recognition.holdings;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.recognition.domain.HeldCredential;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** What recognition-service knows a learner holds: the ground its decisions stand on. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class HoldingsResource {
    private static final String COLUMNS = """
            id, learner_id, awarding_body_id, title, ects, eqf_level, issuer_countries, issued_on, status, issued_at""";
    private final Pool pool;

    public HoldingsResource(Pool pool) {
        this.pool = pool;
    }

    /** A learner's credentials and the ECTS of the active ones. */
    public record Holdings(String learnerId, List<HeldCredential> credentials, BigDecimal activeEcts) {
    }

    @GET
    @Path("/learners/{learnerId}/credentials")
    public Uni<Holdings> holdings(@PathParam("learnerId") String learnerId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM held_credential WHERE learner_id = $1 ORDER BY issued_at, id")
                .execute(Tuple.of(learnerId))
                .map(rows -> {
                    List<HeldCredential> credentials = new ArrayList<>();
                    for (Row row : rows) {
                        credentials.add(held(row));
                    }
                    return new Holdings(learnerId, credentials, HeldCredential.activeEcts(credentials));
                });
    }

    @GET
    @Path("/held-credentials/{id}")
    public Uni<HeldCredential> credential(@PathParam("id") String id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM held_credential WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw Problem.notFound("held credential", id).exception();
                    }
                    return held(rows.iterator().next());
                });
    }

    private static HeldCredential held(Row row) {
        return new HeldCredential(row.getString("id"), row.getString("learner_id"), row.getString("awarding_body_id"),
                row.getString("title"), row.getBigDecimal("ects"), row.getInteger("eqf_level"),
                List.of(row.getArrayOfStrings("issuer_countries")), row.getLocalDate("issued_on"),
                HeldCredential.Status.valueOf(row.getString("status")), row.getOffsetDateTime("issued_at").toInstant());
    }
}

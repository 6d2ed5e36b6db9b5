package eu.microcredentials.recognition.holdings;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.recognition.domain.HeldCredential;
import eu.microcredentials.recognition.infrastructure.HeldCredentialReadModel;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

/** What recognition-service knows a learner holds: the ground its decisions stand on. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class HoldingsResource {
    private final Pool pool;
    private final HeldCredentialReadModel readModel;
    private final Clock clock;

    public HoldingsResource(Pool pool, HeldCredentialReadModel readModel, Clock clock) {
        this.pool = pool;
        this.readModel = readModel;
        this.clock = clock;
    }

    /** A learner's credentials and the ECTS of the active ones. */
    public record Holdings(String learnerId, List<Held> credentials, BigDecimal activeEcts) {
    }

    /**
     * A held credential, and whether its awarding body was accredited when it was issued and is now, as the national
     * registries' decisions on mc.accreditations.v1 say (false when none was recorded). A stacked credential also
     * shows the pathway completion it was issued for; it is {@code flagged} when that completion no longer holds
     * (withdrawn because a part was revoked or suspended or lost its accreditation), whatever its issuer did with it.
     */
    public record Held(@JsonUnwrapped HeldCredential credential, boolean accreditedAtIssuance, boolean accreditedNow,
                       HeldCredentialReadModel.StackedCompletion pathwayCompletion, Boolean flagged) {
    }

    @GET
    @Path("/learners/{learnerId}/credentials")
    public Uni<Holdings> holdings(@PathParam("learnerId") String learnerId) {
        return readModel.ofLearner(pool, learnerId).flatMap(this::withAccreditation)
                .map(held -> new Holdings(learnerId, held,
                        HeldCredential.activeEcts(held.stream().map(Held::credential).toList())));
    }

    @GET
    @Path("/held-credentials/{id}")
    public Uni<Held> credential(@PathParam("id") String id) {
        return readModel.withIds(pool, List.of(id)).flatMap(this::withAccreditation).map(held -> {
            if (held.isEmpty()) {
                throw Problem.notFound("held credential", id).exception();
            }
            return held.get(0);
        });
    }

    private Uni<List<Held>> withAccreditation(List<HeldCredential> credentials) {
        return readModel.candidates(pool, credentials, clock.instant()).flatMap(candidates -> readModel
                .stackedCompletions(pool, credentials.stream().map(HeldCredential::id).toList())
                .map(stacked -> candidates.stream().map(c -> {
                    HeldCredentialReadModel.StackedCompletion completion = stacked.get(c.credential().id());
                    return new Held(c.credential(), c.accreditation().accreditedAtIssuance(),
                            c.accreditation().accreditedNow(), completion,
                            completion == null ? null : "WITHDRAWN".equals(completion.status()));
                }).toList()));
    }
}

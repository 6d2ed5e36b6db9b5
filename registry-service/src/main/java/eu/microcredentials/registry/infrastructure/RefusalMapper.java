package eu.microcredentials.registry.infrastructure;

import eu.microcredentials.eventsourcing.ConcurrentAppend;
import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.registry.domain.accreditation.AccreditationRefused;
import eu.microcredentials.registry.domain.accreditation.InvalidAccreditation;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Domain refusals and lost races answer as problem+json; nothing was recorded for them. */
public class RefusalMapper {

    /** 409, naming the body's current accreditation as the extension member {@code currentStatus} (RFC 9457 §3.2). */
    @ServerExceptionMapper
    public Response refused(AccreditationRefused refusal) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", URI.create("https://microcredentials.eu/problems/illegal-accreditation-transition"));
        problem.put("title", "The awarding body's current accreditation does not allow this");
        problem.put("status", 409);
        problem.put("detail", refusal.getMessage());
        problem.put("currentStatus", refusal.currentStatus());
        return Response.status(409).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response invalid(InvalidAccreditation refusal) {
        return Problem.invalid(List.of(new Problem.FieldError("/" + refusal.field(), refusal.getMessage()))).response();
    }

    @ServerExceptionMapper
    public Response concurrent(ConcurrentAppend conflict) {
        return Problem.conflict(conflict.getMessage() + "; retry the request").response();
    }
}

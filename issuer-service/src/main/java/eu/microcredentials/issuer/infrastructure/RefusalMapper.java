package eu.microcredentials.issuer.infrastructure;

import eu.microcredentials.eventsourcing.ConcurrentAppend;
import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.issuer.domain.InvalidValue;
import eu.microcredentials.issuer.domain.Refusal;
import eu.microcredentials.issuer.domain.credential.IllegalTransition;
import eu.microcredentials.issuer.domain.credential.UnknownCredential;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Domain refusals and lost races answer as problem+json; nothing was recorded for them. */
public class RefusalMapper {
    static final URI ILLEGAL_TRANSITION = URI.create("https://microcredentials.eu/problems/illegal-status-transition");

    @ServerExceptionMapper
    public Response refused(Refusal refusal) {
        return new Problem(URI.create("https://microcredentials.eu/problems/refused"), "Refused", 422,
                refusal.getMessage(), null, List.of()).response();
    }

    /** 409, naming the status the credential is in as the extension member {@code currentStatus} (RFC 9457 §3.2). */
    @ServerExceptionMapper
    public Response illegalTransition(IllegalTransition refusal) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ILLEGAL_TRANSITION);
        problem.put("title", "The credential's current status does not allow this");
        problem.put("status", 409);
        problem.put("detail", refusal.getMessage());
        problem.put("currentStatus", refusal.currentStatus().name());
        return Response.status(409).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response unknownCredential(UnknownCredential refusal) {
        return Problem.notFound("credential", refusal.credentialId().toString()).response();
    }

    /** A value the command's state refuses is a bad field of the request, like any other. */
    @ServerExceptionMapper
    public Response invalidValue(InvalidValue refusal) {
        return Problem.invalid(List.of(new Problem.FieldError("/" + refusal.field(), refusal.getMessage()))).response();
    }

    @ServerExceptionMapper
    public Response concurrent(ConcurrentAppend conflict) {
        return Problem.conflict(conflict.getMessage() + "; retry the request").response();
    }
}

package eu.microcredentials.recognition.infrastructure;

import eu.microcredentials.eventsourcing.ConcurrentAppend;
import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.recognition.domain.recognition.RecognitionRefused;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Domain refusals and lost races answer as problem+json; nothing was recorded for them. */
public class RefusalMapper {

    /** 409, naming the recognition's current decision as the extension member {@code currentDecision}. */
    @ServerExceptionMapper
    public Response refused(RecognitionRefused refusal) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", URI.create("https://microcredentials.eu/problems/illegal-recognition-transition"));
        problem.put("title", "The recognition's current decision does not allow this");
        problem.put("status", 409);
        problem.put("detail", refusal.getMessage());
        problem.put("currentDecision", refusal.currentDecision());
        return Response.status(409).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response concurrent(ConcurrentAppend conflict) {
        return Problem.conflict(conflict.getMessage() + "; retry the request").response();
    }
}

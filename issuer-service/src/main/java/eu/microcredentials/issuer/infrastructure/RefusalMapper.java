package eu.microcredentials.issuer.infrastructure;

import eu.microcredentials.eventsourcing.ConcurrentAppend;
import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.issuer.domain.Refusal;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Domain refusals and lost races answer as problem+json; nothing was recorded for them. */
public class RefusalMapper {

    @ServerExceptionMapper
    public Response refused(Refusal refusal) {
        return new Problem(URI.create("https://microcredentials.eu/problems/refused"), "Refused", 422,
                refusal.getMessage(), null, List.of()).response();
    }

    @ServerExceptionMapper
    public Response concurrent(ConcurrentAppend conflict) {
        return Problem.conflict(conflict.getMessage() + "; retry the request").response();
    }
}

package eu.microcredentials.issuer.access;

import eu.microcredentials.eventsourcing.web.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Missing, unknown and insufficient credentials answer problem+json, like every other refusal. */
public class AccessProblems {

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        return Response.fromResponse(new Problem(URI.create("https://microcredentials.eu/problems/unauthenticated"),
                        "Unauthenticated", 401, "send Authorization: Bearer <API key>", null, List.of()).response())
                .header("WWW-Authenticate", "Bearer realm=\"issuer-service\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return new Problem(URI.create("https://microcredentials.eu/problems/forbidden"), "Forbidden", 403,
                "this API key may not do that", null, List.of()).response();
    }
}

package eu.microcredentials.registry.access;

import eu.microcredentials.eventsourcing.web.BearerToken;
import eu.microcredentials.eventsourcing.web.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.List;

/**
 * Lets through only requests bearing the registry operators' API key ({@link OperatorKey}). Without a
 * configured key every such write is refused: the registry never invents one.
 */
@Provider
@OperatorsOnly
public class OperatorAccess implements ContainerRequestFilter {
    private final OperatorKey key;

    public OperatorAccess(OperatorKey key) {
        this.key = key;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (BearerToken.in(header) == null) {
            request.abortWith(unauthenticated("send Authorization: Bearer <registry operator API key>"));
            return;
        }
        if (!key.configured()) {
            request.abortWith(new Problem(URI.create("https://microcredentials.eu/problems/forbidden"), "Forbidden", 403,
                    "no registry operator API key is configured: writes are closed", null, List.of()).response());
            return;
        }
        if (!key.presentedIn(header)) {
            request.abortWith(unauthenticated("unknown API key"));
        }
    }

    private static Response unauthenticated(String detail) {
        return Response.fromResponse(new Problem(URI.create("https://microcredentials.eu/problems/unauthenticated"),
                        "Unauthenticated", 401, detail, null, List.of()).response())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"registry-service\"").build();
    }
}

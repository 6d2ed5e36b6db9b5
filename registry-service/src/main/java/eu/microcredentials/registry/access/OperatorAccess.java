package eu.microcredentials.registry.access;

import eu.microcredentials.eventsourcing.web.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Lets through only requests bearing the registry operators' API key ({@code mc.access.operator-api-key},
 * env {@code MC_REGISTRY_OPERATOR_API_KEY}). Without a configured key every such write is refused:
 * the registry never invents one.
 */
@Provider
@OperatorsOnly
public class OperatorAccess implements ContainerRequestFilter {
    private static final String BEARER = "Bearer ";
    private final Optional<byte[]> key;

    public OperatorAccess(@ConfigProperty(name = "mc.access.operator-api-key") Optional<String> configured) {
        this.key = configured.map(String::strip).filter(value -> !value.isEmpty())
                .map(value -> value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || header.substring(BEARER.length()).isBlank()) {
            request.abortWith(unauthenticated("send Authorization: Bearer <registry operator API key>"));
            return;
        }
        if (key.isEmpty()) {
            request.abortWith(new Problem(URI.create("https://microcredentials.eu/problems/forbidden"), "Forbidden", 403,
                    "no registry operator API key is configured: writes are closed", null, List.of()).response());
            return;
        }
        byte[] presented = header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(key.get(), presented)) {
            request.abortWith(unauthenticated("unknown API key"));
        }
    }

    private static Response unauthenticated(String detail) {
        return Response.fromResponse(new Problem(URI.create("https://microcredentials.eu/problems/unauthenticated"),
                        "Unauthenticated", 401, detail, null, List.of()).response())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"registry-service\"").build();
    }
}

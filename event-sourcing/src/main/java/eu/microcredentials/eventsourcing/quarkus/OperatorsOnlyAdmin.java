package eu.microcredentials.eventsourcing.quarkus;

import eu.microcredentials.eventsourcing.web.BearerToken;
import eu.microcredentials.eventsourcing.web.Problem;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Lets through to an admin resource ({@code @Path("/admin…")}: projections, rebuilds, digests, audit) only requests
 * bearing the operators' key ({@link OperatorKeys}); any other gets 401. A service with no key configured lets nobody in.
 * It judges by the resource the request matched, not by the request's path, so no spelling of a path gets around it.
 */
public class OperatorsOnlyAdmin {
    private final OperatorKeys keys;
    private final String realm;
    private final Map<Method, Boolean> admin = new ConcurrentHashMap<>();

    public OperatorsOnlyAdmin(OperatorKeys keys,
                              @ConfigProperty(name = "quarkus.application.name", defaultValue = "service") String realm) {
        this.keys = keys;
        this.realm = realm;
    }

    @ServerRequestFilter
    public Optional<Response> onlyOperators(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method != null && !admin.computeIfAbsent(method, m -> isAdmin(resource.getResourceClass(), m))) {
            return Optional.empty();
        }
        String presented = BearerToken.in(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (presented == null) {
            return Optional.of(unauthenticated("send Authorization: Bearer <" + realm + " operator API key>"));
        }
        return keys.isOperatorKey(presented) ? Optional.empty()
                : Optional.of(unauthenticated("not the " + realm + " operators' API key"));
    }

    /** Whether the resource's path (class and method together) lies under /admin (anything beginning so: fail closed). */
    static boolean isAdmin(Class<?> resourceClass, Method method) {
        String path = (path(resourceClass) + "/" + path(method)).replaceAll("/+", "/");
        return path.startsWith("/admin");
    }

    private static String path(AnnotatedElement element) {
        Path path = element == null ? null : element.getAnnotation(Path.class);
        return path == null ? "" : "/" + path.value();
    }

    private Response unauthenticated(String detail) {
        return Response.fromResponse(new Problem(URI.create("https://microcredentials.eu/problems/unauthenticated"),
                        "Unauthenticated", 401, detail, null, List.of()).response())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realm + "\"").build();
    }
}

package eu.microcredentials.registry.access;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The registry operators' API key ({@code mc.access.operator-api-key}, env {@code MC_REGISTRY_OPERATOR_API_KEY})
 * and whether an {@code Authorization} header presents it. Without a configured key nobody is an operator.
 */
@ApplicationScoped
public class OperatorKey {
    static final String BEARER = "Bearer ";
    private final Optional<byte[]> key;

    public OperatorKey(@ConfigProperty(name = "mc.access.operator-api-key") Optional<String> configured) {
        this.key = configured.map(String::strip).filter(value -> !value.isEmpty())
                .map(value -> value.getBytes(StandardCharsets.UTF_8));
    }

    boolean configured() {
        return key.isPresent();
    }

    /** Whether the header is {@code Bearer <the operator key>}; compared in constant time. */
    public boolean presentedIn(String authorization) {
        String presented = bearer(authorization);
        return presented != null && key.isPresent()
                && MessageDigest.isEqual(key.get(), presented.getBytes(StandardCharsets.UTF_8));
    }

    /** The bearer token of the header; null when it carries none. */
    static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || authorization.substring(BEARER.length()).isBlank()) {
            return null;
        }
        return authorization.substring(BEARER.length()).strip();
    }
}

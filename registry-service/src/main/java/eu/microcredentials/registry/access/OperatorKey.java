package eu.microcredentials.registry.access;

import eu.microcredentials.eventsourcing.quarkus.ConfiguredOperatorKey;
import eu.microcredentials.eventsourcing.web.BearerToken;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The registry operators' API key ({@code mc.access.operator-api-key}, env {@code MC_REGISTRY_OPERATOR_API_KEY}, read
 * once by the kernel's {@link ConfiguredOperatorKey}, which also guards {@code /admin}) and whether an
 * {@code Authorization} header presents it. Without a configured key nobody is an operator.
 */
@ApplicationScoped
public class OperatorKey {
    private final ConfiguredOperatorKey key;

    public OperatorKey(ConfiguredOperatorKey key) {
        this.key = key;
    }

    boolean configured() {
        return key.configured();
    }

    /** Whether the header is {@code Bearer <the operator key>}; compared in constant time. */
    public boolean presentedIn(String authorization) {
        return key.isOperatorKey(BearerToken.in(authorization));
    }
}

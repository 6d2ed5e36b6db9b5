package eu.microcredentials.eventsourcing.quarkus;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The operators' key as {@code mc.access.operator-api-key} sets it; unset or blank, no key is the operators'. */
@DefaultBean
@ApplicationScoped
public class ConfiguredOperatorKey implements OperatorKeys {
    private final Optional<byte[]> key;

    public ConfiguredOperatorKey(@ConfigProperty(name = "mc.access.operator-api-key") Optional<String> configured) {
        this.key = configured.map(String::strip).filter(value -> !value.isEmpty())
                .map(value -> value.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a key is configured at all (without one, nobody is an operator). */
    public boolean configured() {
        return key.isPresent();
    }

    @Override
    public boolean isOperatorKey(String presented) {
        return key.isPresent() && presented != null
                && MessageDigest.isEqual(key.get(), presented.getBytes(StandardCharsets.UTF_8));
    }
}

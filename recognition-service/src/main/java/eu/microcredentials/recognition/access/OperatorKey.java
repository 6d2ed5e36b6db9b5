package eu.microcredentials.recognition.access;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The recognition operators' API key ({@code mc.access.operator-api-key}, env {@code MC_RECOGNITION_OPERATOR_API_KEY}):
 * operators register organisations. Without a configured key nobody is an operator.
 */
@ApplicationScoped
public class OperatorKey {
    private final Optional<byte[]> key;

    public OperatorKey(@ConfigProperty(name = "mc.access.operator-api-key") Optional<String> configured) {
        this.key = configured.map(String::strip).filter(value -> !value.isEmpty())
                .map(value -> value.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the presented bearer token is the operators' key; compared in constant time. */
    boolean is(String presented) {
        return presented != null && key.isPresent()
                && MessageDigest.isEqual(key.get(), presented.getBytes(StandardCharsets.UTF_8));
    }
}

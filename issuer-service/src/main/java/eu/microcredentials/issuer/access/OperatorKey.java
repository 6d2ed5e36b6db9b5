package eu.microcredentials.issuer.access;

import eu.microcredentials.eventsourcing.quarkus.OperatorKeys;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The operators' API key: {@code MC_OPERATOR_API_KEY}, or else one generated on first start into a
 * file outside the repository ({@code mc.access.operator-key-file}, default
 * {@code ~/.microcredentials/operator-api-key}), readable by its owner only. The kernel's admin endpoints
 * ({@code /admin/*}) accept it too.
 */
@ApplicationScoped
@Startup // created at start, so that a generated key is there to read before the first request
public class OperatorKey implements OperatorKeys {
    private static final Logger LOG = Logger.getLogger(OperatorKey.class);
    private final byte[] key;

    public OperatorKey(@ConfigProperty(name = "mc.access.operator-api-key") Optional<String> configured,
                       @ConfigProperty(name = "mc.access.operator-key-file") Optional<String> file) {
        String value = configured.filter(v -> !v.isBlank()).orElseGet(() -> fromFile(Path.of(
                file.orElse(System.getProperty("user.home") + "/.microcredentials/operator-api-key"))));
        this.key = value.strip().getBytes(StandardCharsets.UTF_8);
    }

    public boolean matches(String presented) {
        return MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean isOperatorKey(String presented) {
        return presented != null && matches(presented);
    }

    private static String fromFile(Path path) {
        try {
            if (!Files.exists(path)) {
                Files.createDirectories(path.getParent());
                Files.writeString(path, ApiKeys.newKey().replace("mcak_", "mcop_"));
                try {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                LOG.infof("generated the operator API key in %s (set MC_OPERATOR_API_KEY in production)", path);
            }
            return Files.readString(path).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the operator API key at " + path, e);
        }
    }
}

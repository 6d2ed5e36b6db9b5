package eu.microcredentials.issuer.signing;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The key that encrypts the awarding bodies' private keys at rest (AES-256-GCM). Taken from
 * {@code MC_MASTER_KEY} (base64 of 32 bytes); without it, from a file outside the repository
 * ({@code mc.keys.master-key-file}, default {@code ~/.microcredentials/issuer-master.key}),
 * generated there on first use with owner-only permissions.
 */
@ApplicationScoped
public class MasterKey {
    private static final Logger LOG = Logger.getLogger(MasterKey.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public MasterKey(@ConfigProperty(name = "mc.keys.master-key") Optional<String> configured,
                     @ConfigProperty(name = "mc.keys.master-key-file") Optional<String> file) {
        byte[] bytes = configured.filter(value -> !value.isBlank()).map(value -> Base64.getDecoder().decode(value.strip()))
                .orElseGet(() -> fromFile(Path.of(file.orElse(System.getProperty("user.home") + "/.microcredentials/issuer-master.key"))));
        if (bytes.length != 32) {
            throw new IllegalStateException("the master key must be 32 bytes (base64 in MC_MASTER_KEY), was " + bytes.length);
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /** A ciphertext and the nonce it was sealed with. */
    public record Sealed(byte[] nonce, byte[] ciphertext) {
    }

    /** Encrypts and authenticates {@code plaintext}; {@code context} (e.g. the key id) is bound to it. */
    public Sealed seal(byte[] plaintext, byte[] context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context);
            return new Sealed(nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt", e);
        }
    }

    /** Decrypts what {@link #seal} produced for the same context; fails if anything was altered. */
    public byte[] open(Sealed sealed, byte[] context) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(context);
            return cipher.doFinal(sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt a sealed key: wrong master key or altered data", e);
        }
    }

    private static byte[] fromFile(Path path) {
        try {
            if (!Files.exists(path)) {
                Files.createDirectories(path.getParent());
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Files.writeString(path, Base64.getEncoder().encodeToString(fresh));
                try {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                LOG.infof("generated a master key for signing keys at %s (set MC_MASTER_KEY in production)", path);
            }
            return Base64.getDecoder().decode(Files.readString(path).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the master key at " + path, e);
        }
    }
}

package eu.microcredentials.issuer.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.awardingbody.SigningKey;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The awarding bodies' private signing keys: generated here (ES256 on P-256), kept only encrypted
 * under the {@link MasterKey}, and never returned by any API. Decrypted keys are cached in memory.
 */
@ApplicationScoped
public class SigningKeyVault {
    public static final String ALGORITHM = JWSAlgorithm.ES256.getName();

    private final MasterKey masterKey;
    private final Map<String, ECKey> decrypted = new ConcurrentHashMap<>();

    public SigningKeyVault(MasterKey masterKey) {
        this.masterKey = masterKey;
    }

    /** A new key pair; only its public half ever leaves this service. */
    public record GeneratedKey(ECKey privateKey) {
        public SigningKey.PublicKey publicKey() {
            return new SigningKey.PublicKey(privateKey.getKeyID(), ALGORITHM, privateKey.toPublicJWK().toJSONObject());
        }
    }

    public GeneratedKey generate() {
        try {
            return new GeneratedKey(new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a P-256 key", e);
        }
    }

    /** Stores the private key, encrypted, in the caller's transaction (after its events were appended). */
    public Uni<Void> store(SqlConnection tx, AwardingBodyId awardingBody, GeneratedKey key) {
        String keyId = key.privateKey().getKeyID();
        MasterKey.Sealed sealed = masterKey.seal(key.privateKey().toJSONString().getBytes(StandardCharsets.UTF_8),
                keyId.getBytes(StandardCharsets.UTF_8));
        return tx.preparedQuery("""
                        INSERT INTO signing_key_secret (key_id, awarding_body_id, algorithm, nonce, sealed_jwk)
                        VALUES ($1, $2, $3, $4, $5)""")
                .execute(Tuple.of(keyId, awardingBody.toString(), ALGORITHM,
                        Buffer.buffer(sealed.nonce()),
                        Buffer.buffer(sealed.ciphertext())))
                .invoke(() -> decrypted.put(keyId, key.privateKey()))
                .replaceWithVoid();
    }

    /** The private key with this id, for signing. */
    public Uni<ECKey> privateKey(SqlClient client, String keyId) {
        ECKey cached = decrypted.get(keyId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return client.preparedQuery("SELECT nonce, sealed_jwk FROM signing_key_secret WHERE key_id = $1")
                .execute(Tuple.of(keyId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new IllegalStateException("no private key " + keyId + " in this issuer");
                    }
                    var row = rows.iterator().next();
                    byte[] jwk = masterKey.open(new MasterKey.Sealed(row.getBuffer("nonce").getBytes(),
                            row.getBuffer("sealed_jwk").getBytes()), keyId.getBytes(StandardCharsets.UTF_8));
                    try {
                        ECKey key = ECKey.parse(new String(jwk, StandardCharsets.UTF_8));
                        decrypted.put(keyId, key);
                        return key;
                    } catch (ParseException e) {
                        throw new IllegalStateException("stored key " + keyId + " is not a JWK", e);
                    }
                });
    }
}

package eu.microcredentials.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.security.Provider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The ceiling that signatures put on issuing and verifying: ES256 JWS signatures and checks per
 * second with Nimbus on Bouncy Castle's P-256 (what the services use: one signer or verifier per key),
 * on every core, with a payload of the size of the credentials the issuer signs; and the same on the
 * JDK's own provider, for comparison. No HTTP, no database: the most a service could do if signing
 * were all it did.
 */
final class SigningLimits {
    private static final Provider P256 = new BouncyCastleProvider();

    private SigningLimits() {
    }

    static void measure(Duration duration, String verifiableCredential, Figures figures) throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("benchmark").generate();
        Payload payload = JWSObject.parse(verifiableCredential).getPayload();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build();
        JWSObject signed = new JWSObject(header, payload);
        signed.sign(new ECDSASigner(key));
        String compact = signed.serialize();
        int threads = Runtime.getRuntime().availableProcessors();
        ECDSASigner signer = new ECDSASigner(key);
        signer.getJCAContext().setProvider(P256);
        ECDSAVerifier verifier = new ECDSAVerifier(key.toPublicJWK());
        verifier.getJCAContext().setProvider(P256);
        figures.add("raw.es256.sign", "ES256 signatures (Nimbus on Bouncy Castle, " + threads + " threads)",
                "signatures/s", perSecond(threads, duration, () -> {
                    JWSObject jws = new JWSObject(header, payload);
                    jws.sign(signer);
                    return jws.serialize().length() > 0;
                }));
        figures.add("raw.es256.verify", "ES256 signature checks (Nimbus on Bouncy Castle, " + threads + " threads)",
                "checks/s", perSecond(threads, duration, () -> JWSObject.parse(compact).verify(verifier)));
        ECKey publicKey = key.toPublicJWK();
        figures.add("raw.es256.jdk.sign", "ES256 signatures (Nimbus on the JDK's provider, " + threads + " threads)",
                "signatures/s", perSecond(threads, duration, () -> {
                    JWSObject jws = new JWSObject(header, payload);
                    jws.sign(new ECDSASigner(key));
                    return jws.serialize().length() > 0;
                }));
        figures.add("raw.es256.jdk.verify", "ES256 signature checks (Nimbus on the JDK's provider, " + threads
                + " threads)", "checks/s", perSecond(threads, duration,
                () -> JWSObject.parse(compact).verify(new ECDSAVerifier(publicKey))));
    }

    @FunctionalInterface
    private interface Operation {
        boolean once() throws JOSEException, java.text.ParseException;
    }

    private static double perSecond(int threads, Duration duration, Operation operation) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long end = System.nanoTime() + duration.toNanos();
            long started = System.nanoTime();
            List<Future<Long>> counts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Long> loop = () -> {
                    long done = 0;
                    while (System.nanoTime() < end) {
                        if (!operation.once()) {
                            throw new IllegalStateException("an ES256 operation failed");
                        }
                        done++;
                    }
                    return done;
                };
                counts.add(pool.submit(loop));
            }
            long total = 0;
            for (Future<Long> count : counts) {
                total += count.get();
            }
            return total / ((System.nanoTime() - started) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}

package eu.microcredentials.registry.verification;

import eu.microcredentials.registry.domain.CredentialVerification;
import eu.microcredentials.registry.domain.PresentedCredential;
import eu.microcredentials.registry.domain.Verification;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Function;

/**
 * Verifies a presented VC-JWT against the registry: reads it, looks up what the registry knows about
 * the awarding body, the key and the credential it names, and lets the domain decide.
 */
@ApplicationScoped
public class CredentialVerifier {
    private final VerificationQueries queries;

    public CredentialVerifier(VerificationQueries queries) {
        this.queries = queries;
    }

    public Uni<Verification> verify(String compact) {
        VcJwt jwt = VcJwt.read(compact);
        PresentedCredential presented = jwt.presented();
        return Uni.combine().all().unis(
                        lookUp(presented.awardingBodyId(), queries::awardingBodyName),
                        lookUp(presented.keyId(), queries::signingKey),
                        lookUp(presented.credentialId(), queries::credential))
                .with((awardingBodyName, key, record) ->
                        CredentialVerification.verify(presented, awardingBodyName, key, record, jwt));
    }

    /** Nothing to look up when the credential does not say what. */
    private static <T> Uni<Optional<T>> lookUp(String id, Function<String, Uni<Optional<T>>> query) {
        return id == null ? Uni.createFrom().item(Optional.empty()) : query.apply(id);
    }
}

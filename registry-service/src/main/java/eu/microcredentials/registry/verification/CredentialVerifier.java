package eu.microcredentials.registry.verification;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.registry.domain.CredentialVerification;
import eu.microcredentials.registry.domain.PresentedCredential;
import eu.microcredentials.registry.domain.RegistryKnowledge;
import eu.microcredentials.registry.domain.StatusChange;
import eu.microcredentials.registry.domain.Verification;
import eu.microcredentials.registry.domain.accreditation.AccreditationHistory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * Verifies a presented VC-JWT against the registry: reads it, looks up what the registry knows about
 * the awarding body, the key, the credential and the body's accreditation, and lets the domain decide.
 * The latest status change (reason and dates) is looked up only for a caller allowed to see it.
 */
@ApplicationScoped
public class CredentialVerifier {
    private final VerificationQueries queries;
    private final Clock clock;

    public CredentialVerifier(VerificationQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /**
     * @param compact          the presented credential
     * @param showStatusDetail whether the caller may see the reason and dates of the latest status change
     */
    public Uni<Verification> verify(String compact, boolean showStatusDetail) {
        VcJwt jwt = VcJwt.read(compact);
        PresentedCredential presented = jwt.presented();
        String body = presented.awardingBodyId();
        Uni<AccreditationHistory> accreditation = body == null ? Uni.createFrom().item(AccreditationHistory.none())
                : queries.accreditationHistory(body);
        Uni<Optional<StatusChange>> statusChange = showStatusDetail
                ? lookUp(presented.credentialId(), queries::latestStatusChange)
                : Uni.createFrom().item(Optional.empty());
        return Uni.combine().all().unis(
                        lookUp(body, queries::awardingBodyName),
                        lookUp(presented.keyId(), queries::signingKey),
                        lookUp(presented.credentialId(), queries::credential),
                        accreditation,
                        statusChange)
                .with((awardingBodyName, key, record, history, latestChange) ->
                        CredentialVerification.verify(presented, new RegistryKnowledge(awardingBodyName, key, record,
                                history, latestChange, clock.instant()), jwt));
    }

    /** Verifies the signed form the registry holds of a credential; 404 when it holds none. */
    public Uni<Verification> verifyRegistered(String credentialId, boolean showStatusDetail) {
        return queries.credential(credentialId).flatMap(record -> {
            if (record.isEmpty() || record.get().verifiableCredential() == null) {
                return Uni.createFrom().failure(Problem.notFound("signed credential", credentialId).exception());
            }
            return verify(record.get().verifiableCredential(), showStatusDetail);
        });
    }

    /** Nothing to look up when the credential does not say what. */
    private static <T> Uni<Optional<T>> lookUp(String id, Function<String, Uni<Optional<T>>> query) {
        return id == null ? Uni.createFrom().item(Optional.empty()) : query.apply(id);
    }
}

package eu.microcredentials.registry.verification;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.registry.domain.CredentialVerification;
import eu.microcredentials.registry.domain.PresentedCredential;
import eu.microcredentials.registry.domain.RegistryKnowledge;
import eu.microcredentials.registry.domain.StatusChange;
import eu.microcredentials.registry.domain.Verification;
import eu.microcredentials.registry.domain.accreditation.AccreditationHistory;
import eu.microcredentials.registry.domain.asof.AsOf;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
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
    private final CredentialAsOf asOf;
    private final Clock clock;

    public CredentialVerifier(VerificationQueries queries, CredentialAsOf asOf, Clock clock) {
        this.queries = queries;
        this.asOf = asOf;
        this.clock = clock;
    }

    /**
     * @param compact          the presented credential
     * @param showStatusDetail whether the caller may see the reason and dates of the latest status change
     */
    public Uni<Verification> verify(String compact, boolean showStatusDetail) {
        return verify(compact, showStatusDetail, null);
    }

    /**
     * As of an instant the status in effect then as known now decides, "now" is that instant, the answer
     * tells what is known now and what was known then, and the status detail is the change in effect then.
     *
     * @param compact          the presented credential
     * @param showStatusDetail whether the caller may see the reason and dates of status changes
     * @param instant          verify as of this instant; null for now
     */
    public Uni<Verification> verify(String compact, boolean showStatusDetail, Instant instant) {
        VcJwt jwt = VcJwt.read(compact);
        PresentedCredential presented = jwt.presented();
        String body = presented.awardingBodyId();
        String credentialId = presented.credentialId();
        Uni<AccreditationHistory> accreditation = body == null ? Uni.createFrom().item(AccreditationHistory.none())
                : queries.accreditationHistory(body);
        Uni<Optional<StatusChange>> latestChange = showStatusDetail && instant == null
                ? lookUp(credentialId, queries::latestStatusChange)
                : Uni.createFrom().item(Optional.empty());
        Uni<Optional<AsOf>> answer = instant == null || credentialId == null ? Uni.createFrom().item(Optional.empty())
                : asOf.answer(credentialId, body, instant, showStatusDetail);
        return Uni.combine().all().unis(
                        lookUp(body, queries::awardingBodyName),
                        lookUp(presented.keyId(), queries::signingKey),
                        lookUp(credentialId, queries::credential),
                        accreditation,
                        latestChange,
                        answer)
                .with((awardingBodyName, key, record, history, latest, then) -> {
                    Optional<StatusChange> detail = instant == null ? latest
                            : then.map(known -> known.knownNow().statusDetail());
                    return CredentialVerification.verify(presented, new RegistryKnowledge(awardingBodyName, key, record,
                            history, detail, instant == null ? clock.instant() : instant, then), jwt);
                });
    }

    /** Verifies the signed form the registry holds of a credential; 404 when it holds none. */
    public Uni<Verification> verifyRegistered(String credentialId, boolean showStatusDetail) {
        return verifyRegistered(credentialId, showStatusDetail, null);
    }

    /** Verifies the signed form the registry holds of a credential, as of an instant (null: now); 404 when it holds none. */
    public Uni<Verification> verifyRegistered(String credentialId, boolean showStatusDetail, Instant instant) {
        return queries.credential(credentialId).flatMap(record -> {
            if (record.isEmpty() || record.get().verifiableCredential() == null) {
                return Uni.createFrom().failure(Problem.notFound("signed credential", credentialId).exception());
            }
            return verify(record.get().verifiableCredential(), showStatusDetail, instant);
        });
    }

    /** Nothing to look up when the credential does not say what. */
    private static <T> Uni<Optional<T>> lookUp(String id, Function<String, Uni<Optional<T>>> query) {
        return id == null ? Uni.createFrom().item(Optional.empty()) : query.apply(id);
    }
}

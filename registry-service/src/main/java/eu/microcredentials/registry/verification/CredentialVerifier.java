package eu.microcredentials.registry.verification;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.registry.domain.CredentialVerification;
import eu.microcredentials.registry.domain.PresentedCredential;
import eu.microcredentials.registry.domain.RegistryKnowledge;
import eu.microcredentials.registry.domain.Verification;
import eu.microcredentials.registry.domain.asof.AsOf;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Verifies a presented VC-JWT against the registry: reads it, looks up what the registry knows about
 * the awarding body, the key, the credential and the body's accreditation (one statement,
 * {@link VerificationQueries#knowledge}), and lets the domain decide. The latest status change (reason
 * and dates) is looked up only for a caller allowed to see it.
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
        Uni<VerificationQueries.Knowledge> knowledge = queries.knowledge(body, presented.keyId(), credentialId,
                showStatusDetail && instant == null);
        if (instant == null) {
            return knowledge.map(known -> CredentialVerification.verify(presented, new RegistryKnowledge(
                    known.awardingBodyName(), known.key(), known.record(), known.accreditation(),
                    known.latestStatusChange(), clock.instant(), Optional.empty()), jwt));
        }
        Uni<Optional<AsOf>> answer = credentialId == null ? Uni.createFrom().item(Optional.empty())
                : asOf.answer(credentialId, body, instant, showStatusDetail);
        return Uni.combine().all().unis(knowledge, answer).with((known, then) -> CredentialVerification.verify(
                presented, new RegistryKnowledge(known.awardingBodyName(), known.key(), known.record(),
                        known.accreditation(), then.map(was -> was.knownNow().statusDetail()), instant, then), jwt));
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
}

package eu.microcredentials.registry.verification;

import eu.microcredentials.registry.domain.accreditation.AccreditationHistory;
import eu.microcredentials.registry.domain.asof.AsOf;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * Answers "what was true of this credential at that instant": looks up its status timeline and its
 * awarding body's accreditation decisions, and lets the domain tell what is known now and what was known then.
 */
@ApplicationScoped
public class CredentialAsOf {
    private final VerificationQueries queries;

    public CredentialAsOf(VerificationQueries queries) {
        this.queries = queries;
    }

    /**
     * @param awardingBodyId   whose accreditation to weigh; null when unknown (then not accredited)
     * @param showStatusDetail whether the caller may see reasons and dates of status changes
     * @return empty when the registry holds no credential with this id
     */
    public Uni<Optional<AsOf>> answer(String credentialId, String awardingBodyId, Instant instant,
                                      boolean showStatusDetail) {
        Uni<AccreditationHistory> accreditation = awardingBodyId == null
                ? Uni.createFrom().item(AccreditationHistory.none()) : queries.accreditationHistory(awardingBodyId);
        return Uni.combine().all().unis(queries.statusTimeline(credentialId), accreditation)
                .with((timeline, history) -> timeline.map(known -> AsOf.of(known, history, instant))
                        .map(answer -> showStatusDetail ? answer : answer.withoutStatusDetail()));
    }
}

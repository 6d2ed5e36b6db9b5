package eu.microcredentials.issuer.domain.awardingbody;

import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.credential.Credential;
import eu.microcredentials.issuer.domain.credential.CredentialStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When the issuer may issue, in an awarding body's name, the credential stacked on a pathway completion: the body
 * enabled the pathway, the completion's target is what it agreed to sign, and every listed part is a credential of
 * the issuer's own records, of the same learner, active at the completion's time. A completion is told by others
 * (recognition-service); none of what it claims is taken on trust.
 */
public final class StackingConditions {
    private StackingConditions() {
    }

    /**
     * Every condition the completion does not meet; none: issue.
     *
     * @param parts the issuer's state of each listed part ({@link Credential.NotIssued} for one it never issued)
     */
    public static List<StackingRefusal> unmet(AwardingBody.Registered awardingBody, PathwayCompletion completion,
                                              Map<CredentialId, Credential> parts) {
        List<StackingRefusal> unmet = new ArrayList<>();
        awardingBody.stackingOn(completion.pathwayId()).ifPresentOrElse(
                agreement -> agreement.terms().differences(completion.title(), completion.eqfLevel(), completion.ects())
                        .forEach(difference -> unmet.add(new StackingRefusal(StackingRefusal.Code.TERMS_DIFFER,
                                difference, null))),
                () -> unmet.add(new StackingRefusal(StackingRefusal.Code.PATHWAY_NOT_ENABLED, "awarding body "
                        + awardingBody.id() + " has not enabled automatic issuance on pathway "
                        + completion.pathwayId(), null)));
        Set<CredentialId> seen = new HashSet<>();
        for (CredentialId part : completion.parts()) {
            if (!seen.add(part)) {
                unmet.add(new StackingRefusal(StackingRefusal.Code.PART_LISTED_TWICE,
                        "part " + part + " is listed more than once", part));
                continue;
            }
            Credential state = parts.getOrDefault(part, new Credential.NotIssued());
            if (!(state instanceof Credential.Issued issued)) {
                unmet.add(new StackingRefusal(StackingRefusal.Code.PART_UNKNOWN,
                        "part " + part + " was never issued here", part));
                continue;
            }
            if (!issued.content().learner().id().toString().equals(completion.learnerId())) {
                unmet.add(new StackingRefusal(StackingRefusal.Code.PART_OF_ANOTHER_LEARNER,
                        "part " + part + " was issued to another learner", part));
            }
            // not compared with the issuing instant: the completion's time is another service's clock, taken
            // from its own record of the part (a part it holds was issued, here, when it counted)
            CredentialStatus then = statusAt(issued, completion.completedAt());
            if (then != CredentialStatus.ACTIVE) {
                unmet.add(new StackingRefusal(StackingRefusal.Code.PART_NOT_ACTIVE,
                        "part " + part + " was " + then + " at the completion's time", part));
            }
        }
        if (completion.parts().isEmpty()) {
            unmet.add(new StackingRefusal(StackingRefusal.Code.PART_UNKNOWN, "the completion lists no part", null));
        }
        return unmet;
    }

    /**
     * Where a credential stood at an instant, as everything recorded so far says: the last change (in the order
     * recorded) in effect by then, so a revocation recorded later but effective earlier counts.
     */
    static CredentialStatus statusAt(Credential.Issued issued, Instant at) {
        CredentialStatus status = CredentialStatus.ACTIVE;
        for (Credential.StatusChange change : issued.history()) {
            if (!change.effectiveFrom().isAfter(at)) {
                status = change.status();
            }
        }
        return status;
    }
}

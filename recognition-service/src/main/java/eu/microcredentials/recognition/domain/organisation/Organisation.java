package eu.microcredentials.recognition.domain.organisation;

import java.time.Instant;
import java.util.Objects;

/**
 * An organisation registered with recognition-service by an operator, acting with an API key of its own: a recognising
 * organisation (a university, an employer, a professional body) defines recognition policies and decides, through its
 * named reviewers, the requests they refer to a human; an awarding body defines the learning pathways of its
 * {@code awardingBodyId}. A university that also awards credentials names its awarding body and may do both.
 */
public record Organisation(String id, String name, Kind kind, String awardingBodyId, Instant registeredAt) {

    public enum Kind {
        UNIVERSITY, EMPLOYER, PROFESSIONAL_BODY, AWARDING_BODY;

        /** Whether an organisation of this kind recognises credentials (and so may define recognition policies). */
        public boolean recognises() {
            return this != AWARDING_BODY;
        }
    }

    public Organisation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(registeredAt, "registeredAt");
        if (kind == Kind.AWARDING_BODY && awardingBodyId == null) {
            throw new IllegalArgumentException("an awarding body names the awarding body it is");
        }
    }

    /** Why this organisation may not define a recognition policy; null when it may. */
    public String refusalToDefinePolicies() {
        return kind.recognises() ? null
                : "only a recognising organisation (university, employer, professional body) defines recognition policies";
    }

    /** Why this organisation may not define a pathway of the awarding body; null when it may. */
    public String refusalToDefinePathwayOf(String pathwayAwardingBodyId) {
        if (awardingBodyId == null) {
            return "the organisation " + id + " is linked to no awarding body, so it defines no pathway";
        }
        return awardingBodyId.equals(pathwayAwardingBodyId) ? null : "the organisation " + id
                + " defines pathways of the awarding body " + awardingBodyId + " only, not of " + pathwayAwardingBodyId;
    }

    /** Why this organisation may not decide a request under a policy owned by {@code ownerId}; null when it may. */
    public String refusalToReviewUnder(String ownerId) {
        return id.equals(ownerId) ? null
                : "only the organisation that owns the policy (" + (ownerId == null ? "an operator, for a policy defined"
                + " before organisations were registered" : ownerId) + ") decides its reviews";
    }
}

package eu.microcredentials.issuer.domain.awardingbody;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import java.time.Instant;

/** What happens to an awarding body. */
public sealed interface AwardingBodyEvent {
    AwardingBodyId awardingBodyId();

    /** Registered by {@code actor} (who; null on events recorded before it was kept). */
    record Registered(AwardingBodyId awardingBodyId, AwardingBodyProfile profile, Instant registeredAt, String actor)
            implements AwardingBodyEvent {
        public Registered(AwardingBodyId awardingBodyId, AwardingBodyProfile profile, Instant registeredAt) {
            this(awardingBodyId, profile, registeredAt, null);
        }
    }

    /** A key became the active signing key, by {@code actor}'s doing (null on events recorded before it was kept). */
    record SigningKeyAdded(AwardingBodyId awardingBodyId, SigningKey.PublicKey key, Instant activeFrom, String actor)
            implements AwardingBodyEvent {
        public SigningKeyAdded(AwardingBodyId awardingBodyId, SigningKey.PublicKey key, Instant activeFrom) {
            this(awardingBodyId, key, activeFrom, null);
        }
    }

    /** A key stopped signing, by {@code actor}'s doing; it stays published. */
    record SigningKeyRetired(AwardingBodyId awardingBodyId, String keyId, Instant retiredAt, String actor)
            implements AwardingBodyEvent {
        public SigningKeyRetired(AwardingBodyId awardingBodyId, String keyId, Instant retiredAt) {
            this(awardingBodyId, keyId, retiredAt, null);
        }
    }

    /** The awarding body agreed to automatic issuance of the credential stacked on a pathway's completions. */
    record StackingEnabled(AwardingBodyId awardingBodyId, String pathwayId, StackingTerms terms, String actor,
                           Instant enabledAt) implements AwardingBodyEvent {
    }

    /** The awarding body withdrew that agreement. */
    record StackingDisabled(AwardingBodyId awardingBodyId, String pathwayId, String actor, Instant disabledAt)
            implements AwardingBodyEvent {
    }
}

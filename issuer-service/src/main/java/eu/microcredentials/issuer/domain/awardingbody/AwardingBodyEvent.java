package eu.microcredentials.issuer.domain.awardingbody;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import java.time.Instant;

/** What happens to an awarding body. */
public sealed interface AwardingBodyEvent {
    AwardingBodyId awardingBodyId();

    record Registered(AwardingBodyId awardingBodyId, AwardingBodyProfile profile, Instant registeredAt)
            implements AwardingBodyEvent {
    }

    /** A key became the active signing key. */
    record SigningKeyAdded(AwardingBodyId awardingBodyId, SigningKey.PublicKey key, Instant activeFrom)
            implements AwardingBodyEvent {
    }

    /** A key stopped signing; it stays published. */
    record SigningKeyRetired(AwardingBodyId awardingBodyId, String keyId, Instant retiredAt) implements AwardingBodyEvent {
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

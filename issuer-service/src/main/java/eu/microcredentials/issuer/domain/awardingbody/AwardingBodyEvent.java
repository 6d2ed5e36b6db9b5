package eu.microcredentials.issuer.domain.awardingbody;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import java.time.Instant;

/** What happens to an awarding body. */
public sealed interface AwardingBodyEvent {
    AwardingBodyId awardingBodyId();

    record Registered(AwardingBodyId awardingBodyId, AwardingBodyProfile profile, Instant registeredAt)
            implements AwardingBodyEvent {
    }
}

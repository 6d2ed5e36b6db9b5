package eu.microcredentials.issuer.domain.awardingbody;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import java.time.Instant;

/** An awarding body's state, one type per state. */
public sealed interface AwardingBody {

    record Unregistered() implements AwardingBody {
    }

    record Registered(AwardingBodyId id, AwardingBodyProfile profile, Instant registeredAt) implements AwardingBody {
    }
}

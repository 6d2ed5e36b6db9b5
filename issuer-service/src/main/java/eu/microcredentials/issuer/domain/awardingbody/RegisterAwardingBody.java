package eu.microcredentials.issuer.domain.awardingbody;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import java.time.Instant;

/** An operator registers an awarding body. */
public record RegisterAwardingBody(AwardingBodyId awardingBodyId, AwardingBodyProfile profile, Instant at) {
}

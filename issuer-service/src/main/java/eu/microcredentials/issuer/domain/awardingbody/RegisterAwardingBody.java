package eu.microcredentials.issuer.domain.awardingbody;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import java.time.Instant;

/** An operator ({@code actor}, who) registers an awarding body, with the public half of its first signing key. */
public record RegisterAwardingBody(AwardingBodyId awardingBodyId, AwardingBodyProfile profile, SigningKey.PublicKey firstKey,
                                   Instant at, String actor) {
    /** By nobody named. */
    public RegisterAwardingBody(AwardingBodyId awardingBodyId, AwardingBodyProfile profile, SigningKey.PublicKey firstKey,
                                Instant at) {
        this(awardingBodyId, profile, firstKey, at, null);
    }
}

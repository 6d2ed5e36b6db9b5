package eu.microcredentials.issuer.domain.awardingbody;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import java.time.Instant;

/** A new key becomes the awarding body's active signing key; the active one retires. {@code actor}: who rotates. */
public record RotateSigningKey(AwardingBodyId awardingBodyId, SigningKey.PublicKey newKey, Instant at, String actor) {
    /** By nobody named. */
    public RotateSigningKey(AwardingBodyId awardingBodyId, SigningKey.PublicKey newKey, Instant at) {
        this(awardingBodyId, newKey, at, null);
    }
}

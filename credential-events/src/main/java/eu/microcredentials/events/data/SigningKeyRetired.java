package eu.microcredentials.events.data;

import java.time.Instant;

/**
 * A signing key stopped signing; it stays published so that what it signed still verifies. {@code actor} (added
 * later, optional) is who rotated it away: the API key identity of the operator or of the awarding body.
 */
public record SigningKeyRetired(String awardingBodyId, String keyId, Instant retiredAt, String actor)
        implements EventData {

    /** As recorded before {@code actor} was added. */
    public SigningKeyRetired(String awardingBodyId, String keyId, Instant retiredAt) {
        this(awardingBodyId, keyId, retiredAt, null);
    }

    @Override
    public String streamId() {
        return awardingBodyId;
    }
}

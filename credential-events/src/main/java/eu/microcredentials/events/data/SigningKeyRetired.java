package eu.microcredentials.events.data;

import java.time.Instant;

/** A signing key stopped signing; it stays published so that what it signed still verifies. */
public record SigningKeyRetired(String awardingBodyId, String keyId, Instant retiredAt) implements EventData {

    @Override
    public String streamId() {
        return awardingBodyId;
    }
}

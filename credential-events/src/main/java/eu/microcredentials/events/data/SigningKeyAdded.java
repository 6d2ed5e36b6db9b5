package eu.microcredentials.events.data;

import java.time.Instant;
import java.util.Map;

/** A signing key became the awarding body's active key; its public JWK is published here. */
public record SigningKeyAdded(
        String awardingBodyId,
        String keyId,
        String algorithm,
        Map<String, Object> publicKeyJwk,
        Instant activeFrom) implements EventData {

    @Override
    public String streamId() {
        return awardingBodyId;
    }
}

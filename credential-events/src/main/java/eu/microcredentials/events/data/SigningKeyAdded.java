package eu.microcredentials.events.data;

import java.time.Instant;
import java.util.Map;

/**
 * A signing key became the awarding body's active key; its public JWK is published here. {@code actor} (added later,
 * optional) is who caused it: the API key identity of the operator (registration, rotation) or of the awarding body
 * (rotation).
 */
public record SigningKeyAdded(
        String awardingBodyId,
        String keyId,
        String algorithm,
        Map<String, Object> publicKeyJwk,
        Instant activeFrom,
        String actor) implements EventData {

    /** As recorded before {@code actor} was added. */
    public SigningKeyAdded(String awardingBodyId, String keyId, String algorithm, Map<String, Object> publicKeyJwk,
                           Instant activeFrom) {
        this(awardingBodyId, keyId, algorithm, publicKeyJwk, activeFrom, null);
    }

    @Override
    public String streamId() {
        return awardingBodyId;
    }
}

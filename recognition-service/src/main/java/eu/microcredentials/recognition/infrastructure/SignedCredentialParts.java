package eu.microcredentials.recognition.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import eu.microcredentials.events.EventJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The credentials a signed credential (a VC-JOSE compact JWS) says it is made of: its {@code hasPart}, as
 * {@code urn:uuid:<credential id>}. Only read, never trusted for anything but telling a stacked credential from its
 * parts: the registry verifies signatures.
 */
final class SignedCredentialParts {
    private static final String URN_UUID = "urn:uuid:";

    private SignedCredentialParts() {
    }

    static List<String> of(String compactJws) {
        List<String> parts = new ArrayList<>();
        if (compactJws == null) {
            return parts;
        }
        String[] segments = compactJws.split("\\.");
        if (segments.length != 3) {
            return parts;
        }
        JsonNode payload;
        try {
            payload = EventJson.mapper().readTree(Base64.getUrlDecoder().decode(segments[1]));
        } catch (IOException | IllegalArgumentException e) {
            return parts; // not a payload recognition can read: the credential names no parts
        }
        for (JsonNode part : payload.path("hasPart")) {
            String id = part.asText();
            parts.add(id.startsWith(URN_UUID) ? id.substring(URN_UUID.length()) : id);
        }
        return parts;
    }
}

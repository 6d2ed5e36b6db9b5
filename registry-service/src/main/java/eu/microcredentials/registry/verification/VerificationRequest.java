package eu.microcredentials.registry.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.microcredentials.eventsourcing.web.RequestFields;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A request to verify a credential: the signed credential as a compact VC-JWT. */
@Schema(name = "VerificationRequest")
public record VerificationRequest(
        @Schema(required = true, description = "The credential as a compact JWS (media type application/vc+jwt)",
                example = "eyJraWQiOiJrZXktMSIsInR5cCI6InZjK2p3dCIsImFsZyI6IkVTMjU2In0.eyJAY29udGV4dCI6W119.c2lnbmF0dXJl")
        String credential) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREDENTIAL = "/credential";

    /**
     * Reads a request body. The body is read here rather than by the JSON provider so that a body that is
     * not JSON is refused like a missing credential: 400 problem+json naming {@code /credential}.
     */
    static VerificationRequest read(String body) {
        RequestFields fields = new RequestFields();
        JsonNode json = parse(body);
        JsonNode credential = json == null ? null : json.get("credential");
        if (json == null || !json.isObject()) {
            fields.reject(CREDENTIAL, "is required: the body must be a JSON object {\"credential\": \"<compact VC-JWT>\"}");
        } else if (credential == null || credential.isNull()) {
            fields.reject(CREDENTIAL, "is required");
        } else if (!credential.isTextual()) {
            fields.reject(CREDENTIAL, "must be a string: the compact VC-JWT");
        } else if (credential.textValue().isBlank()) {
            fields.reject(CREDENTIAL, "must not be blank");
        }
        fields.throwIfInvalid();
        return new VerificationRequest(credential.textValue().strip());
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}

package eu.microcredentials.registry.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.microcredentials.eventsourcing.web.RequestFields;
import eu.microcredentials.registry.domain.asof.AsOf;
import java.io.IOException;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A request to verify a credential: the signed credential as a compact VC-JWT, and optionally an as-of instant. */
@Schema(name = "VerificationRequest")
public record VerificationRequest(
        @Schema(required = true, description = "The credential as a compact JWS (media type application/vc+jwt)",
                example = "eyJraWQiOiJrZXktMSIsInR5cCI6InZjK2p3dCIsImFsZyI6IkVTMjU2In0.eyJAY29udGV4dCI6W119.c2lnbmF0dXJl")
        String credential,
        @Schema(description = "Verify as of this instant (ISO-8601 with offset) instead of now; "
                + "the query parameter asOf does the same", example = "2026-03-02T00:00:00Z")
        Instant asOf) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREDENTIAL = "/credential";
    private static final String AS_OF = "/asOf";
    private static final String AS_OF_QUERY = "/query/asOf";

    /**
     * Reads a request body. The body is read here rather than by the JSON provider so that a body that is
     * not JSON is refused like a missing credential: 400 problem+json naming {@code /credential}.
     */
    static VerificationRequest read(String body) {
        return read(body, null);
    }

    /**
     * Reads a request body and the {@code asOf} query parameter (null when absent); every bad field is
     * named in one 400 problem+json. Given both ways, the two must name the same instant.
     */
    static VerificationRequest read(String body, String asOfQuery) {
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
        JsonNode asOfField = json == null || !json.isObject() ? null : json.get("asOf");
        Instant inBody = null;
        if (asOfField != null && !asOfField.isNull()) {
            inBody = asOfField.isTextual() ? fields.read(AS_OF, () -> AsOf.instant(asOfField.textValue()))
                    : fields.read(AS_OF, () -> AsOf.instant(asOfField.toString()));
        }
        Instant inQuery = asOfQuery == null ? null : fields.read(AS_OF_QUERY, () -> AsOf.instant(asOfQuery));
        if (inBody != null && inQuery != null && !inBody.equals(inQuery)) {
            fields.reject(AS_OF_QUERY, "names another instant than /asOf in the body (" + inQuery + " vs " + inBody
                    + "); give one of them");
        }
        fields.throwIfInvalid();
        return new VerificationRequest(credential.textValue().strip(), inBody != null ? inBody : inQuery);
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

package eu.microcredentials.eventsourcing.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}). {@code errors} names each bad
 * field by JSON Pointer with the reason, all in one answer.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPES = "https://microcredentials.eu/problems/";

    /** One bad field: where it is (JSON Pointer into the request body) and what is wrong with it. */
    public record FieldError(String pointer, String reason) {
    }

    public static Problem invalid(List<FieldError> errors) {
        return new Problem(URI.create(TYPES + "invalid-request"), "The request has invalid fields", 400,
                errors.size() + " field(s) are invalid", null, List.copyOf(errors));
    }

    public static Problem notFound(String what, String id) {
        return new Problem(URI.create(TYPES + "not-found"), "Not found", 404, "no " + what + " " + id, null, List.of());
    }

    public static Problem conflict(String detail) {
        return new Problem(URI.create(TYPES + "conflict"), "Conflict", 409, detail, null, List.of());
    }

    public static Problem malformed(String detail) {
        return new Problem(URI.create(TYPES + "malformed-request"), "The request body cannot be read", 400, detail,
                null, List.of());
    }

    public Response response() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    public WebApplicationException exception() {
        return new WebApplicationException(response());
    }
}

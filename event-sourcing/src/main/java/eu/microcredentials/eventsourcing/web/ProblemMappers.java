package eu.microcredentials.eventsourcing.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns unreadable request bodies into problem+json naming the field, instead of a bare 400. */
public class ProblemMappers {

    /**
     * Quarkus's Jackson reader wraps a body that is not JSON in a bare {@code WebApplicationException(400)};
     * unwrap it. Every other {@code WebApplicationException} keeps its own response.
     */
    @ServerExceptionMapper
    public Response wrapped(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        return e.getResponse();
    }

    /** Overrides Quarkus's built-in mapper for this type, which answers 400 with no body. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String pointer = "/" + mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex()))
                    .collect(Collectors.joining("/"));
            String reason = e instanceof InvalidFormatException invalid
                    ? "cannot read " + invalid.getValue() + " as " + invalid.getTargetType().getSimpleName()
                    : e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null
                    ? "expected " + mismatched.getTargetType().getSimpleName()
                    : e.getOriginalMessage();
            return Problem.invalid(List.of(new Problem.FieldError(pointer, reason))).response();
        }
        return Problem.malformed("not valid JSON: " + e.getOriginalMessage()).response();
    }
}

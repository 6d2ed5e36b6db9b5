package eu.microcredentials.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** One service's HTTP API as the operator uses it; every failure becomes a {@link ServiceProblem} that says what to do. */
final class ServiceApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Service service;
    private final URI base;
    private final HttpClient http;
    private final String apiKey;

    /** @param apiKey the service's operator key, sent as a bearer token when not null (every admin endpoint needs it) */
    ServiceApi(Service service, URI base, HttpClient http, String apiKey) {
        this.service = service;
        this.base = base;
        this.http = http;
        this.apiKey = apiKey;
    }

    Service service() {
        return service;
    }

    /** The service did not answer, or answered with an error. */
    static final class ServiceProblem extends RuntimeException {
        ServiceProblem(String message, Throwable cause) {
            super(message, cause);
        }
    }

    JsonNode get(String path, Map<String, String> query) {
        return json(send(HttpRequest.newBuilder(uri(path, query)).GET(), path), path);
    }

    JsonNode get(String path) {
        return get(path, Map.of());
    }

    JsonNode post(String path, Map<String, String> query) {
        return json(send(HttpRequest.newBuilder(uri(path, query)).POST(HttpRequest.BodyPublishers.noBody()), path), path);
    }

    /** A streamed answer (e.g. JSON lines), for the caller to read and close. */
    InputStream stream(String path, Map<String, String> query) {
        HttpResponse<InputStream> response = exchange(HttpRequest.newBuilder(uri(path, query)).GET(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() >= 300) {
            try (InputStream body = response.body()) {
                throw refused(path, response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw refused(path, response.statusCode(), "");
            }
        }
        return response.body();
    }

    private JsonNode json(byte[] body, String path) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new ServiceProblem(service.serviceName() + " answered " + path + " with something that is not JSON", e);
        }
    }

    private byte[] send(HttpRequest.Builder request, String path) {
        HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 300) {
            throw refused(path, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            request.timeout(TIMEOUT).header("Accept", "application/json, application/x-ndjson");
            if (apiKey != null && !apiKey.isBlank()) {
                request.header("Authorization", "Bearer " + apiKey);
            }
            return http.send(request.build(), body);
        } catch (IOException e) {
            throw new ServiceProblem(service.serviceName() + " is not answering at " + base + " (" + e + "). Is it running? "
                    + "bin/run-local starts the platform; --" + service.name().toLowerCase() + "-url names another address.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceProblem("interrupted while waiting for " + service.serviceName(), e);
        }
    }

    private ServiceProblem refused(String path, int status, String body) {
        if (status == 401) {
            return new ServiceProblem(service.serviceName() + " refused " + path + " (401): "
                    + (apiKey == null || apiKey.isBlank() ? "no operator API key was given" : "that is not its operator API key")
                    + ". Pass --" + service.name().toLowerCase() + "-key or set " + service.operatorKeyVariable() + ".", null);
        }
        String detail = body;
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem.hasNonNull("detail") || problem.hasNonNull("title")) {
                detail = problem.path("title").asText("") + (problem.hasNonNull("detail") ? ": " + problem.get("detail").asText() : "");
            }
        } catch (IOException | RuntimeException e) {
            // not problem+json: show the body as it came
        }
        return new ServiceProblem(service.serviceName() + " answered " + status + " to " + path + ": " + detail.strip(), null);
    }

    private URI uri(String path, Map<String, String> query) {
        String parameters = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return base.resolve(path + (parameters.isEmpty() ? "" : "?" + parameters));
    }
}

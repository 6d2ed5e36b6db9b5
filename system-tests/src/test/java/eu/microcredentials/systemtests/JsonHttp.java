package eu.microcredentials.systemtests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small JSON-over-HTTP client for one service, with a timeout on every call and, if given, an API key. */
public final class JsonHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    private final URI base;
    private final String apiKey;

    public JsonHttp(URI base) {
        this(base, null);
    }

    private JsonHttp(URI base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    /** The same service, called with {@code Authorization: Bearer <apiKey>}. */
    public JsonHttp withApiKey(String apiKey) {
        return new JsonHttp(base, apiKey);
    }

    /** @param pathAndQuery already encoded, e.g. {@code /api/v1/registry/credentials?size=1} */
    public Answer get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET());
    }

    public Answer post(String path, JsonNode body) {
        try {
            return send(HttpRequest.newBuilder(base.resolve(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body, e);
        }
    }

    public Answer put(String path, JsonNode body) {
        try {
            return send(HttpRequest.newBuilder(base.resolve(path))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body, e);
        }
    }

    /**
     * GET of any URL (not only this service's), asking for {@code accept}: e.g. a status list named in a
     * credential, as a verifier fetches it. The body is kept as text.
     */
    public static Answer getAbsolute(URI url, String accept) {
        return exchange(HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Accept", accept).GET().build());
    }

    private static Answer exchange(HttpRequest built) {
        try {
            HttpResponse<String> response = CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
            return new Answer(built.method() + " " + built.uri(), response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(built.method() + " " + built.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + built.method() + " " + built.uri(), e);
        }
    }

    /** One path segment, percent-encoded (a learner id such as {@code mailto:ana@example.org}). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Answer send(HttpRequest.Builder request) {
        request.timeout(TIMEOUT).header("Accept", "application/json");
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return exchange(request.build());
    }

    /** A response: its status and its body, read as JSON on demand. */
    public record Answer(String request, int status, String body, String contentType) {

        public Answer(String request, int status, String body) {
            this(request, status, body, "");
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(request + " answered " + status + " with a body that is not JSON: " + body, e);
            }
        }

        /** The JSON body, after checking the status; the message names the request and shows the body otherwise. */
        public JsonNode expect(int expectedStatus) {
            if (status != expectedStatus) {
                throw new AssertionError(request + " answered " + status + ", expected " + expectedStatus + ": " + body);
            }
            return json();
        }
    }
}

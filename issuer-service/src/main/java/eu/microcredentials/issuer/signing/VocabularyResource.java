package eu.microcredentials.issuer.signing;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Publishes the JSON-LD context of the terms our credentials add to W3C VC 2.0 and Open Badges 3.0
 * (the EU elements those have no name for). Every credential names it in its {@code @context}.
 */
@Path(VocabularyResource.PATH)
@Tag(name = "Vocabulary")
public class VocabularyResource {
    public static final String PATH = "/ns/microcredential/v1";
    private static final byte[] CONTEXT = read();

    @GET
    @Produces("application/ld+json")
    @Operation(summary = "The JSON-LD context of the micro-credential terms")
    public Response context() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(86_400);
        return Response.ok(CONTEXT).cacheControl(cache).build();
    }

    private static byte[] read() {
        try (InputStream in = VocabularyResource.class.getResourceAsStream("/vocabulary/microcredential-v1.jsonld")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

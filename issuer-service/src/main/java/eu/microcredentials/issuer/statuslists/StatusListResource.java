package eu.microcredentials.issuer.statuslists;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.credential.StatusPurpose;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The awarding bodies' Bitstring status lists, public: as a VC-JOSE JWT ({@code application/vc+jwt},
 * the default) or, on request, as the unsigned credential ({@code application/json}). Cacheable for
 * the list's {@code ttl}; {@code If-None-Match} answers 304 while the list is unchanged.
 */
// rooted at /api/v1 like the other resources: JAX-RS does not backtrack between classes matching the same prefix
@Path("/api/v1")
@Tag(name = "Status lists")
public class StatusListResource {
    public static final String VC_JWT = "application/vc+jwt";
    private static final MediaType VC_JWT_TYPE = MediaType.valueOf(VC_JWT);

    private final StatusListPublication publication;

    public StatusListResource(StatusListPublication publication) {
        this.publication = publication;
    }

    @GET
    @Path("/status-lists/{awardingBodyId}/{purpose}")
    @Produces({VC_JWT, MediaType.APPLICATION_JSON})
    @Operation(summary = "An awarding body's first revocation or suspension list (W3C Bitstring Status List v1.0)")
    public Uni<Response> firstList(@PathParam("awardingBodyId") String awardingBodyId, @PathParam("purpose") String purpose,
                                   @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                                   @Context HttpHeaders headers) {
        return list(awardingBodyId, purpose, 0, ifNoneMatch, headers);
    }

    @GET
    @Path("/status-lists/{awardingBodyId}/{purpose}/{list}")
    @Produces({VC_JWT, MediaType.APPLICATION_JSON})
    @Operation(summary = "An awarding body's next revocation or suspension lists (1, 2, ...), one for each "
            + "131,072 credentials it issued after its first list")
    public Uni<Response> nextList(@PathParam("awardingBodyId") String awardingBodyId, @PathParam("purpose") String purpose,
                                  @PathParam("list") String list, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                                  @Context HttpHeaders headers) {
        // list 0 has one URL only, the one its credentials name
        long number = list.matches("[1-9][0-9]{0,17}") ? Long.parseLong(list) : -1;
        if (number < 1) {
            throw Problem.notFound("status list", awardingBodyId + "/" + purpose + "/" + list).exception();
        }
        return list(awardingBodyId, purpose, number, ifNoneMatch, headers);
    }

    private Uni<Response> list(String awardingBodyId, String purpose, long number, String ifNoneMatch, HttpHeaders headers) {
        StatusPurpose statusPurpose = StatusPurpose.of(purpose)
                .orElseThrow(() -> Problem.notFound("status list", awardingBodyId + "/" + purpose).exception());
        AwardingBodyId id = parseId(awardingBodyId);
        boolean signed = wantsJwt(headers);
        return publication.current(id, statusPurpose, number).flatMap(list -> {
            // weak: every copy has a validFrom (and an ECDSA signature) of its own for the same content
            EntityTag etag = new EntityTag(list.etag(signed ? "vc+jwt" : "json"), true);
            // anyone may cache the list (it is public and the same for everyone) for its ttl
            String cache = "public, max-age=" + list.ttlMillis() / 1000;
            if (matches(ifNoneMatch, etag)) {
                return Uni.createFrom().item(Response.notModified(etag).header(HttpHeaders.CACHE_CONTROL, cache)
                        .header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build());
            }
            Uni<Response.ResponseBuilder> answer = signed
                    ? publication.signed(list).map(jwt -> Response.ok(jwt, VC_JWT_TYPE))
                    : Uni.createFrom().item(Response.ok(publication.credential(list).toString(),
                    MediaType.APPLICATION_JSON_TYPE));
            return answer.map(response -> response.tag(etag).header(HttpHeaders.CACHE_CONTROL, cache)
                    .header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build());
        });
    }

    /** The JWT unless the client prefers JSON: {@code *}{@code /*}, no Accept and {@code application/*} get the JWT. */
    private static boolean wantsJwt(HttpHeaders headers) {
        for (MediaType acceptable : headers.getAcceptableMediaTypes()) {
            if (acceptable.isCompatible(VC_JWT_TYPE)) {
                return true;
            }
            if (acceptable.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return true;
    }

    /** Weak comparison (RFC 9110 §13.1.2): {@code W/"x"} and {@code "x"} both match; {@code *} matches any list. */
    private static boolean matches(String ifNoneMatch, EntityTag etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String quoted = "\"" + etag.getValue() + "\"";
        return Arrays.stream(ifNoneMatch.split(",")).map(String::strip)
                .map(candidate -> candidate.startsWith("W/") ? candidate.substring(2) : candidate)
                .anyMatch(candidate -> candidate.equals("*") || candidate.equals(quoted));
    }

    private static AwardingBodyId parseId(String id) {
        try {
            return AwardingBodyId.parse(id);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("awarding body", id).exception();
        }
    }
}

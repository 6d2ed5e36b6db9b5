package eu.microcredentials.issuer.registering;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.eventsourcing.web.RequestFields;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CountryCode;
import eu.microcredentials.issuer.domain.Text;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBodyProfile;
import eu.microcredentials.issuer.domain.credential.MicroCredential;
import eu.microcredentials.issuer.access.Caller;
import eu.microcredentials.issuer.domain.awardingbody.SigningKey;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Registering and reading awarding bodies. */
// both resources root at /api/v1: JAX-RS does not backtrack between classes matching the same prefix
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Awarding bodies")
public class AwardingBodyResource {
    private final AwardingBodyRegistration registration;
    private final SecurityIdentity identity;

    public AwardingBodyResource(AwardingBodyRegistration registration, SecurityIdentity identity) {
        this.registration = registration;
        this.identity = identity;
    }

    /** The request to register an awarding body. */
    public record RegisterAwardingBodyRequest(String legalName, String country, LegalIdentifierBody legalIdentifier,
                                              String website, QualityAssuranceBody qualityAssurance) {
    }

    public record LegalIdentifierBody(String scheme, String value) {
    }

    /** The type of quality assurance (INTERNAL, EXTERNAL, OTHER) underpinning the awarding body, and how. */
    public record QualityAssuranceBody(String type, String description) {
    }

    /** A published signing key: its public JWK, and when it was active. */
    public record SigningKeyView(String keyId, String algorithm, Map<String, Object> publicJwk, Instant activeFrom,
                                 Instant retiredAt) {
        static SigningKeyView of(SigningKey key) {
            return new SigningKeyView(key.keyId(), key.algorithm(), key.publicJwk(), key.activeFrom(), key.retiredAt());
        }
    }

    /** An awarding body as the issuer knows it, with every key it has published (the active one last). */
    public record AwardingBodyView(String id, String legalName, String country, LegalIdentifierBody legalIdentifier,
                                   String website, QualityAssuranceBody qualityAssurance, Instant registeredAt,
                                   List<SigningKeyView> signingKeys) {
        static AwardingBodyView of(AwardingBody.Registered body) {
            AwardingBodyProfile profile = body.profile();
            return new AwardingBodyView(body.id().toString(), profile.legalName(), profile.country().value(),
                    profile.legalIdentifier() == null ? null : new LegalIdentifierBody(
                            profile.legalIdentifier().scheme(), profile.legalIdentifier().value()),
                    profile.website() == null ? null : profile.website().toString(),
                    profile.qualityAssurance() == null ? null : new QualityAssuranceBody(
                            profile.qualityAssurance().type().name(), profile.qualityAssurance().description()),
                    body.registeredAt(), body.keys().stream().map(SigningKeyView::of).toList());
        }
    }

    /** The answer to a registration: the awarding body and its integration's API key, shown only this once. */
    public record RegisteredView(AwardingBodyView awardingBody, String apiKey) {
    }

    @POST
    @Path("/awarding-bodies")
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "Register an awarding body (operators); answers its API key once")
    public Uni<Response> register(RegisterAwardingBodyRequest request) {
        if (request == null) {
            throw Problem.malformed("a JSON body is required").exception();
        }
        RequestFields fields = new RequestFields();
        String legalName = fields.require("/legalName", request.legalName(), () -> Text.required(request.legalName(), 300));
        CountryCode country = fields.require("/country", request.country(), () -> new CountryCode(request.country()));
        AwardingBodyProfile.LegalIdentifier identifier = request.legalIdentifier() == null ? null
                : fields.read("/legalIdentifier", () -> new AwardingBodyProfile.LegalIdentifier(
                request.legalIdentifier().scheme(), request.legalIdentifier().value()));
        URI website = request.website() == null ? null : fields.read("/website", () -> httpUrl(request.website()));
        MicroCredential.QualityAssurance qualityAssurance = request.qualityAssurance() == null ? null
                : qualityAssurance(fields, request.qualityAssurance());
        fields.throwIfInvalid();
        AwardingBodyProfile profile = new AwardingBodyProfile(legalName, country, identifier, website, qualityAssurance);
        return registration.register(profile, identity.getPrincipal().getName()).map(registered -> Response
                .created(URI.create("/api/v1/awarding-bodies/" + registered.awardingBody().id()))
                .entity(new RegisteredView(AwardingBodyView.of(registered.awardingBody()), registered.apiKey())).build());
    }

    @POST
    @Path("/awarding-bodies/{id}/signing-keys")
    // the request has no body: a client need not send a Content-Type (otherwise 415 before any access check)
    @Consumes(MediaType.WILDCARD)
    @Authenticated
    @Operation(summary = "Rotate the signing key: a new key becomes active, the old one retires but stays published")
    public Uni<Response> rotateKey(@PathParam("id") String id) {
        AwardingBodyId awardingBodyId = parseId(id);
        Caller.mayActFor(identity, awardingBodyId.toString());
        return registration.find(awardingBodyId).flatMap(state -> {
            if (!(state instanceof AwardingBody.Registered)) {
                throw Problem.notFound("awarding body", id).exception();
            }
            return registration.rotateKey(awardingBodyId, identity.getPrincipal().getName());
        }).map(key -> Response.created(URI.create("/api/v1/awarding-bodies/" + id)).entity(SigningKeyView.of(key)).build());
    }

    @GET
    @Path("/awarding-bodies/{id}")
    @Operation(summary = "Read an awarding body")
    public Uni<AwardingBodyView> get(@PathParam("id") String id) {
        AwardingBodyId awardingBodyId = parseId(id);
        return registration.find(awardingBodyId).map(state -> {
            if (state instanceof AwardingBody.Registered registered) {
                return AwardingBodyView.of(registered);
            }
            throw Problem.notFound("awarding body", id).exception();
        });
    }

    private static MicroCredential.QualityAssurance qualityAssurance(RequestFields fields, QualityAssuranceBody body) {
        MicroCredential.QualityAssuranceType type = fields.require("/qualityAssurance/type", body.type(),
                () -> qualityAssuranceType(body.type()));
        return type == null ? null : fields.read("/qualityAssurance/description",
                () -> new MicroCredential.QualityAssurance(type, body.description()));
    }

    private static MicroCredential.QualityAssuranceType qualityAssuranceType(String type) {
        try {
            return MicroCredential.QualityAssuranceType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown code " + type + "; one of "
                    + List.of(MicroCredential.QualityAssuranceType.values()));
        }
    }

    /** An awarding body id from a path: one that cannot be an id names no awarding body (404). */
    public static AwardingBodyId parseId(String id) {
        try {
            return AwardingBodyId.parse(id);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("awarding body", id).exception();
        }
    }

    private static URI httpUrl(String text) {
        try {
            URI uri = new URI(text);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("must be an http(s) URL; was " + text);
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("must be an http(s) URL; was " + text);
        }
    }
}

package eu.microcredentials.issuer.issuing;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.eventsourcing.web.RequestFields;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.credential.Credential;
import eu.microcredentials.issuer.domain.credential.MicroCredential;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import eu.microcredentials.issuer.registering.AwardingBodyRegistration;
import eu.microcredentials.events.EventJson;
import eu.microcredentials.issuer.access.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.HeaderParam;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Issuing micro-credentials, and the issuer's view of one. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Credentials")
public class CredentialResource {
    private final CredentialIssuing issuing;
    private final AwardingBodyRegistration awardingBodies;
    private final Clock clock;
    private final IdempotencyKeys idempotency;
    private final SecurityIdentity identity;

    public CredentialResource(CredentialIssuing issuing, AwardingBodyRegistration awardingBodies, Clock clock,
                              IdempotencyKeys idempotency, SecurityIdentity identity) {
        this.idempotency = idempotency;
        this.identity = identity;
        this.issuing = issuing;
        this.awardingBodies = awardingBodies;
        this.clock = clock;
    }

    @POST
    @Path("/awarding-bodies/{awardingBodyId}/credentials")
    @Authenticated
    @Operation(summary = "Issue a micro-credential, signed as a VC-JWT (Idempotency-Key supported)")
    public Uni<Response> issue(@PathParam("awardingBodyId") String awardingBodyId,
                               @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                               IssueCredentialRequest request) {
        Caller.mayActFor(identity, awardingBodyId);
        if (request == null) {
            throw Problem.malformed("a JSON body is required").exception();
        }
        AwardingBodyId issuer = parseAwardingBody(awardingBodyId);
        String key = idempotencyKey == null ? null : IdempotencyKeys.check(idempotencyKey);
        String requestHash = IdempotencyKeys.hash(EventJson.mapper().valueToTree(request).toString()
                .getBytes(StandardCharsets.UTF_8));
        return Uni.combine().all().unis(awardingBodies.find(issuer), unregisteredCoAwardingBodies(request)).asTuple()
                .flatMap(found -> {
            if (!(found.getItem1() instanceof AwardingBody.Registered registered)) {
                throw Problem.notFound("awarding body", awardingBodyId).exception();
            }
            RequestFields fields = new RequestFields();
            MicroCredential content = request.toContent(fields, registered.profile().country(), clock);
            found.getItem2().forEach(pointer -> fields.reject(pointer, "no awarding body is registered with this id"));
            fields.throwIfInvalid();
            if (key == null) {
                return issuing.issue(issuer, content).map(CredentialView::of);
            }
            return idempotency.find(issuer, key).flatMap(earlier -> earlier.isPresent()
                    ? replay(earlier.get(), requestHash, key)
                    : issuing.issue(issuer, content, (tx, issued) -> idempotency.remember(tx, issuer, key, requestHash,
                            JsonObject.mapFrom(Map.of("credentialId", issued.id().toString()))))
                    .map(CredentialView::of)
                    // a concurrent request with the same key won: answer what it recorded
                    .onFailure(IdempotencyKeys::isDuplicateKey).recoverWithUni(() -> idempotency.find(issuer, key)
                            .flatMap(winner -> replay(winner.orElseThrow(), requestHash, key))));
        }).map(view -> Response.created(URI.create("/api/v1/credentials/" + view.id())).entity(view).build());
    }

    /** The pointers of co-awarding bodies that are well-formed ids but name no registered awarding body. */
    private Uni<List<String>> unregisteredCoAwardingBodies(IssueCredentialRequest request) {
        List<String> ids = request.coAwardingBodies() == null ? List.of() : request.coAwardingBodies();
        Map<Integer, AwardingBodyId> parsed = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            try {
                parsed.put(i, AwardingBodyId.parse(ids.get(i)));
            } catch (IllegalArgumentException malformed) {
                // reported with the other fields by toContent
            }
        }
        return awardingBodies.unregistered(parsed.values()).map(unknown -> parsed.entrySet().stream()
                .filter(entry -> unknown.contains(entry.getValue()))
                .map(entry -> "/coAwardingBodies/" + entry.getKey()).toList());
    }

    private Uni<CredentialView> replay(IdempotencyKeys.Outcome earlier, String requestHash, String key) {
        String credentialId = IdempotencyKeys.replay(earlier, requestHash, key).getString("credentialId");
        return issuing.find(CredentialId.parse(credentialId)).map(state -> CredentialView.of((Credential.Issued) state));
    }

    @GET
    @Path("/credentials/{id}")
    @Authenticated
    @Operation(summary = "The issuer's view of a credential, with its learner's personal data, its status and status "
            + "history: its awarding body or operators only")
    public Uni<CredentialView> get(@PathParam("id") String id) {
        CredentialId credentialId;
        try {
            credentialId = CredentialId.parse(id);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("credential", id).exception();
        }
        return issuing.find(credentialId).map(state -> {
            if (state instanceof Credential.Issued issued) {
                Caller.mayActFor(identity, issued.awardingBody().toString());
                return CredentialView.of(issued);
            }
            throw Problem.notFound("credential", id).exception();
        });
    }

    private static AwardingBodyId parseAwardingBody(String id) {
        try {
            return AwardingBodyId.parse(id);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("awarding body", id).exception();
        }
    }
}

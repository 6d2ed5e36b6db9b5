package eu.microcredentials.registry.lookup;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.eventsourcing.web.RequestFields;
import eu.microcredentials.registry.access.OperatorKey;
import eu.microcredentials.registry.domain.CredentialSearch;
import eu.microcredentials.registry.domain.asof.AsOf;
import eu.microcredentials.registry.verification.CredentialAsOf;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public registry: look up a credential, search, a learner's own view, the awarding bodies. */
@Path("/api/v1/registry")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Registry")
public class RegistryResource {
    private final RegistryQueries queries;
    private final CredentialAsOf asOf;
    private final OperatorKey operatorKey;

    public RegistryResource(RegistryQueries queries, CredentialAsOf asOf, OperatorKey operatorKey) {
        this.queries = queries;
        this.asOf = asOf;
        this.operatorKey = operatorKey;
    }

    @GET
    @Path("/credentials/{id}")
    @Operation(summary = "Look up a credential, with its signed form (verifiableCredential) when it has one",
            description = "`status` is the status now; `supersedes` and `supersededBy` link a correction both ways. "
                    + "With `asOf` (an ISO-8601 instant with offset) the answer also carries `asOf`: the status "
                    + "(NOT_YET_ISSUED, ACTIVE, SUSPENDED or REVOKED) and the awarding body's accreditation at that "
                    + "instant as known now (`knownNow`: every recorded change applied from when it takes effect, a "
                    + "retroactive revocation included) and as known then (`knownThen`: only what had been recorded "
                    + "by that instant), and `differs` when the two disagree. Registry operators (Authorization: "
                    + "Bearer <operator API key>) also get each view's `statusDetail` (reason, effectiveFrom, recordedAt).")
    public Uni<RegistryQueries.RegisteredCredential> credential(@PathParam("id") String id,
                                                                @Parameter(description = "The instant to answer for")
                                                                @QueryParam("asOf") String asOfParameter,
                                                                @Parameter(in = ParameterIn.HEADER,
                                                                        name = HttpHeaders.AUTHORIZATION,
                                                                        description = "Bearer <registry operator API key>: "
                                                                                + "adds the status details as of")
                                                                @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        RequestFields fields = new RequestFields();
        Instant instant = asOfParameter == null ? null : fields.read("/query/asOf", () -> AsOf.instant(asOfParameter));
        fields.throwIfInvalid();
        Uni<RegistryQueries.RegisteredCredential> found = queries.credential(id)
                .map(credential -> credential.orElseThrow(() -> Problem.notFound("credential", id).exception()));
        if (instant == null) {
            return found;
        }
        return found.flatMap(credential -> asOf.answer(id, credential.awardingBodyId(), instant,
                        operatorKey.presentedIn(authorization))
                .map(answer -> answer.map(credential::withAsOf).orElseThrow(
                        () -> Problem.notFound("credential", id).exception())));
    }

    @GET
    @Path("/credentials")
    @Operation(summary = "Search credentials by learner, awarding body and issuer country (paged)")
    public Uni<RegistryQueries.Page<RegistryQueries.RegisteredCredential>> search(
            @QueryParam("learner") String learner, @QueryParam("awardingBody") String awardingBody,
            @QueryParam("country") String country, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        RequestFields fields = new RequestFields();
        CredentialSearch search = fields.read("/query", () -> new CredentialSearch(learner, awardingBody, country, page, size));
        fields.throwIfInvalid();
        return queries.search(search);
    }

    @GET
    @Path("/learners/{learnerId}/credentials")
    @Operation(summary = "The learner's own view: every credential they hold, from any awarding body")
    public Uni<List<RegistryQueries.RegisteredCredential>> learnerCredentials(@PathParam("learnerId") String learnerId,
                                                                              @QueryParam("page") @DefaultValue("0") int page,
                                                                              @QueryParam("size") @DefaultValue("500") int size) {
        RequestFields fields = new RequestFields();
        CredentialSearch search = fields.read("/query", () -> new CredentialSearch(learnerId, null, null, page, size));
        fields.throwIfInvalid();
        return queries.search(search).map(RegistryQueries.Page::items);
    }

    @GET
    @Path("/awarding-bodies")
    @Operation(summary = "The awarding bodies the registry knows, optionally of one country or accreditation status, "
            + "with their signing keys and accreditation",
            description = "Each body's published keys, retired ones too (with retiredAt), as public JWKs: external "
                    + "verifiers can check the signatures of its credentials with them. `accreditation` is the one that "
                    + "holds now (status ACCREDITED, WITHDRAWN or NONE), `accreditationHistory` every recorded decision.")
    public Uni<List<RegistryQueries.RegisteredAwardingBody>> awardingBodies(@QueryParam("country") String country,
                                                                            @QueryParam("accreditation") String accreditation) {
        RequestFields fields = new RequestFields();
        String code = country == null || country.isBlank() ? null
                : fields.read("/query/country", () -> CredentialSearch.checkCountry(country));
        String status = accreditation == null || accreditation.isBlank() ? null
                : fields.read("/query/accreditation", () -> accreditationStatus(accreditation));
        fields.throwIfInvalid();
        return queries.awardingBodies(code, status);
    }

    private static String accreditationStatus(String value) {
        if (!List.of("ACCREDITED", "WITHDRAWN", "NONE").contains(value)) {
            throw new IllegalArgumentException("accreditation must be ACCREDITED, WITHDRAWN or NONE; was " + value);
        }
        return value;
    }
}

package eu.microcredentials.registry.lookup;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.eventsourcing.web.RequestFields;
import eu.microcredentials.registry.domain.CredentialSearch;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public registry: look up a credential, search, a learner's own view, the awarding bodies. */
@Path("/api/v1/registry")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Registry")
public class RegistryResource {
    private final RegistryQueries queries;

    public RegistryResource(RegistryQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/credentials/{id}")
    @Operation(summary = "Look up a credential, with its signed form (verifiableCredential) when it has one")
    public Uni<RegistryQueries.RegisteredCredential> credential(@PathParam("id") String id) {
        return queries.credential(id).map(found -> found.orElseThrow(() -> Problem.notFound("credential", id).exception()));
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

package eu.microcredentials.recognition.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.eventsourcing.web.RequestFields;
import eu.microcredentials.recognition.access.Access;
import eu.microcredentials.recognition.domain.policy.Purpose;
import eu.microcredentials.recognition.domain.policy.RecognitionPolicy;
import eu.microcredentials.recognition.infrastructure.JsonBody;
import eu.microcredentials.recognition.infrastructure.PolicyStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Recognising organisations define the policies they recognise credentials under. */
@Path("/api/v1/recognition-policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Recognition")
public class PolicyResource {
    static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    static final Pattern ESCO_SKILL = Pattern.compile("http://data\\.europa\\.eu/esco/skill/[A-Za-z0-9-]+");

    private final Pool pool;
    private final PolicyStore policies;
    private final Access access;
    private final Clock clock;

    public PolicyResource(Pool pool, PolicyStore policies, Access access, Clock clock) {
        this.pool = pool;
        this.policies = policies;
        this.access = access;
        this.clock = clock;
    }

    @POST
    @Operation(summary = "Define a recognition policy: its purpose and its rules over credential content and trust",
            description = "With the API key of a recognising organisation (university, employer, professional body), "
                    + "which owns the policy and alone decides the requests it refers to a reviewer. Recorded as "
                    + "recognition.policy.defined.v1. Answers 201 with the policy; 400 problem+json naming every bad "
                    + "field; 401 without a known key; 403 for an organisation that does not recognise credentials.")
    public Uni<Response> define(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, JsonNode body) {
        return access.organisation(authorization).flatMap(organisation -> {
            String refusal = organisation.refusalToDefinePolicies();
            if (refusal != null) {
                throw Access.forbidden(refusal);
            }
            RecognitionPolicy policy = parse(body, UUID.randomUUID().toString(), organisation.name(), clock);
            return pool.withTransaction(tx -> policies.define(tx, policy, organisation.id()))
                    .map(done -> Response.created(URI.create("/api/v1/recognition-policies/" + policy.id()))
                            .entity(PolicyStore.view(policy, organisation.id())).build());
        });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A recognition policy and the organisation owning it, from the definitions read model")
    public Uni<ObjectNode> get(@PathParam("id") String id) {
        return policies.view(pool, id).map(found -> found
                .orElseThrow(() -> Problem.notFound("recognition policy", id).exception()));
    }

    /** The organisation is the one whose key defines the policy; an {@code organisation} in the body is not read. */
    static RecognitionPolicy parse(JsonNode json, String id, String organisation, Clock clock) {
        RequestFields fields = new RequestFields();
        JsonBody body = JsonBody.of(json, fields);
        String title = body.text("title", false, 300);
        Purpose purpose = body.oneOf("purpose", Purpose.class, true);
        boolean review = body.flag("needsHumanReview");
        JsonBody rules = body.object("rules", true);
        RecognitionPolicy policy = null;
        if (rules != null) {
            Integer minEqf = rules.integer("minEqfLevel", false, 1, 8);
            var minEcts = rules.positive("minEctsPerCredential", false, false);
            var minTotal = rules.positive("minTotalEcts", false, false);
            List<String> qa = rules.texts("acceptedQualityAssuranceTypes", false);
            boolean accredited = rules.flag("accreditedAwardingBodyRequired");
            List<String> countries = rules.texts("acceptedIssuerCountries", false, c -> COUNTRY.matcher(c).matches(),
                    "an ISO 3166-1 alpha-2 code such as NL");
            List<String> outcomes = rules.texts("requiredLearningOutcomes", false);
            List<String> skills = rules.texts("requiredEscoSkills", false, s -> ESCO_SKILL.matcher(s).matches(),
                    "an ESCO skill URI, http://data.europa.eu/esco/skill/<id>");
            var maxAge = rules.period("maxCredentialAge");
            List<String> assessments = rules.texts("acceptedAssessmentTypes", false);
            boolean supervised = rules.flag("supervisedAssessmentRequired");
            if (fields.valid()) {
                policy = new RecognitionPolicy(id, organisation, title, purpose, minEqf, minEcts, minTotal,
                        new HashSet<>(qa), accredited, new HashSet<>(countries), outcomes, skills, maxAge,
                        new HashSet<>(assessments), supervised, review, clock.instant().truncatedTo(ChronoUnit.MILLIS));
            }
        }
        fields.throwIfInvalid();
        return policy;
    }
}

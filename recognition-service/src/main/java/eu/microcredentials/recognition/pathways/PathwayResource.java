package eu.microcredentials.recognition.pathways;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import eu.microcredentials.events.EventJson;
import eu.microcredentials.events.data.PathwayCompleted;
import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.eventsourcing.web.RequestFields;
import eu.microcredentials.recognition.access.Access;
import eu.microcredentials.recognition.domain.pathway.Completion;
import eu.microcredentials.recognition.domain.pathway.Pathway;
import eu.microcredentials.recognition.domain.pathway.PathwayProgress;
import eu.microcredentials.recognition.infrastructure.CompletionStore;
import eu.microcredentials.recognition.infrastructure.HeldCredentialReadModel;
import eu.microcredentials.recognition.infrastructure.JsonBody;
import eu.microcredentials.recognition.infrastructure.PathwayStore;
import io.smallrye.mutiny.Multi;
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
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Awarding bodies define learning pathways; learners see their progress on each, computed from the log. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Pathways")
public class PathwayResource {
    private static final Pattern ESCO_SKILL = Pattern.compile("http://data\\.europa\\.eu/esco/skill/[A-Za-z0-9-]+");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final List<String> QF_EHEA = List.of("SHORT_CYCLE", "FIRST_CYCLE", "SECOND_CYCLE", "THIRD_CYCLE");

    private final Pool pool;
    private final PathwayStore pathways;
    private final CompletionStore completions;
    private final HeldCredentialReadModel held;
    private final PathwayFollowing following;
    private final Access access;
    private final Clock clock;

    public PathwayResource(Pool pool, PathwayStore pathways, CompletionStore completions, HeldCredentialReadModel held,
                           PathwayFollowing following, Access access, Clock clock) {
        this.pool = pool;
        this.pathways = pathways;
        this.completions = completions;
        this.held = held;
        this.following = following;
        this.access = access;
        this.clock = clock;
    }

    /** A pathway as defined, with the content of the stacked credential it awards. */
    public record PathwayView(String id, String awardingBodyId, PathwayCompleted.StackedCredential target,
                              Pathway.Requirements requirements, boolean autoIssue, Pathway.OnPartRevoked onPartRevoked,
                              Instant definedAt, String organisationId) {
        static PathwayView of(PathwayStore.Defined defined) {
            Pathway p = defined.pathway();
            return new PathwayView(p.id(), p.awardingBodyId(), defined.target(), p.requirements(), p.autoIssue(),
                    p.onPartRevoked(), p.definedAt(), defined.organisationId());
        }
    }

    /** A learner's progress on a pathway, and their latest completion of it (absent when none). */
    public record LearnerPathway(String pathwayId, String title, String awardingBodyId, boolean complete,
                                 List<String> countingCredentialIds, BigDecimal ects, List<String> missing,
                                 CompletionView completion) {
    }

    /** HOLDING, or WITHDRAWN with the cause (REVOKED, SUSPENDED, ACCREDITATION_WITHDRAWN). */
    public record CompletionView(String completionId, int number, String status, String cause,
                                 List<String> partCredentialIds) {
        static CompletionView of(Completion completion) {
            if (completion instanceof Completion.Holding h) {
                return new CompletionView(h.completionId(), h.number(), "HOLDING", null, h.parts());
            }
            if (completion instanceof Completion.Withdrawn w) {
                return new CompletionView(w.completionId(), w.number(), "WITHDRAWN", w.cause().name(), w.parts());
            }
            return null;
        }
    }

    @POST
    @Path("/pathways")
    @Operation(summary = "Define a learning pathway: the stacked credential it awards and what held credentials must add up to",
            description = "With the API key of the organisation registered for the pathway's awarding body. Recorded as "
                    + "pathway.defined.v1; learners who already meet it complete it in the same transaction. Answers "
                    + "201 with the pathway; 400 problem+json naming every bad field; 401 without a known key; 403 when "
                    + "the key is not the awarding body's.")
    public Uni<Response> define(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, JsonNode body) {
        return access.organisation(authorization).flatMap(organisation -> {
            PathwayStore.Defined defined = parse(body, UUID.randomUUID().toString(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS), organisation.id());
            String refusal = organisation.refusalToDefinePathwayOf(defined.pathway().awardingBodyId());
            if (refusal != null) {
                throw Access.forbidden(refusal);
            }
            return pool.withTransaction(tx -> following.define(tx, defined)).map(done -> Response
                    .created(URI.create("/api/v1/pathways/" + defined.pathway().id()))
                    .entity(PathwayView.of(defined)).build());
        });
    }

    @GET
    @Path("/pathways/{id}")
    @Operation(summary = "A learning pathway, from the definitions read model")
    public Uni<PathwayView> get(@PathParam("id") String id) {
        return pathways.find(pool, id).map(found -> PathwayView.of(found
                .orElseThrow(() -> Problem.notFound("pathway", id).exception())));
    }

    @GET
    @Path("/learners/{learnerId}/pathways")
    @Operation(summary = "A learner's progress on every pathway: the credentials that count, what is missing, the completion")
    public Uni<List<LearnerPathway>> progress(@PathParam("learnerId") String learnerId) {
        Instant now = clock.instant();
        return held.ofLearner(pool, learnerId).flatMap(credentials -> held.candidates(pool, credentials, now))
                .flatMap(candidates -> pathways.listed(pool).flatMap(all -> Multi.createFrom().iterable(all)
                        .onItem().transformToUniAndConcatenate(defined -> completions
                                .latest(pool, defined.pathway().id(), learnerId, false).map(latest -> {
                                    PathwayProgress progress = PathwayProgress.of(defined.pathway(), candidates, now);
                                    return new LearnerPathway(defined.pathway().id(), defined.pathway().title(),
                                            defined.pathway().awardingBodyId(), progress.complete(),
                                            progress.countingCredentialIds(), progress.ects(), progress.missing(),
                                            CompletionView.of(latest.completion()));
                                }))
                        .collect().asList()));
    }

    static PathwayStore.Defined parse(JsonNode json, String id, Instant now, String organisationId) {
        RequestFields fields = new RequestFields();
        JsonBody body = JsonBody.of(json, fields);
        String awardingBodyId = body.text("awardingBodyId", true, 200);
        boolean autoIssue = body.flag("autoIssue");
        Pathway.OnPartRevoked onPartRevoked = body.oneOf("onPartRevoked", Pathway.OnPartRevoked.class, true);
        PathwayCompleted.StackedCredential target = target(body, json == null ? null : json.get("target"));
        JsonBody r = body.object("requirements", true);
        Pathway.Requirements requirements = null;
        if (r != null) {
            BigDecimal minTotal = r.positive("minTotalEcts", false, false);
            Integer minCount = r.integer("minCount", false, 1, 1000);
            Integer minEqf = r.integer("minEqfLevel", false, 1, 8);
            List<String> outcomes = r.texts("requiredLearningOutcomes", false);
            List<String> skills = r.texts("requiredEscoSkills", false, s -> ESCO_SKILL.matcher(s).matches(),
                    "an ESCO skill URI, http://data.europa.eu/esco/skill/<id>");
            List<String> bodies = r.texts("allowedAwardingBodyIds", false, s -> s.length() <= 200, "at most 200 characters");
            var maxAge = r.period("maxCredentialAge");
            boolean accredited = r.flag("accreditedAwardingBodyRequired");
            if (minTotal == null && minCount == null && outcomes.isEmpty() && skills.isEmpty()) {
                fields.reject("/requirements", "must require at least one of minTotalEcts, minCount, "
                        + "requiredLearningOutcomes, requiredEscoSkills");
            }
            requirements = new Pathway.Requirements(minTotal, minCount, minEqf, outcomes, skills, new HashSet<>(bodies),
                    maxAge, accredited);
        }
        fields.throwIfInvalid();
        return new PathwayStore.Defined(new Pathway(id, awardingBodyId, target.title(), requirements, autoIssue,
                onPartRevoked, now), target, organisationId);
    }

    /** The stacked credential's EU standard elements: the mandatory ones required, each checked. */
    private static PathwayCompleted.StackedCredential target(JsonBody body, JsonNode json) {
        JsonBody t = body.object("target", true);
        if (t == null) {
            return null;
        }
        RequestFields fields = body.fields();
        t.text("title", true, 500);
        t.texts("issuerCountries", false, c -> COUNTRY.matcher(c).matches(), "an ISO 3166-1 alpha-2 code such as NL");
        JsonNode outcomes = json.get("learningOutcomes");
        if (outcomes == null || !outcomes.isArray() || outcomes.isEmpty()) {
            fields.reject("/target/learningOutcomes", "must be a non-empty array of {description, escoSkill}");
        } else {
            for (int i = 0; i < outcomes.size(); i++) {
                JsonBody outcome = new JsonBody(outcomes.get(i), "/target/learningOutcomes/" + i, fields);
                if (!outcomes.get(i).isObject()) {
                    fields.reject("/target/learningOutcomes/" + i, "must be an object");
                    continue;
                }
                outcome.text("description", true, 2000);
                String skill = outcome.text("escoSkill", false, 300);
                if (skill != null && !ESCO_SKILL.matcher(skill).matches()) {
                    fields.reject("/target/learningOutcomes/" + i + "/escoSkill",
                            "must be an ESCO skill URI, http://data.europa.eu/esco/skill/<id>");
                }
            }
        }
        JsonBody workload = t.object("workload", true);
        if (workload != null) {
            workload.positive("ects", true, false);
            workload.integer("hours", false, 1, 100_000);
        }
        JsonBody level = t.object("level", false);
        if (level != null) {
            level.integer("eqf", false, 1, 8);
            String cycle = level.text("qfEhea", false, 20);
            if (cycle != null && !QF_EHEA.contains(cycle)) {
                fields.reject("/target/level/qfEhea", "must be one of " + QF_EHEA);
            }
        }
        for (String element : List.of("assessment", "participation", "qualityAssurance")) {
            JsonBody part = t.object(element, true);
            if (part != null) {
                part.text(element.equals("participation") ? "form" : "type", true, 100);
                part.text("description", false, 2000);
            }
        }
        if (!fields.valid()) {
            return null;
        }
        try {
            return EventJson.mapper().treeToValue(json, PathwayCompleted.StackedCredential.class);
        } catch (JsonProcessingException e) {
            fields.reject("/target", "cannot be read: " + e.getOriginalMessage());
            return null;
        }
    }
}

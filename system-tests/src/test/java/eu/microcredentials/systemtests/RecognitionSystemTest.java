package eu.microcredentials.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.EventType;
import eu.microcredentials.events.data.PathwayCompleted;
import eu.microcredentials.events.data.PathwayCompletionWithdrawn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Recognition and learning pathways through every service: credentials issued at the issuer are recognised at
 * recognition-service under three policies (GRANTED, REJECTED with every failed rule named, NEEDS_REVIEW then decided
 * by a reviewer) and complete a pathway (one pathway.completed on mc.pathways.v1, and the issuer issues the stacked
 * credential once, because the awarding body enabled the pathway at the issuer; a second pathway naming the same body,
 * which it did not enable, completes too, and the issuer refuses it and issues nothing); revoking one of them at the issuer withdraws the recognition and the completion, and, as the
 * pathway's policy says, revokes the stacked credential, in every service; rebuilding recognition's
 * decisions read model from the log reproduces every decision, and its definitions read model every policy and pathway.
 * Organisations registered by recognition's operators define the policies and pathways, each with its own key. The
 * steps build on each other and run in order.
 */
@ExtendWith(RunningPlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecognitionSystemTest {
    private static final Duration PROPAGATION = Duration.ofSeconds(30);
    private static final Duration CATCH_UP = Duration.ofSeconds(180);
    private static final String COUNTRY = "HR";

    private Platform platform;
    private JsonHttp recognition;
    private AwardingBody body;
    private String learnerId;
    private final List<String> credentials = new ArrayList<>();
    private String grantedId;
    private String rejectedId;
    private String reviewedId;
    private String pathwayId;
    private String unenabledPathwayId;
    private String completionId;
    private String stackedId;
    private PathwayTopic pathwayTopic;

    @BeforeAll
    void issueThreeCredentials(Platform platform) {
        this.platform = platform;
        recognition = platform.recognition().http();
        body = platform.registerAwardingBody(Requests.awardingBody("Sveučilište u Zagrebu " + UUID.randomUUID(), COUNTRY));
        learnerId = Requests.newLearnerId();
        // an operator registers the awarding body with recognition: only its key defines the body's pathways there
        JsonHttp bodyAtRecognition = organisation("Sveučilište u Zagrebu", "AWARDING_BODY", body.id());
        pathwayId = bodyAtRecognition.post("/api/v1/pathways", pathway()).expect(201).path("id").asText();
        // the body defines a pathway it does not enable at the issuer; the issuer signs only what it enabled, on its terms
        ObjectNode unenabled = pathway();
        ((ObjectNode) unenabled.path("target")).put("title", "Machine Learning Leadership (stacked)");
        unenabledPathwayId = bodyAtRecognition.post("/api/v1/pathways", unenabled).expect(201).path("id").asText();
        body.issuer().put("/api/v1/awarding-bodies/" + body.id() + "/stacking/" + pathwayId, JsonHttp.JSON.createObjectNode()
                .put("title", "Machine Learning Engineering (stacked)").put("eqfLevel", 6).put("ects", 9)).expect(200);
        for (int i = 0; i < 3; i++) {
            credentials.add(body.issue(Requests.fullCredential(learnerId, COUNTRY)).path("id").asText());
        }
        // a service started for this run may first catch up with everything the topics hold
        Eventually.await(CATCH_UP, "recognition holding the three credentials", () -> {
            List<String> held = new ArrayList<>();
            recognition.get("/api/v1/learners/" + JsonHttp.segment(learnerId) + "/credentials").expect(200)
                    .path("credentials").forEach(credential -> held.add(credential.path("id").asText()));
            assertTrue(held.containsAll(credentials), "held: " + held);
        });
        pathwayTopic = new PathwayTopic();
    }

    @AfterAll
    void closeTopic() {
        if (pathwayTopic != null) {
            pathwayTopic.close();
        }
    }

    /** 3 credentials of EQF 6 and 3 ECTS each from this body, with its ESCO skill, complete it. */
    private ObjectNode pathway() {
        ObjectNode pathway = JsonHttp.JSON.createObjectNode().put("awardingBodyId", body.id()).put("autoIssue", true)
                .put("onPartRevoked", "REVOKE");
        ObjectNode target = pathway.putObject("target").put("title", "Machine Learning Engineering (stacked)");
        target.putArray("issuerCountries").add(COUNTRY);
        target.putArray("learningOutcomes").addObject().put("description", "Build and operate machine learning systems");
        target.putObject("workload").put("ects", 9).put("hours", 225);
        target.putObject("level").put("eqf", 6).put("qfEhea", "FIRST_CYCLE");
        target.putObject("assessment").put("type", "PORTFOLIO");
        target.putObject("participation").put("form", "ONLINE");
        target.putObject("qualityAssurance").put("type", "EXTERNAL");
        ObjectNode requirements = pathway.putObject("requirements").put("minTotalEcts", 9).put("minCount", 3)
                .put("minEqfLevel", 6);
        requirements.putArray("requiredEscoSkills").add("http://data.europa.eu/esco/skill/8e6c2b58-1b2e-4f5b-9b1a-2f0c7c9c1f3e");
        requirements.putArray("allowedAwardingBodyIds").add(body.id());
        return pathway;
    }

    /** Registers an organisation with recognition's operator key; answers recognition called with the organisation's key. */
    private JsonHttp organisation(String name, String kind, String awardingBodyId) {
        ObjectNode organisation = JsonHttp.JSON.createObjectNode().put("name", name).put("kind", kind);
        if (awardingBodyId != null) {
            organisation.put("awardingBodyId", awardingBodyId);
        }
        return recognition.withApiKey(recognition.withApiKey(platform.recognitionOperatorApiKey())
                .post("/api/v1/organisations", organisation).expect(201).path("apiKey").asText());
    }

    /** A policy defined with the key of the recognising organisation that owns it. */
    private String policy(JsonHttp owner, String purpose, boolean review, ObjectNode rules) {
        ObjectNode policy = JsonHttp.JSON.createObjectNode().put("purpose", purpose).put("needsHumanReview", review);
        policy.set("rules", rules);
        return owner.post("/api/v1/recognition-policies", policy).expect(201).path("id").asText();
    }

    private JsonNode request(String policyId, List<String> credentialIds) {
        ObjectNode request = JsonHttp.JSON.createObjectNode().put("learnerId", learnerId).put("policyId", policyId);
        credentialIds.forEach(request.putArray("credentialIds")::add);
        return recognition.post("/api/v1/recognition-requests", request).expect(201);
    }

    private JsonNode decision(String id, String expected) {
        return Eventually.await(PROPAGATION, "recognition " + id + " " + expected, () -> {
            JsonNode view = recognition.get("/api/v1/recognition-requests/" + id).expect(200);
            assertEquals(expected, view.path("decision").asText(), "decision: " + view);
            return view;
        });
    }

    private JsonNode progress() {
        return progress(pathwayId);
    }

    private JsonNode progress(String pathway) {
        for (JsonNode each : recognition.get("/api/v1/learners/" + JsonHttp.segment(learnerId) + "/pathways").expect(200)) {
            if (pathway.equals(each.path("pathwayId").asText())) {
                return each;
            }
        }
        throw new AssertionError("pathway " + pathway + " not listed for " + learnerId);
    }

    @Test
    @Order(1)
    void credentials_meeting_a_policy_are_granted_with_their_ects() {
        ObjectNode rules = JsonHttp.JSON.createObjectNode().put("minEqfLevel", 6).put("minTotalEcts", 5);
        JsonNode granted = request(policy(organisation("Universidade de Lisboa", "UNIVERSITY", null), "ACADEMIC", false,
                rules), credentials.subList(0, 2));
        grantedId = granted.path("id").asText();
        assertEquals("GRANTED", granted.path("decision").asText(), "decision: " + granted);
        assertEquals(6, granted.path("ectsRecognised").asInt(), "ECTS: " + granted);
        assertEquals(granted.path("explanation"), decision(grantedId, "GRANTED").path("explanation"));
    }

    @Test
    @Order(2)
    void a_rejection_names_every_failed_rule() {
        ObjectNode rules = JsonHttp.JSON.createObjectNode().put("minEqfLevel", 7).put("minTotalEcts", 10);
        rules.putArray("acceptedQualityAssuranceTypes").add("INTERNAL");
        rules.putArray("acceptedIssuerCountries").add("DE");
        JsonNode rejected = request(policy(organisation("Siemens AG", "EMPLOYER", null), "EMPLOYMENT", false, rules),
                credentials.subList(0, 1));
        rejectedId = rejected.path("id").asText();
        assertEquals("REJECTED", rejected.path("decision").asText(), "decision: " + rejected);
        List<String> failed = new ArrayList<>();
        rejected.path("failedRules").forEach(rule -> failed.add(rule.path("rule").asText()));
        assertEquals(List.of("minimum-eqf-level", "quality-assurance-type", "issuer-country", "minimum-total-ects"), failed,
                "failed rules: " + rejected.path("failedRules"));
        decision(rejectedId, "REJECTED");
    }

    @Test
    @Order(3)
    void a_policy_asking_for_a_human_is_decided_by_a_reviewer() {
        JsonHttp chamber = organisation("Croatian Chamber of Engineers", "PROFESSIONAL_BODY", null);
        JsonNode referred = request(policy(chamber, "PROFESSIONAL", true,
                JsonHttp.JSON.createObjectNode().put("minEqfLevel", 5)), credentials.subList(2, 3));
        reviewedId = referred.path("id").asText();
        assertEquals("NEEDS_REVIEW", referred.path("decision").asText(), "decision: " + referred);
        decision(reviewedId, "NEEDS_REVIEW");
        ObjectNode decision = JsonHttp.JSON.createObjectNode().put("decision", "GRANTED").put("reviewer", "mr. sc. I. Horvat")
                .put("reason", "Counts towards continuing professional development");
        // only the organisation owning the policy records its reviewers' decisions
        assertEquals(401, recognition.post("/api/v1/recognition-requests/" + reviewedId + "/decision", decision).status());
        assertEquals(403, organisation("Siemens AG", "EMPLOYER", null)
                .post("/api/v1/recognition-requests/" + reviewedId + "/decision", decision).status());
        JsonNode reviewed = chamber.post("/api/v1/recognition-requests/" + reviewedId + "/decision", decision).expect(200);
        assertEquals("mr. sc. I. Horvat", reviewed.path("decidedBy").asText(), "reviewed: " + reviewed);
        assertTrue(reviewed.path("reviewerOrganisationId").isTextual(), "reviewed: " + reviewed);
        decision(reviewedId, "GRANTED");
    }

    @Test
    @Order(4)
    void the_three_credentials_complete_the_pathway_once() {
        JsonNode progress = Eventually.await(PROPAGATION, "the pathway completed", () -> {
            JsonNode now = progress();
            assertEquals("HOLDING", now.path("completion").path("status").asText(), "progress: " + now);
            return now;
        });
        completionId = progress.path("completion").path("completionId").asText();
        List<EventEnvelope> completed = pathwayTopic.await(e -> completionId.equals(e.subject())
                && e.type() == EventType.PATHWAY_COMPLETED, 1, PROPAGATION);
        PathwayCompleted data = (PathwayCompleted) completed.get(0).decode();
        assertEquals(credentials, data.partCredentialIds());
        assertEquals(body.id(), data.awardingBodyId());
        assertEquals("Machine Learning Engineering (stacked)", data.target().title());
        assertEquals(1, completed.size(), "one pathway.completed for " + completionId);

        // its awarding body asked for it (autoIssue): the issuer issues the stacked credential, naming its parts
        JsonNode stacked = Eventually.await(PROPAGATION, "the stacked credential issued", () -> body.issuer()
                .get("/api/v1/pathway-completions/" + completionId + "/stacked-credential").expect(200));
        stackedId = stacked.path("id").asText();
        List<String> parts = new ArrayList<>();
        stacked.path("hasPart").forEach(part -> parts.add(part.asText()));
        assertEquals(credentials.stream().sorted().toList(), parts.stream().sorted().toList(), "hasPart: " + stacked);
        Eventually.await(PROPAGATION, "recognition holding the stacked credential once, not counting it", () -> {
            JsonNode held = recognition.get("/api/v1/held-credentials/" + stackedId).expect(200);
            assertEquals(pathwayId, held.path("stackedOnPathwayId").asText(), "held: " + held);
        });
        assertEquals(4, recognition.get("/api/v1/learners/" + JsonHttp.segment(learnerId) + "/credentials").expect(200)
                .path("credentials").size(), "three parts and one stacked credential");
        assertEquals(3, progress().path("countingCredentialIds").size(), "the parts count, the stacked one not");

        // the pathway the body did not enable completes as well, but the issuer refuses it and issues nothing
        String unenabledCompletion = Eventually.await(PROPAGATION, "the unenabled pathway completed", () -> {
            JsonNode now = progress(unenabledPathwayId);
            assertEquals("HOLDING", now.path("completion").path("status").asText(), "progress: " + now);
            return now;
        }).path("completion").path("completionId").asText();
        JsonNode refused = Eventually.await(PROPAGATION, "the issuer refusing the unenabled pathway", () -> body.issuer()
                .get("/api/v1/pathway-completions/" + unenabledCompletion + "/stacking").expect(200));
        assertEquals("REFUSED", refused.path("outcome").asText(), "decision: " + refused);
        assertEquals("PATHWAY_NOT_ENABLED", refused.path("reasons").get(0).path("code").asText(), "decision: " + refused);
        assertEquals(404, body.issuer().get("/api/v1/pathway-completions/" + unenabledCompletion + "/stacked-credential")
                .status());
        assertEquals(4, recognition.get("/api/v1/learners/" + JsonHttp.segment(learnerId) + "/credentials").expect(200)
                .path("credentials").size(), "still three parts and one stacked credential");
    }

    @Test
    @Order(5)
    void revoking_a_credential_at_the_issuer_withdraws_the_recognition_and_the_completion_in_every_service() {
        String revoked = credentials.get(0);
        body.issuer().post("/api/v1/credentials/" + revoked + "/revocation",
                JsonHttp.JSON.createObjectNode().put("reason", "Exam fraud established")).expect(200);
        for (ServiceProcess registry : platform.registries()) {
            Eventually.await(PROPAGATION, registry.name() + " showing " + revoked + " revoked", () -> assertEquals(
                    "REVOKED", registry.http().get("/api/v1/registry/credentials/" + revoked).expect(200)
                            .path("status").asText()));
        }
        JsonNode withdrawn = decision(grantedId, "WITHDRAWN");
        assertEquals("REVOKED", withdrawn.path("withdrawal").path("cause").asText(), "withdrawal: " + withdrawn);
        assertEquals(revoked, withdrawn.path("withdrawal").path("causeCredentialId").asText());
        decision(rejectedId, "REJECTED");
        decision(reviewedId, "GRANTED");

        Eventually.await(PROPAGATION, "the completion withdrawn", () -> assertEquals("WITHDRAWN",
                progress().path("completion").path("status").asText()));
        PathwayCompletionWithdrawn data = (PathwayCompletionWithdrawn) pathwayTopic.await(e -> completionId.equals(
                e.subject()) && e.type() == EventType.PATHWAY_COMPLETION_WITHDRAWN, 1, PROPAGATION).get(0).decode();
        assertEquals(revoked, data.causeCredentialId());
        assertEquals("REVOKED", data.cause());
        assertEquals("REVOKE", data.onPartRevoked());
        assertEquals(1, pathwayTopic.allNow(e -> completionId.equals(e.subject())
                && e.type() == EventType.PATHWAY_COMPLETED).size(), "still one pathway.completed");

        // the pathway's policy is REVOKE: the stacked credential is revoked, and every service says so
        Eventually.await(PROPAGATION, "the issuer revoking the stacked credential", () -> assertEquals("REVOKED",
                body.issuer().get("/api/v1/credentials/" + stackedId).expect(200).path("status").asText()));
        for (ServiceProcess registry : platform.registries()) {
            Eventually.await(PROPAGATION, registry.name() + " showing the stacked credential revoked", () -> assertEquals(
                    "REVOKED", registry.http().get("/api/v1/registry/credentials/" + stackedId).expect(200)
                            .path("status").asText()));
        }
        Eventually.await(PROPAGATION, "recognition showing the stacked credential revoked", () -> assertEquals("REVOKED",
                recognition.get("/api/v1/held-credentials/" + stackedId).expect(200).path("status").asText()));
    }

    @Test
    @Order(6)
    void rebuilding_the_decisions_read_model_from_the_log_reproduces_every_decision() {
        List<JsonNode> before = new ArrayList<>();
        for (String id : List.of(grantedId, rejectedId, reviewedId)) {
            before.add(recognition.get("/api/v1/recognition-requests/" + id).expect(200));
        }
        // waits until the rebuilt model has been swapped in, and fails unless it equals the live one
        platform.rebuildAndAwait(platform.recognition(), "recognitions", CATCH_UP);
        List<JsonNode> after = new ArrayList<>();
        for (String id : List.of(grantedId, rejectedId, reviewedId)) {
            after.add(recognition.get("/api/v1/recognition-requests/" + id).expect(200));
        }
        assertEquals(before, after);
        assertTrue(before.get(0).path("history").size() == 3, "requested, granted, withdrawn: " + before.get(0));

        // the policies and pathways the decisions were taken under are events too: their read model comes back the same
        String policyId = before.get(0).path("policyId").asText();
        JsonNode policyBefore = recognition.get("/api/v1/recognition-policies/" + policyId).expect(200);
        JsonNode pathwayBefore = recognition.get("/api/v1/pathways/" + pathwayId).expect(200);
        platform.rebuildAndAwait(platform.recognition(), "definitions", CATCH_UP);
        assertEquals(policyBefore, recognition.get("/api/v1/recognition-policies/" + policyId).expect(200));
        assertEquals(pathwayBefore, recognition.get("/api/v1/pathways/" + pathwayId).expect(200));
    }
}

package eu.microcredentials.recognition.domain.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.microcredentials.recognition.domain.AccreditationRecord;
import eu.microcredentials.recognition.domain.HeldCredential;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyEvaluationTest {
    static final Instant REQUESTED = Instant.parse("2026-06-01T10:00:00Z");
    static final String SKILL = "http://data.europa.eu/esco/skill/abc";
    static final AccreditationRecord.Standing ACCREDITED = new AccreditationRecord.Standing(true, true);

    static HeldCredential credential(String id, String ects, int eqf, HeldCredential.Status status) {
        return new HeldCredential(id, "did:example:ada", "ab-1", "Course " + id, new BigDecimal(ects), eqf, List.of("NL"),
                LocalDate.parse("2026-03-14"), status, Instant.parse("2026-03-14T09:00:00Z"),
                List.of(new HeldCredential.LearningOutcome("Apply the GDPR", SKILL)), "EXTERNAL", "WRITTEN_EXAM", true,
                null, null);
    }

    static RecognitionPolicy policy(Integer minEqf, String minTotal, boolean review) {
        return new RecognitionPolicy("p-1", "TU Delft", "MSc electives", Purpose.ACADEMIC, minEqf, null,
                minTotal == null ? null : new BigDecimal(minTotal), Set.of(), false, Set.of(), List.of(), List.of(), null,
                Set.of(), false, review, REQUESTED);
    }

    static Candidate candidate(HeldCredential credential) {
        return new Candidate(credential, ACCREDITED);
    }

    @Test
    void credentials_meeting_every_rule_are_granted_with_their_ects() {
        PolicyEvaluation.Outcome outcome = PolicyEvaluation.evaluate(policy(6, "5", false),
                List.of(candidate(credential("a", "3", 7, HeldCredential.Status.ACTIVE)),
                        candidate(credential("b", "2.5", 6, HeldCredential.Status.ACTIVE))), REQUESTED);
        assertEquals(PolicyEvaluation.Decision.GRANTED, outcome.decision());
        assertEquals(0, new BigDecimal("5.5").compareTo(outcome.ects()));
        assertTrue(outcome.explanation().contains("5.5 ECTS recognised"), outcome.explanation());
    }

    @Test
    void a_policy_asking_for_a_human_refers_a_request_that_meets_every_rule() {
        PolicyEvaluation.Outcome outcome = PolicyEvaluation.evaluate(policy(6, null, true),
                List.of(candidate(credential("a", "3", 7, HeldCredential.Status.ACTIVE))), REQUESTED);
        assertEquals(PolicyEvaluation.Decision.NEEDS_REVIEW, outcome.decision());
        assertEquals(0, new BigDecimal("3").compareTo(outcome.ects()));
    }

    @Test
    void every_failed_rule_is_named_per_credential_and_for_the_request() {
        RecognitionPolicy strict = new RecognitionPolicy("p-2", "Siemens", null, Purpose.EMPLOYMENT, 8,
                new BigDecimal("4"), new BigDecimal("20"), Set.of("INTERNAL"), true, Set.of("DE"),
                List.of("Lead a team"), List.of("http://data.europa.eu/esco/skill/other"), Period.ofMonths(1),
                Set.of("PROJECT"), true, false, REQUESTED);
        HeldCredential unsupervised = new HeldCredential("b", "did:example:ada", "ab-2", "B", new BigDecimal("5"), null,
                List.of("NL"), LocalDate.parse("2026-05-20"), HeldCredential.Status.SUSPENDED,
                Instant.parse("2026-05-20T09:00:00Z"), List.of(), "EXTERNAL", "PROJECT", false, null, null);
        PolicyEvaluation.Outcome outcome = PolicyEvaluation.evaluate(strict, List.of(
                new Candidate(credential("a", "3", 7, HeldCredential.Status.ACTIVE), new AccreditationRecord.Standing(true, false)),
                new Candidate(unsupervised, new AccreditationRecord.Standing(false, false))), REQUESTED);

        assertEquals(PolicyEvaluation.Decision.REJECTED, outcome.decision());
        assertEquals(Set.of(
                        "a minimum-eqf-level", "a minimum-ects-per-credential", "a quality-assurance-type",
                        "a accredited-awarding-body", "a issuer-country", "a maximum-credential-age", "a assessment-type",
                        "b credential-active", "b minimum-eqf-level", "b quality-assurance-type",
                        "b accredited-awarding-body", "b issuer-country", "b supervised-assessment",
                        "null minimum-total-ects", "null required-learning-outcome", "null required-esco-skill"),
                Set.copyOf(outcome.failedRules().stream().map(f -> f.credentialId() + " " + f.rule()).toList()));
        assertEquals(16, outcome.failedRules().size());
        assertTrue(outcome.explanation().startsWith("Not recognised under Siemens's employment policy: 16 rule(s) not met."),
                outcome.explanation());
    }

    @Test
    void required_outcomes_and_skills_may_come_from_any_credential() {
        RecognitionPolicy policy = new RecognitionPolicy("p-3", "TU Delft", null, Purpose.ACADEMIC, null, null, null,
                Set.of(), false, Set.of(), List.of("apply the gdpr "), List.of(SKILL), null, Set.of(), false, false,
                REQUESTED);
        assertEquals(PolicyEvaluation.Decision.GRANTED, PolicyEvaluation.evaluate(policy,
                List.of(candidate(credential("a", "1", 5, HeldCredential.Status.ACTIVE))), REQUESTED).decision());
    }

    @Test
    void a_reevaluation_leaves_out_what_no_longer_counts_and_judges_the_rest() {
        List<Candidate> candidates = List.of(candidate(credential("a", "3", 7, HeldCredential.Status.REVOKED)),
                candidate(credential("b", "3", 7, HeldCredential.Status.ACTIVE)));
        assertTrue(PolicyEvaluation.reevaluate(policy(null, "3", false), candidates, REQUESTED).orElseThrow().rulesMet());
        assertEquals(List.of("minimum-total-ects"), PolicyEvaluation.reevaluate(policy(null, "6", false), candidates,
                REQUESTED).orElseThrow().failedRules().stream().map(FailedRule::rule).toList());
        assertTrue(PolicyEvaluation.reevaluate(policy(null, null, false),
                List.of(candidate(credential("a", "3", 7, HeldCredential.Status.SUSPENDED))), REQUESTED).isEmpty());
    }
}

package eu.microcredentials.issuer.domain.awardingbody;

import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CountryCode;
import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.credential.Credential;
import eu.microcredentials.issuer.domain.credential.CredentialStatus;
import eu.microcredentials.issuer.domain.credential.MicroCredential;
import eu.microcredentials.issuer.domain.credential.Reason;
import eu.microcredentials.issuer.domain.credential.SignedCredential;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * When the issuer may issue a completion's stacked credential in an awarding body's name: given the body's agreements
 * and the issuer's own records of the parts, when a completion comes, then issue (nothing unmet) or every reason not to.
 */
class StackingConditionsTest {
    private static final Instant ISSUED_AT = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant COMPLETED_AT = Instant.parse("2026-03-14T09:00:00Z");
    private static final String PATHWAY = "8c7d6e5f-4a3b-4c2d-9e1f-0a1b2c3d4e5f";
    private static final String LEARNER = "mailto:ana.silva@example.org";
    private static final StackingTerms TERMS = new StackingTerms("Data Science (stacked)", 6, new BigDecimal("6"));

    private final AwardingBodyId bodyId = new AwardingBodyId(UUID.randomUUID());
    private final CredentialId first = new CredentialId(UUID.randomUUID());
    private final CredentialId second = new CredentialId(UUID.randomUUID());
    private final Map<CredentialId, Credential> parts = new HashMap<>(Map.of(
            first, active(first, LEARNER, ISSUED_AT), second, active(second, LEARNER, ISSUED_AT)));

    private AwardingBody.Registered body(Map<String, StackingAgreement> stacking) {
        return new AwardingBody.Registered(bodyId, new AwardingBodyProfile("Universidade de Exemplo",
                new CountryCode("PT"), null, null, null), ISSUED_AT.minusSeconds(86_400), List.of(), stacking);
    }

    private AwardingBody.Registered enabled() {
        return body(Map.of(PATHWAY, new StackingAgreement(PATHWAY, TERMS, bodyId.toString(), ISSUED_AT)));
    }

    private static PathwayCompletion completion(String title, Integer eqf, BigDecimal ects, List<CredentialId> parts) {
        return new PathwayCompletion("2b1f0e6c-7d4a-3b59-8c21-6e5f4d3c2b1a", PATHWAY, LEARNER, title, eqf, ects, parts,
                COMPLETED_AT);
    }

    private PathwayCompletion completion() {
        return completion("Data Science (stacked)", 6, new BigDecimal("6.0"), List.of(first, second));
    }

    private static Credential.Active active(CredentialId id, String learner, Instant issuedAt) {
        MicroCredential content = new MicroCredential(new MicroCredential.Learner(URI.create(learner), null, null, null),
                "Applied Machine Learning", List.of(new CountryCode("PT")), List.of(), LocalDate.parse("2026-03-01"),
                List.of(new MicroCredential.LearningOutcome("Train and evaluate supervised models", null)),
                new MicroCredential.Workload(new BigDecimal("3"), null), null,
                new MicroCredential.Assessment(MicroCredential.AssessmentType.WRITTEN_EXAM, null),
                new MicroCredential.Participation(MicroCredential.ParticipationForm.ONLINE, null),
                new MicroCredential.QualityAssurance(MicroCredential.QualityAssuranceType.INTERNAL, null),
                null, null, null, null, null);
        return new Credential.Active(id, new AwardingBodyId(UUID.randomUUID()), new CountryCode("PT"), content, issuedAt,
                new SignedCredential("eyJhbGciOiJFUzI1NiJ9.e30.c2lnbmF0dXJl", "key-1", 4711,
                        URI.create("https://issuer.example.org/r"), URI.create("https://issuer.example.org/s")));
    }

    private static Credential.StatusChange change(CredentialStatus status, Instant effectiveFrom, Instant recordedAt) {
        return new Credential.StatusChange(status, new Reason("Test"), effectiveFrom, recordedAt, "operator");
    }

    private static Credential.Revoked revoked(Credential.Active active, Credential.StatusChange... history) {
        return new Credential.Revoked(active.id(), active.awardingBody(), active.awardingBodyCountry(), active.content(),
                active.issuedAt(), active.signed(), List.of(history), null, null, null);
    }

    private static Credential.Suspended suspended(Credential.Active active, Credential.StatusChange... history) {
        return new Credential.Suspended(active.id(), active.awardingBody(), active.awardingBodyCountry(),
                active.content(), active.issuedAt(), active.signed(), List.of(history), null, null);
    }

    private List<StackingRefusal.Code> codes(List<StackingRefusal> refusals) {
        return refusals.stream().map(StackingRefusal::code).toList();
    }

    @Test
    void an_enabled_pathway_on_its_terms_with_active_parts_of_the_learner_is_issued() {
        assertEquals(List.of(), StackingConditions.unmet(enabled(), completion(), parts));
    }

    @Test
    void a_pathway_the_awarding_body_did_not_enable_is_refused() {
        List<StackingRefusal> unmet = StackingConditions.unmet(body(Map.of()), completion(), parts);

        assertEquals(List.of(StackingRefusal.Code.PATHWAY_NOT_ENABLED), codes(unmet));
        assertEquals(true, unmet.get(0).detail().contains(PATHWAY), unmet.toString());
    }

    @Test
    void a_target_that_differs_from_the_terms_is_refused_naming_every_difference() {
        List<StackingRefusal> unmet = StackingConditions.unmet(enabled(),
                completion("Data Science (advanced)", 7, new BigDecimal("60"), List.of(first, second)), parts);

        assertEquals(List.of(StackingRefusal.Code.TERMS_DIFFER, StackingRefusal.Code.TERMS_DIFFER,
                StackingRefusal.Code.TERMS_DIFFER), codes(unmet));
        assertEquals(true, unmet.get(2).detail().contains("60"), unmet.toString());
    }

    @Test
    void a_target_without_a_level_differs_from_terms_that_pin_one() {
        assertEquals(List.of(StackingRefusal.Code.TERMS_DIFFER), codes(StackingConditions.unmet(enabled(),
                completion("Data Science (stacked)", null, new BigDecimal("6"), List.of(first, second)), parts)));
    }

    @Test
    void a_part_never_issued_here_is_refused() {
        CredentialId unknown = new CredentialId(UUID.randomUUID());
        List<StackingRefusal> unmet = StackingConditions.unmet(enabled(),
                completion("Data Science (stacked)", 6, new BigDecimal("6"), List.of(first, unknown)), parts);

        assertEquals(List.of(new StackingRefusal(StackingRefusal.Code.PART_UNKNOWN,
                "part " + unknown + " was never issued here", unknown)), unmet);
    }

    @Test
    void a_part_of_another_learner_is_refused() {
        parts.put(second, active(second, "mailto:someone.else@example.org", ISSUED_AT));

        List<StackingRefusal> unmet = StackingConditions.unmet(enabled(), completion(), parts);

        assertEquals(List.of(StackingRefusal.Code.PART_OF_ANOTHER_LEARNER), codes(unmet));
        assertEquals(second, unmet.get(0).part());
    }

    @Test
    void a_part_revoked_before_the_completion_is_refused_also_when_the_revocation_was_recorded_after_it() {
        Credential.Active part = (Credential.Active) parts.get(second);
        parts.put(second, revoked(part, change(CredentialStatus.REVOKED, COMPLETED_AT.minusSeconds(60),
                COMPLETED_AT.plusSeconds(60))));

        List<StackingRefusal> unmet = StackingConditions.unmet(enabled(), completion(), parts);

        assertEquals(List.of(StackingRefusal.Code.PART_NOT_ACTIVE), codes(unmet));
        assertEquals(true, unmet.get(0).detail().contains("REVOKED"), unmet.toString());
    }

    @Test
    void a_part_suspended_at_the_completion_is_refused() {
        Credential.Active part = (Credential.Active) parts.get(first);
        parts.put(first, suspended(part, change(CredentialStatus.SUSPENDED, COMPLETED_AT.minusSeconds(1),
                COMPLETED_AT.minusSeconds(1))));

        assertEquals(List.of(StackingRefusal.Code.PART_NOT_ACTIVE),
                codes(StackingConditions.unmet(enabled(), completion(), parts)));
    }

    @Test
    void a_part_revoked_only_after_the_completion_was_active_at_its_time() {
        Credential.Active part = (Credential.Active) parts.get(second);
        parts.put(second, revoked(part, change(CredentialStatus.REVOKED, COMPLETED_AT.plusSeconds(60),
                COMPLETED_AT.plusSeconds(60))));

        assertEquals(List.of(), StackingConditions.unmet(enabled(), completion(), parts));
    }

    @Test
    void a_part_suspended_and_reinstated_before_the_completion_was_active_at_its_time() {
        Credential.Active part = (Credential.Active) parts.get(first);
        parts.put(first, new Credential.Active(part.id(), part.awardingBody(), part.awardingBodyCountry(),
                part.content(), part.issuedAt(), part.signed(), List.of(
                change(CredentialStatus.SUSPENDED, ISSUED_AT.plusSeconds(10), ISSUED_AT.plusSeconds(10)),
                change(CredentialStatus.ACTIVE, ISSUED_AT.plusSeconds(20), ISSUED_AT.plusSeconds(20))), null, null));

        assertEquals(List.of(), StackingConditions.unmet(enabled(), completion(), parts));
    }

    @Test
    void a_part_stamped_a_moment_after_the_completion_by_this_clock_is_not_refused_for_it() {
        // the completion's time is recognition-service's, from its own record of the part
        parts.put(second, active(second, LEARNER, COMPLETED_AT.plusNanos(500)));

        assertEquals(List.of(), StackingConditions.unmet(enabled(), completion(), parts));
    }

    @Test
    void a_part_listed_twice_is_refused() {
        assertEquals(List.of(StackingRefusal.Code.PART_LISTED_TWICE), codes(StackingConditions.unmet(enabled(),
                completion("Data Science (stacked)", 6, new BigDecimal("6"), List.of(first, second, first)), parts)));
    }

    @Test
    void every_unmet_condition_is_named_at_once() {
        parts.put(second, active(second, "mailto:someone.else@example.org", ISSUED_AT));

        assertEquals(List.of(StackingRefusal.Code.PATHWAY_NOT_ENABLED, StackingRefusal.Code.PART_OF_ANOTHER_LEARNER),
                codes(StackingConditions.unmet(body(Map.of()), completion(), parts)));
    }
}

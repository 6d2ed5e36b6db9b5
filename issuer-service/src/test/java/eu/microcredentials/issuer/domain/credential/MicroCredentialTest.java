package eu.microcredentials.issuer.domain.credential;

import static eu.microcredentials.issuer.domain.credential.SampleContent.TODAY;
import static eu.microcredentials.issuer.domain.credential.SampleContent.learner;
import static eu.microcredentials.issuer.domain.credential.SampleContent.outcome;
import static eu.microcredentials.issuer.domain.credential.SampleContent.workload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CountryCode;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The EU standard elements validate themselves: a bad value never leaves its constructor. */
class MicroCredentialTest {

    private static void assertRefused(String reasonContains, Runnable construction) {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, construction::run);
        assertTrue(refusal.getMessage().contains(reasonContains),
                () -> "\"" + refusal.getMessage() + "\" should mention \"" + reasonContains + "\"");
    }

    @Nested
    class NotionalWorkload {

        @ParameterizedTest
        @ValueSource(strings = {"0.5", "1", "3", "59.9", "60", "60.00"})
        void accepts_more_than_0_and_at_most_60_ects(String ects) {
            assertEquals(0, new BigDecimal(ects).compareTo(new MicroCredential.Workload(new BigDecimal(ects), null).ects()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "0.00", "-1", "60.01", "61", "180"})
        void refuses_0_or_less_and_more_than_60_ects(String ects) {
            assertRefused("ECTS must be more than 0 and at most 60",
                    () -> new MicroCredential.Workload(new BigDecimal(ects), null));
        }

        @Test
        void requires_ects() {
            assertRefused("ECTS", () -> new MicroCredential.Workload(null, 30));
        }

        @Test
        void accepts_hours_from_1_to_1800() {
            assertEquals(1, new MicroCredential.Workload(BigDecimal.ONE, 1).hours());
            assertEquals(1800, new MicroCredential.Workload(BigDecimal.TEN, 1800).hours());
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -5, 1801})
        void refuses_hours_outside_1_to_1800(int hours) {
            assertRefused("hours must be between 1 and 1800", () -> new MicroCredential.Workload(BigDecimal.ONE, hours));
        }
    }

    @Nested
    class EqfLevel {

        @ParameterizedTest
        @ValueSource(ints = {1, 4, 6, 8})
        void accepts_levels_1_to_8(int eqf) {
            assertEquals(eqf, new MicroCredential.Level(eqf, null).eqf());
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 9, -1})
        void refuses_levels_outside_1_to_8(int eqf) {
            assertRefused("EQF level must be 1 to 8", () -> new MicroCredential.Level(eqf, null));
        }

        @Test
        void is_optional_when_not_applicable() {
            assertNull(new MicroCredential.Level(null, MicroCredential.QfEheaCycle.SHORT_CYCLE).eqf());
        }
    }

    @Nested
    class Learner {

        @ParameterizedTest
        @ValueSource(strings = {"did:example:ebfeb1f712ebc6f1c276e12ec21", "mailto:ana.silva@example.org",
                "urn:eidas:PT/DE/123456789", "urn:pt:cc:12345678"})
        void is_identified_by_a_did_a_mailto_address_or_a_urn(String id) {
            assertEquals(URI.create(id), new MicroCredential.Learner(URI.create(id), null, null, null).id());
        }

        @ParameterizedTest
        @ValueSource(strings = {"ana.silva@example.org", "https://example.org/learners/1", "tel:+351912345678",
                "12345678"})
        void refuses_other_identifiers(String id) {
            assertRefused("did:, mailto: or urn:", () -> new MicroCredential.Learner(URI.create(id), null, null, null));
        }

        @Test
        void requires_an_identifier() {
            assertRefused("did:, mailto: or urn:", () -> new MicroCredential.Learner(null, "Ana", "Silva", null));
        }

        @Test
        void trims_the_names() {
            MicroCredential.Learner learner = new MicroCredential.Learner(URI.create("mailto:a@example.org"),
                    "  Ana ", " Silva  ", null);
            assertEquals("Ana", learner.givenName());
            assertEquals("Silva", learner.familyName());
        }
    }

    @Nested
    class LearningOutcome {

        @Test
        void may_name_an_esco_skill_by_its_uri() {
            URI skill = URI.create("http://data.europa.eu/esco/skill/8e6c2b58-1b2e-4f5b-9b1a-2f0c7c9c1f3e");
            assertEquals(skill, new MicroCredential.LearningOutcome("Train models", skill).escoSkill());
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://data.europa.eu/esco/skill/8e6c2b58", "http://data.europa.eu/esco/occupation/1",
                "http://example.org/esco/skill/1"})
        void refuses_a_skill_uri_outside_esco(String skill) {
            assertRefused("http://data.europa.eu/esco/skill/",
                    () -> new MicroCredential.LearningOutcome("Train models", URI.create(skill)));
        }

        @Test
        void requires_a_description() {
            assertRefused("required", () -> new MicroCredential.LearningOutcome("   ", null));
        }
    }

    @Nested
    class TypesWithOther {

        @Test
        void an_assessment_of_type_other_needs_a_description() {
            assertRefused("description is required when the type is OTHER",
                    () -> new MicroCredential.Assessment(MicroCredential.AssessmentType.OTHER, null));
            assertRefused("description is required when the type is OTHER",
                    () -> new MicroCredential.Assessment(MicroCredential.AssessmentType.OTHER, "  "));
            assertEquals("Viva voce", new MicroCredential.Assessment(MicroCredential.AssessmentType.OTHER,
                    "Viva voce").description());
        }

        @Test
        void a_participation_of_form_other_needs_a_description() {
            assertRefused("description is required when the type is OTHER",
                    () -> new MicroCredential.Participation(MicroCredential.ParticipationForm.OTHER, null));
        }

        @Test
        void a_quality_assurance_of_type_other_needs_a_description() {
            assertRefused("description is required when the type is OTHER",
                    () -> new MicroCredential.QualityAssurance(MicroCredential.QualityAssuranceType.OTHER, ""));
        }

        @Test
        void other_types_need_no_description() {
            assertNull(new MicroCredential.Assessment(MicroCredential.AssessmentType.PROJECT, null).description());
            assertNull(new MicroCredential.Participation(MicroCredential.ParticipationForm.BLENDED, null).description());
            assertNull(new MicroCredential.QualityAssurance(MicroCredential.QualityAssuranceType.INTERNAL, null)
                    .description());
        }
    }

    @Nested
    class TheWhole {

        private MicroCredential with(String title, List<CountryCode> countries, List<MicroCredential.LearningOutcome> outcomes) {
            return new MicroCredential(learner(), title, countries, null, TODAY, outcomes, workload(), null,
                    new MicroCredential.Assessment(MicroCredential.AssessmentType.PROJECT, null),
                    new MicroCredential.Participation(MicroCredential.ParticipationForm.ONSITE, null),
                    new MicroCredential.QualityAssurance(MicroCredential.QualityAssuranceType.INTERNAL, null),
                    null, null, null, null, null);
        }

        @Test
        void needs_only_the_mandatory_elements() {
            MicroCredential credential = with("Data Ethics", List.of(new CountryCode("NL")), List.of(outcome()));
            assertEquals("Data Ethics", credential.title());
            assertEquals(List.of(), credential.coAwardingBodies());
            assertNull(credential.level());
        }

        @Test
        void refuses_a_blank_title() {
            assertRefused("required", () -> with("  ", List.of(new CountryCode("NL")), List.of(outcome())));
        }

        @Test
        void refuses_a_title_longer_than_300_characters() {
            assertRefused("at most 300", () -> with("x".repeat(301), List.of(new CountryCode("NL")), List.of(outcome())));
        }

        @Test
        void refuses_no_issuer_country() {
            assertRefused("issuer country", () -> with("Data Ethics", List.of(), List.of(outcome())));
        }

        @Test
        void refuses_no_learning_outcome() {
            assertRefused("learning outcome", () -> with("Data Ethics", List.of(new CountryCode("NL")), List.of()));
        }

        @Test
        void keeps_its_own_copy_of_the_lists() {
            List<MicroCredential.LearningOutcome> outcomes = new ArrayList<>(List.of(outcome()));
            MicroCredential credential = with("Data Ethics", List.of(new CountryCode("NL")), outcomes);
            outcomes.clear();
            assertEquals(1, credential.learningOutcomes().size());
        }

        @Test
        void keeps_its_co_awarding_bodies() {
            AwardingBodyId co = new AwardingBodyId(UUID.randomUUID());
            MicroCredential credential = new MicroCredential(learner(), "Data Ethics", List.of(new CountryCode("NL")),
                    List.of(co), LocalDate.parse("2026-01-01"), List.of(outcome()), workload(), null,
                    new MicroCredential.Assessment(MicroCredential.AssessmentType.PROJECT, null),
                    new MicroCredential.Participation(MicroCredential.ParticipationForm.ONSITE, null),
                    new MicroCredential.QualityAssurance(MicroCredential.QualityAssuranceType.INTERNAL, null),
                    null, null, null, null, null);
            assertEquals(List.of(co), credential.coAwardingBodies());
        }
    }
}

package eu.microcredentials.issuer.domain.credential;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CountryCode;
import eu.microcredentials.issuer.domain.Text;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The content of a micro-credential: the EU standard elements. Mandatory: learner, title, issuer
 * countries, awarding body (held by the credential), date of issuing, learning outcomes, notional
 * workload, level (if applicable), type of assessment, form of participation, type of quality
 * assurance. Optional: prerequisites, supervision and identity verification, grade, stackability,
 * further information.
 */
public record MicroCredential(Learner learner, String title, List<CountryCode> issuerCountries,
                              List<AwardingBodyId> coAwardingBodies, LocalDate issuedOn,
                              List<LearningOutcome> learningOutcomes, Workload workload, Level level,
                              Assessment assessment, Participation participation, QualityAssurance qualityAssurance,
                              String prerequisites, Supervision supervision, String grade, Stackability stackability,
                              String furtherInformation) {

    public MicroCredential {
        Objects.requireNonNull(learner, "learner is required");
        title = Text.required(title, 300);
        if (issuerCountries == null || issuerCountries.isEmpty()) {
            throw new IllegalArgumentException("at least one issuer country is required");
        }
        issuerCountries = List.copyOf(issuerCountries);
        coAwardingBodies = coAwardingBodies == null ? List.of() : List.copyOf(coAwardingBodies);
        Objects.requireNonNull(issuedOn, "issuedOn is required");
        if (learningOutcomes == null || learningOutcomes.isEmpty()) {
            throw new IllegalArgumentException("at least one learning outcome is required");
        }
        learningOutcomes = List.copyOf(learningOutcomes);
        Objects.requireNonNull(workload, "workload is required");
        Objects.requireNonNull(assessment, "assessment is required");
        Objects.requireNonNull(participation, "participation is required");
        Objects.requireNonNull(qualityAssurance, "qualityAssurance is required");
        prerequisites = Text.optional(prerequisites, 2000);
        grade = Text.optional(grade, 100);
        furtherInformation = Text.optional(furtherInformation, 2000);
    }

    /** The learner, identified by a URI: a DID, a {@code mailto:} address, or an eIDAS / national identifier URN. */
    public record Learner(URI id, String givenName, String familyName, LocalDate dateOfBirth) {
        private static final List<String> SCHEMES = List.of("did", "mailto", "urn");

        public Learner {
            checkId(id);
            givenName = Text.optional(givenName, 200);
            familyName = Text.optional(familyName, 200);
        }

        /** A URI whose scheme (any case) is did, mailto or urn. */
        public static URI checkId(URI id) {
            if (id == null || id.getScheme() == null || !SCHEMES.contains(id.getScheme().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("must be a URI with scheme did:, mailto: or urn:; was " + id);
            }
            return id;
        }
    }

    /** An assessed learning outcome, optionally aligned to an ESCO skill. */
    public record LearningOutcome(String description, URI escoSkill) {
        private static final String ESCO_SKILL = "http://data.europa.eu/esco/skill/";

        public LearningOutcome {
            description = Text.required(description, 2000);
            checkEscoSkill(escoSkill);
        }

        /** None, or an ESCO skill URI. */
        public static URI checkEscoSkill(URI escoSkill) {
            if (escoSkill != null && !escoSkill.toString().startsWith(ESCO_SKILL)) {
                throw new IllegalArgumentException("an ESCO skill URI starts with " + ESCO_SKILL + "; was " + escoSkill);
            }
            return escoSkill;
        }
    }

    /** Notional workload: ECTS credits (more than 0, at most 60) and optionally hours. */
    public record Workload(BigDecimal ects, Integer hours) {
        private static final BigDecimal MAX_ECTS = BigDecimal.valueOf(60);

        public Workload {
            checkEcts(ects);
            checkHours(hours);
        }

        /** More than 0 and at most 60 ECTS credits. */
        public static BigDecimal checkEcts(BigDecimal ects) {
            if (ects == null || ects.signum() <= 0 || ects.compareTo(MAX_ECTS) > 0) {
                throw new IllegalArgumentException("ECTS must be more than 0 and at most 60; was " + ects);
            }
            return ects;
        }

        /** None, or 1 to 1800 hours. */
        public static Integer checkHours(Integer hours) {
            if (hours != null && (hours <= 0 || hours > 1800)) {
                throw new IllegalArgumentException("hours must be between 1 and 1800; was " + hours);
            }
            return hours;
        }
    }

    /** EQF level 1-8 and QF-EHEA cycle, each if applicable. */
    public record Level(Integer eqf, QfEheaCycle qfEhea) {
        public Level {
            checkEqf(eqf);
        }

        /** None, or an EQF level 1 to 8. */
        public static Integer checkEqf(Integer eqf) {
            if (eqf != null && (eqf < 1 || eqf > 8)) {
                throw new IllegalArgumentException("EQF level must be 1 to 8; was " + eqf);
            }
            return eqf;
        }
    }

    public enum QfEheaCycle { SHORT_CYCLE, FIRST_CYCLE, SECOND_CYCLE, THIRD_CYCLE }

    public enum AssessmentType {
        WRITTEN_EXAM, ORAL_EXAM, PRACTICAL_DEMONSTRATION, PROJECT, PORTFOLIO, CONTINUOUS_ASSESSMENT, PEER_ASSESSMENT, OTHER
    }

    public enum ParticipationForm { ONLINE, ONSITE, BLENDED, OTHER }

    public enum QualityAssuranceType { INTERNAL, EXTERNAL, OTHER }

    public enum IdentityVerification { NONE, ONLINE, ONSITE, OTHER }

    public record Assessment(AssessmentType type, String description) {
        public Assessment {
            Objects.requireNonNull(type, "type is required");
            description = describedWhenOther(type == AssessmentType.OTHER, description);
        }
    }

    public record Participation(ParticipationForm form, String description) {
        public Participation {
            Objects.requireNonNull(form, "form is required");
            description = describedWhenOther(form == ParticipationForm.OTHER, description);
        }
    }

    public record QualityAssurance(QualityAssuranceType type, String description) {
        public QualityAssurance {
            Objects.requireNonNull(type, "type is required");
            description = describedWhenOther(type == QualityAssuranceType.OTHER, description);
        }
    }

    public record Supervision(boolean supervised, IdentityVerification identityVerification) {
    }

    public record Stackability(boolean stackable, String description) {
        public Stackability {
            description = Text.optional(description, 2000);
        }
    }

    private static String describedWhenOther(boolean other, String description) {
        if (other && (description == null || description.isBlank())) {
            throw new IllegalArgumentException("a description is required when the type is OTHER");
        }
        return Text.optional(description, 2000);
    }
}

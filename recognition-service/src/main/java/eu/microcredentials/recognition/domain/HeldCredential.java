package eu.microcredentials.recognition.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A micro-credential a learner holds, with what recognition decisions and pathways look at: its level, workload,
 * learning outcomes (and ESCO skills), quality assurance, assessment and supervision, issuer and date.
 */
public record HeldCredential(String id, String learnerId, String awardingBodyId, String title, BigDecimal ects,
                             Integer eqfLevel, List<String> issuerCountries, LocalDate issuedOn, Status status,
                             Instant issuedAt, List<LearningOutcome> learningOutcomes, String qualityAssuranceType,
                             String assessmentType, Boolean supervised, String identityVerification,
                             String stackedOnPathwayId) {

    /** Only an active credential can count towards a recognition or a pathway. */
    public enum Status { ACTIVE, SUSPENDED, REVOKED }

    /** A learning outcome, with the ESCO skill it stands for, if any. */
    public record LearningOutcome(String description, String escoSkill) {
        public LearningOutcome {
            Objects.requireNonNull(description, "description");
        }
    }

    public HeldCredential {
        issuerCountries = List.copyOf(issuerCountries);
        learningOutcomes = learningOutcomes == null ? List.of() : List.copyOf(learningOutcomes);
    }

    public boolean counts() {
        return status == Status.ACTIVE;
    }

    /** The ECTS credits of the active credentials among these. */
    public static BigDecimal activeEcts(List<HeldCredential> credentials) {
        return credentials.stream().filter(HeldCredential::counts).map(HeldCredential::ects)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Whether one of its learning outcomes is described so (ignoring case and surrounding space). */
    public boolean hasOutcome(String description) {
        return learningOutcomes.stream().anyMatch(o -> o.description().strip().equalsIgnoreCase(description.strip()));
    }

    public boolean hasEscoSkill(String skill) {
        return learningOutcomes.stream().anyMatch(o -> skill.equals(o.escoSkill()));
    }
}

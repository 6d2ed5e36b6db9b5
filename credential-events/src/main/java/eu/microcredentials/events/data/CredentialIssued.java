package eu.microcredentials.events.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A micro-credential was issued. Carries every EU standard element (the 11 mandatory and the 5
 * optional ones) so that subscribers need nothing else to record it. {@code pathwayCompletion} was added later
 * (optional): present on a stacked credential issued for a pathway completion. {@code actor} was added later still
 * (optional): who issued it, the API key identity of the awarding body or operator, or {@code pathway:<id>} for a
 * stacked credential; absent on events recorded before.
 */
public record CredentialIssued(
        String credentialId,
        String awardingBodyId,
        List<String> coAwardingBodyIds,
        List<String> issuerCountries,
        Learner learner,
        String title,
        LocalDate issuedOn,
        List<LearningOutcome> learningOutcomes,
        Workload workload,
        Level level,
        Assessment assessment,
        Participation participation,
        QualityAssurance qualityAssurance,
        String prerequisites,
        Supervision supervision,
        String grade,
        Stackability stackability,
        String furtherInformation,
        String verifiableCredential,
        String signingKeyId,
        List<StatusEntry> credentialStatus,
        String supersedes,
        Instant issuedAt,
        PathwayCompletion pathwayCompletion,
        String actor) implements EventData {

    /** The event as recorded before {@code actor} was added. */
    public CredentialIssued(String credentialId, String awardingBodyId, List<String> coAwardingBodyIds,
                            List<String> issuerCountries, Learner learner, String title, LocalDate issuedOn,
                            List<LearningOutcome> learningOutcomes, Workload workload, Level level, Assessment assessment,
                            Participation participation, QualityAssurance qualityAssurance, String prerequisites,
                            Supervision supervision, String grade, Stackability stackability, String furtherInformation,
                            String verifiableCredential, String signingKeyId, List<StatusEntry> credentialStatus,
                            String supersedes, Instant issuedAt, PathwayCompletion pathwayCompletion) {
        this(credentialId, awardingBodyId, coAwardingBodyIds, issuerCountries, learner, title, issuedOn, learningOutcomes,
                workload, level, assessment, participation, qualityAssurance, prerequisites, supervision, grade,
                stackability, furtherInformation, verifiableCredential, signingKeyId, credentialStatus, supersedes,
                issuedAt, pathwayCompletion, null);
    }

    /** The event as first published, without {@code pathwayCompletion} (added later, optional). */
    public CredentialIssued(String credentialId, String awardingBodyId, List<String> coAwardingBodyIds,
                            List<String> issuerCountries, Learner learner, String title, LocalDate issuedOn,
                            List<LearningOutcome> learningOutcomes, Workload workload, Level level, Assessment assessment,
                            Participation participation, QualityAssurance qualityAssurance, String prerequisites,
                            Supervision supervision, String grade, Stackability stackability, String furtherInformation,
                            String verifiableCredential, String signingKeyId, List<StatusEntry> credentialStatus,
                            String supersedes, Instant issuedAt) {
        this(credentialId, awardingBodyId, coAwardingBodyIds, issuerCountries, learner, title, issuedOn, learningOutcomes,
                workload, level, assessment, participation, qualityAssurance, prerequisites, supervision, grade,
                stackability, furtherInformation, verifiableCredential, signingKeyId, credentialStatus, supersedes,
                issuedAt, null, null);
    }

    /**
     * For a stacked credential: the pathway completion it was issued for and the credentials it is made of (ELM
     * {@code hasPart}), so that subscribers can tell it from its parts (it never counts towards its own pathway).
     */
    public record PathwayCompletion(String pathwayId, String completionId, List<String> partCredentialIds) {
    }

    /** The learner: a URI (DID, mailto:, eIDAS or national identifier URN) and, optionally, a name. */
    public record Learner(String id, String givenName, String familyName, LocalDate dateOfBirth) {
    }

    /** A learning outcome, optionally tied to an ESCO skill URI. */
    public record LearningOutcome(String description, String escoSkill) {
    }

    /** Notional workload in ECTS credits and, optionally, hours. */
    public record Workload(BigDecimal ects, Integer hours) {
    }

    /** EQF level (1-8) and QF-EHEA cycle, if applicable. */
    public record Level(Integer eqf, String qfEhea) {
    }

    public record Assessment(String type, String description) {
    }

    public record Participation(String form, String description) {
    }

    public record Supervision(Boolean supervised, String identityVerification) {
    }

    public record Stackability(Boolean stackable, String description) {
    }

    /** A Bitstring Status List entry reserved for the credential. */
    public record StatusEntry(String statusPurpose, long statusListIndex, String statusListCredential) {
    }

    @Override
    public String streamId() {
        return credentialId;
    }
}

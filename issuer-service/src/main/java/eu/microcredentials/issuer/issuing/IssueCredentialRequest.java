package eu.microcredentials.issuer.issuing;

import eu.microcredentials.eventsourcing.web.RequestFields;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CountryCode;
import eu.microcredentials.issuer.domain.Text;
import eu.microcredentials.issuer.domain.credential.CredentialDecider;
import eu.microcredentials.issuer.domain.credential.MicroCredential;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The body of {@code POST /api/v1/awarding-bodies/{id}/credentials}: the EU standard elements in the
 * public field names. Codes and dates travel as text so that a bad one is reported by field.
 */
public record IssueCredentialRequest(LearnerBody learner, String title, List<String> issuerCountries,
                                     List<String> coAwardingBodies, String issuedOn,
                                     List<LearningOutcomeBody> learningOutcomes, WorkloadBody workload,
                                     LevelBody level, AssessmentBody assessment, ParticipationBody participation,
                                     QualityAssuranceBody qualityAssurance, String prerequisites,
                                     SupervisionBody supervision, String grade, StackabilityBody stackability,
                                     String furtherInformation) {

    public record LearnerBody(String id, String givenName, String familyName, String dateOfBirth) {
    }

    public record LearningOutcomeBody(String description, String escoSkill) {
    }

    public record WorkloadBody(BigDecimal ects, Integer hours) {
    }

    public record LevelBody(Integer eqf, String qfEhea) {
    }

    public record AssessmentBody(String type, String description) {
    }

    public record ParticipationBody(String form, String description) {
    }

    public record QualityAssuranceBody(String type, String description) {
    }

    public record SupervisionBody(Boolean supervised, String identityVerification) {
    }

    public record StackabilityBody(Boolean stackable, String description) {
    }

    /**
     * Builds the domain content, collecting every bad field.
     *
     * @param defaultCountry the awarding body's country, when {@code issuerCountries} is absent
     * @return the content, or null when {@code fields} recorded errors
     */
    MicroCredential toContent(RequestFields fields, CountryCode defaultCountry, Clock clock) {
        MicroCredential.Learner learnerValue = null;
        if (learner == null) {
            fields.reject("/learner", "is required");
        } else {
            learnerValue = readLearner(fields);
        }
        String titleValue = fields.require("/title", title, () -> Text.required(title, 300));
        List<CountryCode> countries = issuerCountries == null || issuerCountries.isEmpty() ? List.of(defaultCountry)
                : readEach(fields, "/issuerCountries", issuerCountries, CountryCode::new);
        List<AwardingBodyId> coBodies = coAwardingBodies == null ? List.of()
                : readEach(fields, "/coAwardingBodies", coAwardingBodies, AwardingBodyId::parse);
        LocalDate issuedOnValue = issuedOn == null ? LocalDate.now(clock)
                : fields.read("/issuedOn", () -> notInFuture(date(issuedOn), clock));
        List<MicroCredential.LearningOutcome> outcomes = null;
        if (learningOutcomes == null || learningOutcomes.isEmpty()) {
            fields.reject("/learningOutcomes", "at least one learning outcome is required");
        } else {
            outcomes = new ArrayList<>();
            for (int i = 0; i < learningOutcomes.size(); i++) {
                LearningOutcomeBody outcome = learningOutcomes.get(i);
                String pointer = "/learningOutcomes/" + i;
                if (outcome == null) {
                    fields.reject(pointer, "is required");
                    continue;
                }
                // as for the workload: point at the sub-field at fault, not at the whole outcome
                String description = fields.require(pointer + "/description", outcome.description(),
                        () -> Text.required(outcome.description(), 2000));
                URI skill = outcome.escoSkill() == null ? null : fields.read(pointer + "/escoSkill",
                        () -> MicroCredential.LearningOutcome.checkEscoSkill(uri(outcome.escoSkill())));
                if (description != null && (outcome.escoSkill() == null || skill != null)) {
                    outcomes.add(new MicroCredential.LearningOutcome(description, skill));
                }
            }
        }
        // a client fixes the field it is pointed at: name the sub-field (/workload/ects), not its parent
        MicroCredential.Workload workloadValue = null;
        if (workload == null) {
            fields.reject("/workload", "is required");
        } else {
            BigDecimal ects = fields.require("/workload/ects", workload.ects(),
                    () -> MicroCredential.Workload.checkEcts(workload.ects()));
            Integer hours = fields.read("/workload/hours", () -> MicroCredential.Workload.checkHours(workload.hours()));
            workloadValue = ects == null ? null : new MicroCredential.Workload(ects, hours);
        }
        MicroCredential.Level levelValue = null;
        if (level != null) {
            Integer eqf = fields.read("/level/eqf", () -> MicroCredential.Level.checkEqf(level.eqf()));
            MicroCredential.QfEheaCycle cycle = level.qfEhea() == null ? null
                    : fields.read("/level/qfEhea", () -> code(MicroCredential.QfEheaCycle.class, level.qfEhea()));
            levelValue = new MicroCredential.Level(eqf, cycle);
        }
        MicroCredential.Assessment assessmentValue = typed(fields, "/assessment", assessment,
                assessment == null ? null : assessment.type(), "/type", MicroCredential.AssessmentType.class,
                type -> new MicroCredential.Assessment(type, assessment.description()));
        MicroCredential.Participation participationValue = typed(fields, "/participation", participation,
                participation == null ? null : participation.form(), "/form", MicroCredential.ParticipationForm.class,
                form -> new MicroCredential.Participation(form, participation.description()));
        MicroCredential.QualityAssurance qaValue = typed(fields, "/qualityAssurance", qualityAssurance,
                qualityAssurance == null ? null : qualityAssurance.type(), "/type",
                MicroCredential.QualityAssuranceType.class,
                type -> new MicroCredential.QualityAssurance(type, qualityAssurance.description()));
        MicroCredential.Supervision supervisionValue = supervision == null ? null : new MicroCredential.Supervision(
                Boolean.TRUE.equals(supervision.supervised()), supervision.identityVerification() == null ? null
                : fields.read("/supervision/identityVerification",
                        () -> code(MicroCredential.IdentityVerification.class, supervision.identityVerification())));
        MicroCredential.Stackability stackabilityValue = stackability == null ? null
                : fields.read("/stackability/description", () -> new MicroCredential.Stackability(
                        Boolean.TRUE.equals(stackability.stackable()), stackability.description()));
        String prerequisitesValue = fields.read("/prerequisites",
                () -> Text.optional(prerequisites, 2000));
        String gradeValue = fields.read("/grade", () -> Text.optional(grade, 100));
        String furtherValue = fields.read("/furtherInformation",
                () -> Text.optional(furtherInformation, 2000));
        if (!fields.valid()) {
            return null;
        }
        return new MicroCredential(learnerValue, titleValue, countries, coBodies, issuedOnValue, outcomes, workloadValue,
                levelValue, assessmentValue, participationValue, qaValue, prerequisitesValue, supervisionValue,
                gradeValue, stackabilityValue, furtherValue);
    }

    private MicroCredential.Learner readLearner(RequestFields fields) {
        if (learner.id() == null) {
            fields.reject("/learner/id", "is required");
        }
        URI id = learner.id() == null ? null : fields.read("/learner/id",
                () -> MicroCredential.Learner.checkId(uri(learner.id())));
        LocalDate birth = learner.dateOfBirth() == null ? null
                : fields.read("/learner/dateOfBirth", () -> date(learner.dateOfBirth()));
        if (id == null) {
            return null;
        }
        String givenName = fields.read("/learner/givenName", () -> Text.optional(learner.givenName(), 200));
        String familyName = fields.read("/learner/familyName", () -> Text.optional(learner.familyName(), 200));
        return new MicroCredential.Learner(id, givenName, familyName, birth);
    }

    private static <T> List<T> readEach(RequestFields fields, String pointer, List<String> values, Function<String, T> read) {
        List<T> result = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            result.add(fields.require(pointer + "/" + i, value, () -> read.apply(value)));
        }
        return result;
    }

    /**
     * An element with a code from a vocabulary and a description: the element itself is required, its
     * code is read at {@code pointer + codeField}, and what the element refuses is its description's fault.
     */
    private static <E extends Enum<E>, T> T typed(RequestFields fields, String pointer, Object body, String code,
                                                  String codeField, Class<E> vocabulary, Function<E, T> build) {
        if (body == null) {
            fields.reject(pointer, "is required");
            return null;
        }
        E value = fields.require(pointer + codeField, code, () -> code(vocabulary, code));
        return value == null ? null : fields.read(pointer + "/description", () -> build.apply(value));
    }

    static <E extends Enum<E>> E code(Class<E> vocabulary, String value) {
        try {
            return Enum.valueOf(vocabulary, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown code " + value + "; one of " + List.of(vocabulary.getEnumConstants()));
        }
    }

    private static URI uri(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null) {
                throw new IllegalArgumentException("must be an absolute URI; was " + text);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be a URI; was " + text);
        }
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be a date as YYYY-MM-DD; was " + text);
        }
    }

    private static LocalDate notInFuture(LocalDate date, Clock clock) {
        if (date.isAfter(clock.instant().atOffset(CredentialDecider.LATEST_TIME_ZONE).toLocalDate())) {
            throw new IllegalArgumentException("may not be in the future; was " + date);
        }
        return date;
    }
}

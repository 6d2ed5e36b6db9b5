package eu.microcredentials.issuer.issuing;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.eventsourcing.web.RequestFields;
import eu.microcredentials.issuer.access.Caller;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import eu.microcredentials.issuer.domain.credential.MicroCredential;
import eu.microcredentials.issuer.registering.AwardingBodyRegistration;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Bulk issuance: a JSON array of issuing requests, or CSV with the columns of {@link CsvRows}; valid
 * rows are issued, invalid ones reported by row number with their field errors, in one answer.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Credentials")
public class BatchIssuingResource {
    private final BatchIssuing batches;
    private final BulkIssuanceSlots slots;
    private final AwardingBodyRegistration awardingBodies;
    private final SecurityIdentity identity;
    private final Clock clock;

    public BatchIssuingResource(BatchIssuing batches, BulkIssuanceSlots slots, AwardingBodyRegistration awardingBodies,
                                SecurityIdentity identity, Clock clock) {
        this.batches = batches;
        this.slots = slots;
        this.awardingBodies = awardingBodies;
        this.identity = identity;
        this.clock = clock;
    }

    /** The outcome of a batch: what was issued, and each rejected row with every bad field. */
    public record BatchResult(int received, int issued, int rejected, List<BatchIssuing.IssuedRow> credentials,
                              List<RowErrors> errors) {
    }

    /** A rejected row (numbered from 1: the array index + 1, or the CSV data line after the header). */
    public record RowErrors(int row, List<Problem.FieldError> errors) {
    }

    @POST
    @Path("/awarding-bodies/{awardingBodyId}/credentials/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(summary = "Issue up to 10,000 credentials from a JSON array (Idempotency-Key supported; "
            + "503 with Retry-After while the instance runs mc.batches.concurrent batches already)")
    public Uni<BatchResult> issueJson(@PathParam("awardingBodyId") String awardingBodyId,
                                      @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                                      List<IssueCredentialRequest> requests) {
        Caller.mayActFor(identity, awardingBodyId);
        if (requests == null) {
            throw Problem.malformed("a JSON array of credentials is required").exception();
        }
        // only a keyed batch needs its hash (to tell a retry from another batch under the same key)
        String hash = idempotencyKey == null ? null : IdempotencyKeys.hashOfJsonArray(requests);
        List<CsvRows.ParsedRow> rows = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            rows.add(new CsvRows.ParsedRow(i + 1, requests.get(i), List.of()));
        }
        return issue(awardingBodyId, idempotencyKey, rows, hash);
    }

    @POST
    @Path("/awarding-bodies/{awardingBodyId}/credentials/batch")
    @Consumes("text/csv")
    @Authenticated
    @Operation(summary = "Issue up to 10,000 credentials from CSV (columns: see CsvRows; Idempotency-Key supported; "
            + "503 with Retry-After while the instance runs mc.batches.concurrent batches already)")
    public Uni<BatchResult> issueCsv(@PathParam("awardingBodyId") String awardingBodyId,
                                     @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey, String csv) {
        Caller.mayActFor(identity, awardingBodyId);
        if (csv == null || csv.isBlank()) {
            throw Problem.malformed("a CSV body with a header line is required").exception();
        }
        return issue(awardingBodyId, idempotencyKey, CsvRows.parse(csv),
                idempotencyKey == null ? null : IdempotencyKeys.hash(csv.getBytes(StandardCharsets.UTF_8)));
    }

    private Uni<BatchResult> issue(String awardingBodyId, String idempotencyKey, List<CsvRows.ParsedRow> rows, String hash) {
        if (rows.size() > BatchIssuing.MAX_ROWS) {
            throw new Problem(URI.create("https://microcredentials.eu/problems/batch-too-large"), "Batch too large", 413,
                    "a batch holds at most " + BatchIssuing.MAX_ROWS + " credentials; this one has " + rows.size(), null,
                    List.of()).exception();
        }
        AwardingBodyId issuer;
        try {
            issuer = AwardingBodyId.parse(awardingBodyId);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("awarding body", awardingBodyId).exception();
        }
        String key = idempotencyKey == null ? null : IdempotencyKeys.check(idempotencyKey);
        String actor = identity.getPrincipal().getName();
        return slots.run(() -> issue(issuer, key, rows, hash, actor));
    }

    private Uni<BatchResult> issue(AwardingBodyId issuer, String key, List<CsvRows.ParsedRow> rows, String hash,
                                   String actor) {
        return awardingBodies.find(issuer).flatMap(state -> {
            if (!(state instanceof AwardingBody.Registered registered)) {
                throw Problem.notFound("awarding body", issuer.toString()).exception();
            }
            List<BatchIssuing.Row> valid = new ArrayList<>();
            List<RowErrors> rejected = new ArrayList<>();
            for (CsvRows.ParsedRow row : rows) {
                RequestFields fields = new RequestFields();
                row.errors().forEach(error -> fields.reject(error.pointer(), error.reason()));
                MicroCredential content = row.request() == null ? null
                        : row.request().toContent(fields, registered.profile().country(), clock);
                if (row.request() == null) {
                    fields.reject("", "the row is empty or not an object");
                }
                if (fields.valid()) {
                    valid.add(new BatchIssuing.Row(row.number(), content));
                } else {
                    rejected.add(new RowErrors(row.number(), firstPerPointer(fields.errors())));
                }
            }
            Set<AwardingBodyId> coAwardingBodies = new HashSet<>();
            valid.forEach(row -> coAwardingBodies.addAll(row.content().coAwardingBodies()));
            return awardingBodies.unregistered(coAwardingBodies).flatMap(unknown -> {
                // a co-awarding body must be registered: rows naming an unknown one are rejected too
                List<BatchIssuing.Row> issuable = new ArrayList<>();
                for (BatchIssuing.Row row : valid) {
                    List<Problem.FieldError> errors = new ArrayList<>();
                    List<AwardingBodyId> named = row.content().coAwardingBodies();
                    for (int i = 0; i < named.size(); i++) {
                        if (unknown.contains(named.get(i))) {
                            errors.add(new Problem.FieldError("/coAwardingBodies/" + i,
                                    "no registered awarding body " + named.get(i)));
                        }
                    }
                    if (errors.isEmpty()) {
                        issuable.add(row);
                    } else {
                        rejected.add(new RowErrors(row.number(), errors));
                    }
                }
                rejected.sort(java.util.Comparator.comparingInt(RowErrors::row));
                return batches.issue(issuer, issuable, key, hash, actor).map(issued ->
                        new BatchResult(rows.size(), issued.size(), rejected.size(), issued, rejected));
            });
        });
    }

    /** A field that could not even be read is reported once, not again as missing. */
    private static List<Problem.FieldError> firstPerPointer(List<Problem.FieldError> errors) {
        Map<String, Problem.FieldError> first = new java.util.LinkedHashMap<>();
        errors.forEach(error -> first.putIfAbsent(error.pointer(), error));
        return List.copyOf(first.values());
    }

    /**
     * The CSV form of a batch: a header line, then one credential per line. Columns (all text; lists
     * separated by {@code ;}, learning outcomes and their ESCO skills by {@code |}, position by position):
     * learner_id, learner_given_name, learner_family_name, learner_date_of_birth, title, issuer_countries,
     * co_awarding_bodies, issued_on, learning_outcomes, esco_skills, ects, hours, eqf, qf_ehea,
     * assessment_type, assessment_description, participation_form, participation_description,
     * quality_assurance_type, quality_assurance_description, prerequisites, supervised,
     * identity_verification, grade, stackable, stackability_description, further_information.
     */
    public static final class CsvRows {
        private static final CsvMapper CSV = new CsvMapper();

        private CsvRows() {
        }

        /** One row: its number, the request it reads as, and what could not even be read. */
        public record ParsedRow(int number, IssueCredentialRequest request, List<Problem.FieldError> errors) {
        }

        static List<ParsedRow> parse(String csv) {
            List<ParsedRow> rows = new ArrayList<>();
            try (MappingIterator<Map<String, String>> lines = CSV.readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
                int number = 0;
                while (lines.hasNextValue()) {
                    number++;
                    rows.add(row(number, lines.nextValue()));
                }
            } catch (IOException | RuntimeException e) {
                throw Problem.malformed("not valid CSV with a header line: " + e.getMessage()).exception();
            }
            return rows;
        }

        private static ParsedRow row(int number, Map<String, String> columns) {
            List<Problem.FieldError> errors = new ArrayList<>();
            List<String> outcomes = split(text(columns, "learning_outcomes"), "\\|");
            List<String> skills = split(text(columns, "esco_skills"), "\\|");
            List<IssueCredentialRequest.LearningOutcomeBody> learningOutcomes = new ArrayList<>();
            for (int i = 0; i < (outcomes == null ? 0 : outcomes.size()); i++) {
                String skill = skills != null && i < skills.size() && !skills.get(i).isBlank() ? skills.get(i) : null;
                learningOutcomes.add(new IssueCredentialRequest.LearningOutcomeBody(outcomes.get(i), skill));
            }
            String ects = text(columns, "ects");
            java.math.BigDecimal ectsValue = null;
            if (ects != null) {
                try {
                    ectsValue = new java.math.BigDecimal(ects);
                } catch (NumberFormatException e) {
                    errors.add(new Problem.FieldError("/workload/ects", "cannot read " + ects + " as a number"));
                }
            }
            Integer hours = integer(columns, "hours", "/workload/hours", errors);
            Integer eqf = integer(columns, "eqf", "/level/eqf", errors);
            String qfEhea = text(columns, "qf_ehea");
            IssueCredentialRequest request = new IssueCredentialRequest(
                    new IssueCredentialRequest.LearnerBody(text(columns, "learner_id"), text(columns, "learner_given_name"),
                            text(columns, "learner_family_name"), text(columns, "learner_date_of_birth")),
                    text(columns, "title"),
                    split(text(columns, "issuer_countries"), ";"),
                    split(text(columns, "co_awarding_bodies"), ";"),
                    text(columns, "issued_on"),
                    outcomes == null ? null : learningOutcomes,
                    ects == null && hours == null ? null : new IssueCredentialRequest.WorkloadBody(ectsValue, hours),
                    eqf == null && qfEhea == null ? null : new IssueCredentialRequest.LevelBody(eqf, qfEhea),
                    typed(columns, "assessment_type", "assessment_description",
                            (type, description) -> new IssueCredentialRequest.AssessmentBody(type, description)),
                    typed(columns, "participation_form", "participation_description",
                            (form, description) -> new IssueCredentialRequest.ParticipationBody(form, description)),
                    typed(columns, "quality_assurance_type", "quality_assurance_description",
                            (type, description) -> new IssueCredentialRequest.QualityAssuranceBody(type, description)),
                    text(columns, "prerequisites"),
                    text(columns, "supervised") == null && text(columns, "identity_verification") == null ? null
                            : new IssueCredentialRequest.SupervisionBody(bool(columns, "supervised"),
                            text(columns, "identity_verification")),
                    text(columns, "grade"),
                    text(columns, "stackable") == null ? null : new IssueCredentialRequest.StackabilityBody(
                            bool(columns, "stackable"), text(columns, "stackability_description")),
                    text(columns, "further_information"));
            return new ParsedRow(number, request, errors);
        }

        private static <T> T typed(Map<String, String> columns, String type, String description,
                                   java.util.function.BiFunction<String, String, T> body) {
            return text(columns, type) == null && text(columns, description) == null ? null
                    : body.apply(text(columns, type), text(columns, description));
        }

        private static String text(Map<String, String> columns, String name) {
            String value = columns.get(name);
            return value == null || value.isBlank() ? null : value.strip();
        }

        private static List<String> split(String value, String separator) {
            return value == null ? null : List.of(value.split(separator, -1)).stream().map(String::strip).toList();
        }

        private static Boolean bool(Map<String, String> columns, String name) {
            String value = text(columns, name);
            return value == null ? null : Boolean.valueOf(value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes"));
        }

        private static Integer integer(Map<String, String> columns, String name, String pointer, List<Problem.FieldError> errors) {
            String value = text(columns, name);
            if (value == null) {
                return null;
            }
            try {
                return Integer.valueOf(value);
            } catch (NumberFormatException e) {
                errors.add(new Problem.FieldError(pointer, "cannot read " + value + " as a whole number"));
                return null;
            }
        }
    }
}

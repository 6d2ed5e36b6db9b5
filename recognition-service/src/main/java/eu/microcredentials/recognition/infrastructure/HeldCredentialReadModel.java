package eu.microcredentials.recognition.infrastructure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import eu.microcredentials.events.EventJson;
import eu.microcredentials.recognition.domain.AccreditationRecord;
import eu.microcredentials.recognition.domain.HeldCredential;
import eu.microcredentials.recognition.domain.policy.Candidate;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.time.Instant;

/** Reads the held-credentials read model: the credentials learners hold and their awarding bodies' accreditation. */
@ApplicationScoped
public class HeldCredentialReadModel {
    private static final String COLUMNS = """
            id, learner_id, awarding_body_id, title, ects, eqf_level, issuer_countries, issued_on, status, issued_at,
            learning_outcomes::text AS learning_outcomes, quality_assurance_type, assessment_type, supervised,
            identity_verification, stacked_on_pathway_id""";
    private static final TypeReference<List<HeldCredential.LearningOutcome>> OUTCOMES = new TypeReference<>() {
    };

    public Uni<List<HeldCredential>> ofLearner(SqlClient client, String learnerId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM held_credential WHERE learner_id = $1 ORDER BY issued_at, id")
                .execute(Tuple.of(learnerId)).map(HeldCredentialReadModel::credentials);
    }

    /** The credentials among these ids that recognition knows, in no particular order. */
    public Uni<List<HeldCredential>> withIds(SqlClient client, Collection<String> ids) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM held_credential WHERE id = ANY($1) ORDER BY issued_at, id")
                .execute(Tuple.of(ids.toArray(String[]::new))).map(HeldCredentialReadModel::credentials);
    }

    /**
     * The same, each row locked against a concurrent status change until the transaction ends: a request decided on
     * an active credential is recorded before a revocation of it is applied, and then found by its reaction.
     */
    public Uni<List<HeldCredential>> withIdsLocked(SqlConnection tx, Collection<String> ids) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM held_credential WHERE id = ANY($1) ORDER BY id FOR SHARE")
                .execute(Tuple.of(ids.toArray(String[]::new))).map(HeldCredentialReadModel::credentials);
    }

    /** The ids of the credentials an awarding body issued. */
    public Uni<List<String>> idsOfAwardingBody(SqlClient client, String awardingBodyId) {
        return client.preparedQuery("SELECT id FROM held_credential WHERE awarding_body_id = $1 ORDER BY id")
                .execute(Tuple.of(awardingBodyId)).map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getString("id")));
                    return ids;
                });
    }

    /** These credentials as candidates, each with its awarding body's accreditation judged at issuance and at {@code now}. */
    public Uni<List<Candidate>> candidates(SqlClient client, List<HeldCredential> credentials, Instant now) {
        Set<String> bodies = credentials.stream().map(HeldCredential::awardingBodyId).collect(Collectors.toSet());
        return accreditation(client, bodies).map(records -> credentials.stream()
                .map(c -> new Candidate(c, records.get(c.awardingBodyId()).standing(c.issuedAt(), now))).toList());
    }

    /** Where the completion a stacked credential was issued for stands: HOLDING, or WITHDRAWN with the cause. */
    public record StackedCompletion(String completionId, String status, String cause) {
    }

    /** For the stacked credentials among these, where the completion each was issued for stands, by credential id. */
    public Uni<Map<String, StackedCompletion>> stackedCompletions(SqlClient client, Collection<String> ids) {
        return client.preparedQuery("""
                        SELECT h.id, h.stacked_on_completion_id, c.status, c.cause FROM held_credential h
                        JOIN pathway_completion c ON c.completion_id = h.stacked_on_completion_id
                        WHERE h.id = ANY($1)""")
                .execute(Tuple.of(ids.toArray(String[]::new))).map(rows -> {
                    Map<String, StackedCompletion> completions = new HashMap<>();
                    for (Row row : rows) {
                        completions.put(row.getString("id"), new StackedCompletion(
                                row.getString("stacked_on_completion_id"), row.getString("status"), row.getString("cause")));
                    }
                    return completions;
                });
    }

    /** Every accreditation decision about these awarding bodies, per body; a body without any has an empty record. */
    public Uni<Map<String, AccreditationRecord>> accreditation(SqlClient client, Collection<String> awardingBodyIds) {
        return client.preparedQuery("""
                        SELECT awarding_body_id, granted, agency, valid_from, valid_until FROM accreditation_decision
                        WHERE awarding_body_id = ANY($1) ORDER BY awarding_body_id, version""")
                .execute(Tuple.of(awardingBodyIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, List<AccreditationRecord.Decision>> decisions = new HashMap<>();
                    for (Row row : rows) {
                        decisions.computeIfAbsent(row.getString("awarding_body_id"), id -> new ArrayList<>())
                                .add(new AccreditationRecord.Decision(row.getBoolean("granted"), row.getString("agency"),
                                        row.getOffsetDateTime("valid_from").toInstant(),
                                        row.getOffsetDateTime("valid_until") == null ? null
                                                : row.getOffsetDateTime("valid_until").toInstant()));
                    }
                    Map<String, AccreditationRecord> records = new HashMap<>();
                    for (String id : awardingBodyIds) {
                        records.put(id, new AccreditationRecord(decisions.getOrDefault(id, List.of())));
                    }
                    return records;
                });
    }

    private static List<HeldCredential.LearningOutcome> outcomes(String json) {
        try {
            return EventJson.mapper().readValue(json, OUTCOMES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable learning outcomes: " + json, e);
        }
    }

    private static List<HeldCredential> credentials(RowSet<Row> rows) {
        List<HeldCredential> credentials = new ArrayList<>();
        for (Row row : rows) {
            credentials.add(new HeldCredential(row.getString("id"), row.getString("learner_id"),
                    row.getString("awarding_body_id"), row.getString("title"), row.getBigDecimal("ects"),
                    row.getInteger("eqf_level"), List.of(row.getArrayOfStrings("issuer_countries")),
                    row.getLocalDate("issued_on"), HeldCredential.Status.valueOf(row.getString("status")),
                    row.getOffsetDateTime("issued_at").toInstant(), outcomes(row.getString("learning_outcomes")),
                    row.getString("quality_assurance_type"), row.getString("assessment_type"),
                    row.getBoolean("supervised"), row.getString("identity_verification"),
                    row.getString("stacked_on_pathway_id")));
        }
        return credentials;
    }
}

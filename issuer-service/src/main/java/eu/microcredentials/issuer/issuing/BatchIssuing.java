package eu.microcredentials.issuer.issuing;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import eu.microcredentials.issuer.domain.credential.MicroCredential;
import eu.microcredentials.issuer.infrastructure.Streams;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The use case: an awarding body issues many credentials at once. Valid rows are issued in chunks,
 * one transaction per chunk; with an Idempotency-Key each chunk also records which rows it issued,
 * so a batch sent again (after a failure half-way, too) issues only what is missing.
 */
@ApplicationScoped
public class BatchIssuing {
    public static final int MAX_ROWS = 10_000;
    static final int CHUNK = 500;

    private final Pool pool;
    private final Streams streams;
    private final CredentialIssuing issuing;

    public BatchIssuing(Pool pool, Streams streams, CredentialIssuing issuing) {
        this.pool = pool;
        this.streams = streams;
        this.issuing = issuing;
    }

    /** A valid row of the batch (numbered from 1) and its content. */
    public record Row(int number, MicroCredential content) {
    }

    /** A row issued: its number and the credential id. */
    public record IssuedRow(int row, String credentialId) {
    }

    /**
     * @param key         the Idempotency-Key, or null
     * @param requestHash the hash of the whole batch, checked against an earlier use of the key
     * @return every issued row, in row order (with a key: also those issued by earlier sends)
     */
    public Uni<List<IssuedRow>> issue(AwardingBodyId awardingBodyId, List<Row> rows, String key, String requestHash,
                                      String actor) {
        Uni<Map<Integer, String>> alreadyIssued = key == null ? Uni.createFrom().item(Map.of())
                : claimKey(awardingBodyId, key, requestHash).flatMap(claimed -> issuedRows(awardingBodyId, key));
        return alreadyIssued.flatMap(done -> {
            List<Row> todo = rows.stream().filter(row -> !done.containsKey(row.number())).toList();
            List<List<Row>> chunks = new ArrayList<>();
            for (int start = 0; start < todo.size(); start += CHUNK) {
                chunks.add(todo.subList(start, Math.min(todo.size(), start + CHUNK)));
            }
            return Multi.createFrom().iterable(chunks)
                    .onItem().transformToUniAndConcatenate(chunk -> issueChunk(awardingBodyId, chunk, key, actor))
                    .collect().in(ArrayList<IssuedRow>::new, List::addAll)
                    .map(issued -> {
                        List<IssuedRow> all = new ArrayList<>(issued);
                        done.forEach((row, id) -> all.add(new IssuedRow(row, id)));
                        all.sort((a, b) -> Integer.compare(a.row(), b.row()));
                        return all;
                    });
        });
    }

    private Uni<List<IssuedRow>> issueChunk(AwardingBodyId awardingBodyId, List<Row> chunk, String key, String actor) {
        return pool.withTransaction(tx -> notYetIssued(tx, awardingBodyId, chunk, key).flatMap(rows ->
                streams.lockAwardingBody(tx, awardingBodyId, false)
                        .flatMap(locked -> streams.awardingBody(tx, awardingBodyId)).flatMap(loaded -> {
            if (!(loaded.state() instanceof AwardingBody.Registered awardingBody)) {
                throw Problem.notFound("awarding body", awardingBodyId.toString()).exception();
            }
            return issuing.issueAll(tx, awardingBody, rows.stream().map(Row::content).toList(), actor)
                    .map(issued -> {
                        List<IssuedRow> issuedRows = new ArrayList<>(issued.size());
                        for (int i = 0; i < issued.size(); i++) {
                            issuedRows.add(new IssuedRow(rows.get(i).number(), issued.get(i).id().toString()));
                        }
                        return issuedRows;
                    })
                    .call(issued -> key == null ? Uni.createFrom().voidItem() : rememberRows(tx, awardingBodyId, key, issued));
        })));
    }

    /**
     * With a key: locks the key (two sends of one batch take turns, chunk by chunk) and drops the rows a
     * concurrent send issued meanwhile.
     */
    private static Uni<List<Row>> notYetIssued(SqlConnection tx, AwardingBodyId awardingBody, List<Row> chunk, String key) {
        if (key == null) {
            return Uni.createFrom().item(chunk);
        }
        return tx.preparedQuery("SELECT 1 FROM idempotency_key WHERE awarding_body_id = $1 AND idempotency_key = $2 FOR UPDATE")
                .execute(Tuple.of(awardingBody.toString(), key))
                .flatMap(locked -> tx.preparedQuery("SELECT row_number FROM idempotent_batch_row "
                                + "WHERE awarding_body_id = $1 AND idempotency_key = $2 AND row_number = ANY($3)")
                        .execute(Tuple.of(awardingBody.toString(), key,
                                chunk.stream().map(Row::number).toArray(Integer[]::new))))
                .map(found -> {
                    Set<Integer> issued = new HashSet<>();
                    found.forEach(row -> issued.add(row.getInteger("row_number")));
                    return chunk.stream().filter(row -> !issued.contains(row.number())).toList();
                });
    }

    /** Records the key with the batch's hash, or checks the hash of its earlier use (422 when another batch used it). */
    private Uni<Void> claimKey(AwardingBodyId awardingBody, String key, String requestHash) {
        return pool.preparedQuery("""
                        INSERT INTO idempotency_key (awarding_body_id, idempotency_key, request_hash, response, status)
                        VALUES ($1, $2, $3, $4::text::json, 200) ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(awardingBody.toString(), key, requestHash, new JsonObject().put("batch", true).encode()))
                .flatMap(inserted -> pool.preparedQuery("""
                                SELECT request_hash, response::text AS response FROM idempotency_key
                                WHERE awarding_body_id = $1 AND idempotency_key = $2""")
                        .execute(Tuple.of(awardingBody.toString(), key)))
                .invoke(found -> {
                    io.vertx.mutiny.sqlclient.Row row = found.iterator().next();
                    IdempotencyKeys.replay(new IdempotencyKeys.Outcome(row.getString("request_hash"),
                            new JsonObject(row.getString("response"))), requestHash, key);
                })
                .replaceWithVoid();
    }

    private Uni<Map<Integer, String>> issuedRows(AwardingBodyId awardingBody, String key) {
        return pool.preparedQuery("""
                        SELECT row_number, credential_id FROM idempotent_batch_row
                        WHERE awarding_body_id = $1 AND idempotency_key = $2""")
                .execute(Tuple.of(awardingBody.toString(), key))
                .map(rows -> {
                    Map<Integer, String> issued = new HashMap<>();
                    for (io.vertx.mutiny.sqlclient.Row row : rows) {
                        issued.put(row.getInteger("row_number"), row.getString("credential_id"));
                    }
                    return issued;
                });
    }

    private static Uni<Void> rememberRows(SqlConnection tx, AwardingBodyId awardingBody, String key, List<IssuedRow> issued) {
        if (issued.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> tuples = issued.stream().map(row -> Tuple.of(awardingBody.toString(), key, row.row(), row.credentialId()))
                .toList();
        return tx.preparedQuery("""
                        INSERT INTO idempotent_batch_row (awarding_body_id, idempotency_key, row_number, credential_id)
                        VALUES ($1, $2, $3, $4)""")
                .executeBatch(tuples).replaceWithVoid();
    }
}

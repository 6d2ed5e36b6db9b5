package eu.microcredentials.issuer.issuing;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.Refusal;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import eu.microcredentials.issuer.domain.awardingbody.SigningKey;
import eu.microcredentials.issuer.domain.credential.Credential;
import eu.microcredentials.issuer.domain.credential.CredentialDecider;
import eu.microcredentials.issuer.domain.credential.CredentialEvent;
import eu.microcredentials.issuer.domain.credential.IssueCredential;
import eu.microcredentials.issuer.domain.credential.MicroCredential;
import eu.microcredentials.issuer.domain.credential.SignedCredential;
import eu.microcredentials.issuer.domain.credential.Stacking;
import eu.microcredentials.issuer.infrastructure.ContractMapping;
import eu.microcredentials.issuer.infrastructure.Streams;
import eu.microcredentials.issuer.signing.CredentialDocument;
import eu.microcredentials.issuer.signing.CredentialSigner;
import eu.microcredentials.issuer.signing.SigningKeyVault;
import eu.microcredentials.issuer.signing.SigningThreads;
import eu.microcredentials.issuer.signing.StatusLists;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The use case: an awarding body issues a micro-credential. It is signed with the body's active
 * key as a VC-JWT, given a random never-reused index in the body's status lists, stored as an
 * event and, through the outbox, published.
 */
@ApplicationScoped
public class CredentialIssuing {
    private static final int INDEX_ATTEMPTS = 64;
    /**
     * Takes what it can of the candidate indexes (with their credential ids) for the awarding body, answering what it
     * took. In ascending index order: two reservations of one body that meet on several indexes take them in the same
     * order, so one waits for the other instead of each holding an index the other needs (deadlock, 40P01).
     */
    static final String RESERVE_INDEXES = """
            INSERT INTO status_list_index (awarding_body_id, list_index, credential_id)
            SELECT $1, candidate.list_index, candidate.credential_id
            FROM unnest($2::int[], $3::text[]) AS candidate (list_index, credential_id)
            ORDER BY candidate.list_index
            ON CONFLICT (awarding_body_id, list_index) DO NOTHING
            RETURNING list_index, credential_id""";
    private final Pool pool;
    private final Streams streams;
    private final SigningKeyVault vault;
    private final StatusLists statusLists;
    private final Clock clock;
    private final SigningThreads signing;

    public CredentialIssuing(Pool pool, Streams streams, SigningKeyVault vault, StatusLists statusLists, Clock clock,
                             SigningThreads signing) {
        this.pool = pool;
        this.signing = signing;
        this.streams = streams;
        this.vault = vault;
        this.statusLists = statusLists;
        this.clock = clock;
    }

    public Uni<Credential.Active> issue(AwardingBodyId awardingBodyId, MicroCredential content) {
        return issue(awardingBodyId, content, (tx, issued) -> Uni.createFrom().voidItem());
    }

    /** Issues, and records more in the same transaction (e.g. the idempotency key that asked for it). */
    public Uni<Credential.Active> issue(AwardingBodyId awardingBodyId, MicroCredential content,
                                       BiFunction<SqlConnection, Credential.Active, Uni<Void>> alsoRecord) {
        return pool.withTransaction(tx -> issue(tx, awardingBodyId, content).call(issued -> alsoRecord.apply(tx, issued)));
    }

    /** Issues in the caller's transaction: loads the awarding body, then as {@link #issue(SqlConnection, AwardingBody.Registered, MicroCredential)}. */
    public Uni<Credential.Active> issue(SqlConnection tx, AwardingBodyId awardingBodyId, MicroCredential content) {
        return streams.lockAwardingBody(tx, awardingBodyId, false).flatMap(locked -> streams.awardingBody(tx, awardingBodyId)).flatMap(loaded -> {
            if (!(loaded.state() instanceof AwardingBody.Registered awardingBody)) {
                throw Problem.notFound("awarding body", awardingBodyId.toString()).exception();
            }
            return issue(tx, awardingBody, content);
        });
    }

    /** Issues one credential for an awarding body already loaded in this transaction. */
    public Uni<Credential.Active> issue(SqlConnection tx, AwardingBody.Registered awardingBody, MicroCredential content) {
        return issueAll(tx, awardingBody, List.of(content)).map(issued -> issued.get(0));
    }

    /**
     * Issues credentials for an awarding body loaded in this transaction after
     * {@link Streams#lockAwardingBody} (shared), in one write:
     * reserves their status list indexes, signs each with the active key, decides, appends.
     */
    public Uni<List<Credential.Active>> issueAll(SqlConnection tx, AwardingBody.Registered awardingBody,
                                                 List<MicroCredential> contents) {
        return issueUnsigned(tx, awardingBody, contents.stream()
                .map(content -> new Unsigned(new CredentialId(UUID.randomUUID()), content, null, null)).toList());
    }

    /** As {@link #issueAll(SqlConnection, AwardingBody.Registered, List)}, for credentials whose ids and parts are given. */
    public Uni<List<Credential.Active>> issueUnsigned(SqlConnection tx, AwardingBody.Registered awardingBody,
                                                      List<Unsigned> unsigned) {
        Instant at = clock.instant();
        return sign(tx, awardingBody, unsigned, at).flatMap(signed -> {
            List<Credential.Active> issued = new ArrayList<>(unsigned.size());
            List<CredentialEvent> events = new ArrayList<>(unsigned.size());
            for (int i = 0; i < unsigned.size(); i++) {
                Unsigned credential = unsigned.get(i);
                CredentialEvent event = CredentialDecider.decide(new IssueCredential(credential.id(), awardingBody,
                        credential.content(), at, signed.get(i), credential.stacking()), new Credential.NotIssued()).get(0);
                events.add(event);
                issued.add((Credential.Active) CredentialDecider.evolve(new Credential.NotIssued(), event));
            }
            return streams.appendNewCredentials(tx, events).replaceWith(issued);
        });
    }

    /**
     * A new credential before it is signed: its id, its content, the credential it replaces (or null) and
     * what it is stacked on (or null).
     */
    public record Unsigned(CredentialId id, MicroCredential content, CredentialId supersedes, Stacking stacking) {
        List<CredentialId> hasPart() {
            return stacking == null ? List.of() : stacking.parts();
        }
    }

    /**
     * Signs new credentials of an awarding body loaded in this transaction after
     * {@link Streams#lockAwardingBody} (shared): reserves their status list indexes and signs each, as
     * issued at {@code at}, with the body's active key. Answers them signed, in the same order.
     */
    public Uni<List<SignedCredential>> sign(SqlConnection tx, AwardingBody.Registered awardingBody,
                                            List<Unsigned> credentials, Instant at) {
        SigningKey key = awardingBody.activeKey().orElseThrow(() -> new Refusal("the awarding body has no active signing key"));
        URI revocation = statusLists.list(awardingBody.id(), ContractMapping.REVOCATION);
        URI suspension = statusLists.list(awardingBody.id(), ContractMapping.SUSPENSION);
        List<CredentialId> ids = credentials.stream().map(Unsigned::id).toList();
        return reserveIndexes(awardingBody.id(), ids, new HashMap<>(), 0)
                .flatMap(indexes -> vault.privateKey(tx, key.keyId()).flatMap(privateKey -> signing.signAll(credentials,
                        credential -> {
                            int index = indexes.get(credential.id());
                            var document = CredentialDocument.of(credential.id(), awardingBody, credential.content(), at,
                                    new CredentialDocument.Status(index, revocation, suspension, statusLists.vocabulary()),
                                    credential.supersedes(), credential.hasPart());
                            return new SignedCredential(CredentialSigner.sign(document, privateKey), key.keyId(), index,
                                    revocation, suspension);
                        })));
    }

    /**
     * Takes a random free index in the awarding body's status lists for each credential, in statements
     * of their own: an index is never given twice, and one whose issuance then fails stays spent (it was
     * never published, so nobody can tell).
     */
    private Uni<Map<CredentialId, Integer>> reserveIndexes(AwardingBodyId awardingBody, List<CredentialId> credentials,
                                                           Map<CredentialId, Integer> reserved, int attempt) {
        List<CredentialId> missing = credentials.stream().filter(id -> !reserved.containsKey(id)).toList();
        if (missing.isEmpty()) {
            return Uni.createFrom().item(reserved);
        }
        if (attempt >= INDEX_ATTEMPTS) {
            return Uni.createFrom().failure(new Refusal("the status lists of awarding body " + awardingBody
                    + " have no free index left after " + INDEX_ATTEMPTS + " random tries"));
        }
        Integer[] candidates = missing.stream().map(id -> statusLists.randomIndex()).toArray(Integer[]::new);
        String[] ids = missing.stream().map(CredentialId::toString).toArray(String[]::new);
        return pool.preparedQuery(RESERVE_INDEXES)
                .execute(Tuple.of(awardingBody.toString(), candidates, ids))
                .flatMap(rows -> {
                    for (Row row : rows) {
                        reserved.put(CredentialId.parse(row.getString("credential_id")), row.getInteger("list_index"));
                    }
                    return reserveIndexes(awardingBody, credentials, reserved, attempt + 1);
                });
    }

    public Uni<Credential> find(CredentialId id) {
        return streams.credential(pool, id).map(Streams.Loaded::state);
    }
}

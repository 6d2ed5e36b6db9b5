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
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

/**
 * The use case: an awarding body issues a micro-credential. It is signed with the body's active
 * key as a VC-JWT, given a never-reused place in the body's status lists (see {@link StatusListEntries}),
 * stored as an event and, through the outbox, published.
 */
@ApplicationScoped
public class CredentialIssuing {
    private final Pool pool;
    private final Streams streams;
    private final SigningKeyVault vault;
    private final StatusLists statusLists;
    private final StatusListEntries statusListEntries;
    private final Clock clock;
    private final SigningThreads signing;

    public CredentialIssuing(Pool pool, Streams streams, SigningKeyVault vault, StatusLists statusLists,
                             StatusListEntries statusListEntries, Clock clock, SigningThreads signing) {
        this.pool = pool;
        this.signing = signing;
        this.streams = streams;
        this.vault = vault;
        this.statusLists = statusLists;
        this.statusListEntries = statusListEntries;
        this.clock = clock;
    }

    /**
     * Issues one credential, as {@code actor} (the caller's API key identity): what {@code request} asks for,
     * read for the awarding body as this transaction loads it (once, under its lock; a 404 problem when it is not
     * registered, the reader's 400 when the request is bad, and nothing is written).
     */
    public Uni<Credential.Active> issue(AwardingBodyId awardingBodyId, CredentialRequests.Reader request, String actor) {
        return issue(awardingBodyId, request, actor, (tx, issued) -> Uni.createFrom().voidItem());
    }

    /** Issues, and records more in the same transaction (e.g. the idempotency key that asked for it). */
    public Uni<Credential.Active> issue(AwardingBodyId awardingBodyId, CredentialRequests.Reader request, String actor,
                                       BiFunction<SqlConnection, Credential.Active, Uni<Void>> alsoRecord) {
        return pool.withTransaction(tx -> streams.lockAwardingBody(tx, awardingBodyId, false)
                .flatMap(locked -> streams.awardingBody(tx, awardingBodyId)).flatMap(loaded -> {
                    if (!(loaded.state() instanceof AwardingBody.Registered awardingBody)) {
                        throw Problem.notFound("awarding body", awardingBodyId.toString()).exception();
                    }
                    MicroCredential content = request.contentFor(awardingBody);
                    return issueAll(tx, awardingBody, List.of(content), actor).map(issued -> issued.get(0));
                })
                .call(issued -> alsoRecord.apply(tx, issued)));
    }

    /**
     * Issues credentials for an awarding body loaded in this transaction after
     * {@link Streams#lockAwardingBody} (shared), in one write, as {@code actor}:
     * takes their places in the status lists, signs each with the active key, decides, appends.
     */
    public Uni<List<Credential.Active>> issueAll(SqlConnection tx, AwardingBody.Registered awardingBody,
                                                 List<MicroCredential> contents, String actor) {
        return issueUnsigned(tx, awardingBody, contents.stream()
                .map(content -> new Unsigned(new CredentialId(UUID.randomUUID()), content, null, null)).toList(), actor);
    }

    /**
     * As {@link #issueAll(SqlConnection, AwardingBody.Registered, List, String)}, for credentials whose ids and
     * parts are given.
     */
    public Uni<List<Credential.Active>> issueUnsigned(SqlConnection tx, AwardingBody.Registered awardingBody,
                                                      List<Unsigned> unsigned, String actor) {
        Instant at = clock.instant();
        return sign(tx, awardingBody, unsigned, at).flatMap(signed -> {
            List<Credential.Active> issued = new ArrayList<>(unsigned.size());
            List<CredentialEvent> events = new ArrayList<>(unsigned.size());
            for (int i = 0; i < unsigned.size(); i++) {
                Unsigned credential = unsigned.get(i);
                CredentialEvent event = CredentialDecider.decide(new IssueCredential(credential.id(), awardingBody,
                        credential.content(), at, signed.get(i), credential.stacking(), actor),
                        new Credential.NotIssued()).get(0);
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
     * {@link Streams#lockAwardingBody} (shared): takes their places in the body's status lists and signs each, as
     * issued at {@code at}, with the body's active key. Answers them signed, in the same order.
     */
    public Uni<List<SignedCredential>> sign(SqlConnection tx, AwardingBody.Registered awardingBody,
                                            List<Unsigned> credentials, Instant at) {
        SigningKey key = awardingBody.activeKey().orElseThrow(() -> new Refusal("the awarding body has no active signing key"));
        List<Integer> order = IntStream.range(0, credentials.size()).boxed().toList();
        return statusListEntries.take(awardingBody.id(), credentials.size()).flatMap(places -> vault.privateKey(tx,
                key.keyId()).flatMap(privateKey -> signing.signAll(order, i -> {
                    Unsigned unsigned = credentials.get(i);
                    StatusListEntries.Entry entry = places.entry(i);
                    URI revocation = statusLists.list(awardingBody.id(), ContractMapping.REVOCATION, entry.list());
                    URI suspension = statusLists.list(awardingBody.id(), ContractMapping.SUSPENSION, entry.list());
                    var document = CredentialDocument.of(unsigned.id(), awardingBody, unsigned.content(), at,
                            new CredentialDocument.Status(entry.index(), revocation, suspension, statusLists.vocabulary()),
                            unsigned.supersedes(), unsigned.hasPart());
                    return new SignedCredential(CredentialSigner.sign(document, privateKey), key.keyId(), entry.index(),
                            revocation, suspension);
                })));
    }

    public Uni<Credential> find(CredentialId id) {
        return streams.credential(pool, id).map(Streams.Loaded::state);
    }
}

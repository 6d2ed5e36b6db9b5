package eu.microcredentials.registry.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.microcredentials.events.EventJson;
import eu.microcredentials.registry.domain.CredentialSearch;
import eu.microcredentials.registry.domain.asof.AsOf;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the registry's read model. */
@ApplicationScoped
public class RegistryQueries {
    private static final String CREDENTIAL_COLUMNS = """
            c.id, c.awarding_body_id, c.learner_id, c.title, c.issuer_countries, c.issued_on, c.status, c.issued_at,
            c.data::text AS data, c.verifiable_credential, b.legal_name, c.supersedes,
            coalesce(c.superseded_by, (SELECT min(s.id) FROM registry_credential s WHERE s.supersedes = c.id))
                AS superseded_by""";
    private static final String FROM = """
            FROM registry_credential c LEFT JOIN registry_awarding_body b ON b.id = c.awarding_body_id""";

    private final Pool pool;

    public RegistryQueries(Pool pool) {
        this.pool = pool;
    }

    /**
     * A credential as the public registry shows it; {@code credential} holds every standard element,
     * {@code verifiableCredential} the signed form (compact VC-JWT), absent when it was issued unsigned.
     * {@code status} is the status now. A correction links both ways: {@code supersedes} names the credential
     * this one corrects, {@code supersededBy} the one that corrects it (from either side's event). {@code asOf}
     * is present only when asked for an instant.
     */
    public record RegisteredCredential(String id, String awardingBodyId, String awardingBodyName, String learnerId,
                                       String title, List<String> issuerCountries, LocalDate issuedOn, String status,
                                       Instant issuedAt, JsonNode credential, String verifiableCredential,
                                       String supersedes, String supersededBy, AsOf asOf) {

        public RegisteredCredential withAsOf(AsOf answer) {
            return new RegisteredCredential(id, awardingBodyId, awardingBodyName, learnerId, title, issuerCountries,
                    issuedOn, status, issuedAt, credential, verifiableCredential, supersedes, supersededBy, answer);
        }
    }

    /** One page of a search, with the number of all matches. */
    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    /** An awarding body known to the registry, with the signing keys it published (retired ones too). */
    public record RegisteredAwardingBody(String id, String legalName, String country, String website,
                                         Instant registeredAt, JsonNode details, List<PublishedKey> keys,
                                         Accreditation accreditation, List<AccreditationDecision> accreditationHistory) {
    }

    /** The accreditation that holds now: status ACCREDITED or WITHDRAWN, or NONE (then nothing else). */
    public record Accreditation(String status, String qualityAssuranceAgency, String evidence, Instant validFrom,
                                Instant validUntil) {
        static final Accreditation NONE = new Accreditation("NONE", null, null, null, null);
    }

    /**
     * One recorded decision on a body's accreditation, oldest first; on a withdrawal validFrom is when it ends.
     * {@code reason} (a withdrawal's) only in what registry operators read.
     */
    public record AccreditationDecision(String status, String qualityAssuranceAgency, String evidence, Instant validFrom,
                                        Instant validUntil, Instant decidedAt, String actor, String reason) {
    }

    /** A signing key as external verifiers need it: its kid, JOSE algorithm, public JWK and when it signs. */
    public record PublishedKey(String keyId, String algorithm, JsonNode publicJwk, Instant activeFrom, Instant retiredAt) {
    }

    public Uni<Optional<RegisteredCredential>> credential(String id) {
        return pool.preparedQuery("SELECT " + CREDENTIAL_COLUMNS + " " + FROM + " WHERE c.id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(credential(rows.iterator().next())));
    }

    public Uni<Page<RegisteredCredential>> search(CredentialSearch search) {
        String sql = "SELECT " + CREDENTIAL_COLUMNS + ", count(*) OVER () AS total " + FROM + "\n" + """
                 WHERE ($1::text IS NULL OR c.learner_id = $1)
                   AND ($2::text IS NULL OR c.awarding_body_id = $2)
                   AND ($3::text IS NULL OR c.issuer_countries @> ARRAY[$3::text])
                 ORDER BY c.issued_at, c.id
                 LIMIT $4 OFFSET $5""";
        return pool.preparedQuery(sql)
                .execute(Tuple.of(search.learner(), search.awardingBody(), search.country(), search.size(), search.offset()))
                .flatMap(rows -> {
                    List<RegisteredCredential> items = credentials(rows);
                    if (!items.isEmpty() || search.page() == 0) {
                        long total = rows.size() == 0 ? 0 : rows.iterator().next().getLong("total");
                        return Uni.createFrom().item(new Page<>(items, search.page(), search.size(), total));
                    }
                    return count(search).map(total -> new Page<>(items, search.page(), search.size(), total));
                });
    }

    private Uni<Long> count(CredentialSearch search) {
        return pool.preparedQuery("""
                        SELECT count(*) AS total FROM registry_credential c
                        WHERE ($1::text IS NULL OR c.learner_id = $1)
                          AND ($2::text IS NULL OR c.awarding_body_id = $2)
                          AND ($3::text IS NULL OR c.issuer_countries @> ARRAY[$3::text])""")
                .execute(Tuple.of(search.learner(), search.awardingBody(), search.country()))
                .map(rows -> rows.iterator().next().getLong("total"));
    }

    /**
     * The awarding bodies, optionally of one country and with one current accreditation status
     * (ACCREDITED, WITHDRAWN or NONE), with their keys and accreditation.
     */
    public Uni<List<RegisteredAwardingBody>> awardingBodies(String country, String accreditation) {
        return awardingBodies(new BodyFilter(country, accreditation, null, false));
    }

    /**
     * One awarding body with its keys and accreditation, as registry operators read it (withdrawals with their
     * reasons); empty when the registry does not know it.
     */
    public Uni<Optional<RegisteredAwardingBody>> awardingBodyForOperators(String id) {
        return awardingBodies(new BodyFilter(null, null, id, true))
                .map(bodies -> bodies.isEmpty() ? Optional.empty() : Optional.of(bodies.get(0)));
    }

    /** Which awarding bodies to read (a null field does not filter), and whether with withdrawals' reasons. */
    private record BodyFilter(String country, String accreditation, String id, boolean withReasons) {
    }

    private Uni<List<RegisteredAwardingBody>> awardingBodies(BodyFilter filter) {
        return publishedKeys(filter).flatMap(keys -> accreditationHistory(filter).flatMap(history -> pool.preparedQuery("""
                        SELECT b.id, b.legal_name, b.country, b.website, b.registered_at, b.data::text AS data,
                               a.status, a.agency, a.evidence, a.valid_from, a.valid_until
                        FROM registry_awarding_body b LEFT JOIN registry_accreditation_current a ON a.awarding_body_id = b.id
                        WHERE ($1::text IS NULL OR b.country = $1)
                          AND ($2::text IS NULL OR coalesce(a.status, 'NONE') = $2)
                          AND ($3::text IS NULL OR b.id = $3)
                        ORDER BY b.legal_name, b.id""")
                .execute(Tuple.of(filter.country(), filter.accreditation(), filter.id()))
                .map(rows -> {
                    List<RegisteredAwardingBody> bodies = new ArrayList<>();
                    for (Row row : rows) {
                        String id = row.getString("id");
                        Accreditation current = row.getString("status") == null ? Accreditation.NONE
                                : new Accreditation(row.getString("status"), row.getString("agency"),
                                row.getString("evidence"), instant(row.getOffsetDateTime("valid_from")),
                                instant(row.getOffsetDateTime("valid_until")));
                        bodies.add(new RegisteredAwardingBody(id, row.getString("legal_name"),
                                row.getString("country"), row.getString("website"),
                                row.getOffsetDateTime("registered_at").toInstant(), withoutActor(row.getString("data")),
                                keys.getOrDefault(id, List.of()), current, history.getOrDefault(id, List.of())));
                    }
                    return bodies;
                })));
    }

    /** Every accreditation decision of the awarding bodies (of one country, or one), by awarding body, oldest first. */
    private Uni<Map<String, List<AccreditationDecision>>> accreditationHistory(BodyFilter filter) {
        return pool.preparedQuery("""
                        SELECT a.awarding_body_id, a.status, a.agency, a.evidence, a.valid_from, a.valid_until,
                               a.decided_at, a.actor, CASE WHEN $3 THEN a.reason END AS reason
                        FROM registry_accreditation a JOIN registry_awarding_body b ON b.id = a.awarding_body_id
                        WHERE ($1::text IS NULL OR b.country = $1) AND ($2::text IS NULL OR b.id = $2)
                        ORDER BY a.awarding_body_id, a.version""")
                .execute(Tuple.of(filter.country(), filter.id(), filter.withReasons()))
                .map(rows -> {
                    Map<String, List<AccreditationDecision>> history = new HashMap<>();
                    for (Row row : rows) {
                        history.computeIfAbsent(row.getString("awarding_body_id"), body -> new ArrayList<>())
                                .add(new AccreditationDecision(row.getString("status"), row.getString("agency"),
                                        row.getString("evidence"), instant(row.getOffsetDateTime("valid_from")),
                                        instant(row.getOffsetDateTime("valid_until")),
                                        instant(row.getOffsetDateTime("decided_at")), row.getString("actor"),
                                        row.getString("reason")));
                    }
                    return history;
                });
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** The published keys of the awarding bodies (of one country, or one), by awarding body, oldest first. */
    private Uni<Map<String, List<PublishedKey>>> publishedKeys(BodyFilter filter) {
        return pool.preparedQuery("""
                        SELECT k.awarding_body_id, k.key_id, k.algorithm, k.public_jwk::text AS public_jwk, k.active_from,
                               k.retired_at
                        FROM registry_signing_key k JOIN registry_awarding_body b ON b.id = k.awarding_body_id
                        WHERE ($1::text IS NULL OR b.country = $1) AND ($2::text IS NULL OR b.id = $2)
                        ORDER BY k.active_from, k.key_id""")
                .execute(Tuple.of(filter.country(), filter.id()))
                .map(rows -> {
                    Map<String, List<PublishedKey>> keys = new HashMap<>();
                    for (Row row : rows) {
                        OffsetDateTime retiredAt = row.getOffsetDateTime("retired_at");
                        keys.computeIfAbsent(row.getString("awarding_body_id"), body -> new ArrayList<>())
                                .add(new PublishedKey(row.getString("key_id"), row.getString("algorithm"),
                                        json(row.getString("public_jwk")), row.getOffsetDateTime("active_from").toInstant(),
                                        retiredAt == null ? null : retiredAt.toInstant()));
                    }
                    return keys;
                });
    }

    private static List<RegisteredCredential> credentials(RowSet<Row> rows) {
        List<RegisteredCredential> items = new ArrayList<>();
        for (Row row : rows) {
            items.add(credential(row));
        }
        return items;
    }

    private static RegisteredCredential credential(Row row) {
        return new RegisteredCredential(row.getString("id"), row.getString("awarding_body_id"),
                row.getString("legal_name"), row.getString("learner_id"), row.getString("title"),
                List.of(row.getArrayOfStrings("issuer_countries")), row.getLocalDate("issued_on"),
                row.getString("status"), row.getOffsetDateTime("issued_at").toInstant(), withoutActor(row.getString("data")),
                row.getString("verifiable_credential"), row.getString("supersedes"), row.getString("superseded_by"), null);
    }

    /**
     * The event data as the registry shows it, without the {@code actor} (the API key identity that issued or
     * registered): who did what is for the registry's operators, in the history, as for status changes.
     */
    private static JsonNode withoutActor(String text) {
        JsonNode data = json(text);
        if (data instanceof ObjectNode object) {
            object.remove("actor");
        }
        return data;
    }

    private static JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

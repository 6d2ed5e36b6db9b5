package eu.microcredentials.issuer.statuslists;

import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.microcredentials.events.EventType;
import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.Refusal;
import eu.microcredentials.issuer.domain.awardingbody.AwardingBody;
import eu.microcredentials.issuer.domain.awardingbody.SigningKey;
import eu.microcredentials.issuer.domain.credential.CredentialStatus;
import eu.microcredentials.issuer.domain.credential.SignedCredential;
import eu.microcredentials.issuer.domain.credential.StatusPurpose;
import eu.microcredentials.issuer.infrastructure.ContractMapping;
import eu.microcredentials.issuer.infrastructure.Streams;
import eu.microcredentials.issuer.signing.BitstringStatusList;
import eu.microcredentials.issuer.signing.CredentialSigner;
import eu.microcredentials.issuer.signing.SigningKeyVault;
import eu.microcredentials.issuer.signing.StatusListCredential;
import eu.microcredentials.issuer.signing.StatusLists;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The use case: an awarding body's Bitstring status lists, published for verifiers. A list is a
 * projection of the event log, computed from the credentials' status changes each time it is asked
 * for, so it is always what the log says and a rebuild gives the same {@code encodedList}. Each copy
 * is signed with the body's active key as a VC-JOSE JWT.
 */
@ApplicationScoped
public class StatusListPublication {
    /**
     * Every status change of an awarding body's credentials in its list $3 of purpose $2, with the
     * credential's index there, each stream in version order. Only the log is read: the list and index are
     * the ones the credential's issued event names (its version 1), so the list is what a fold of the
     * events gives. The list's number is the last segment of the {@code statusListCredential} URL, none
     * for list 0 ({@link StatusLists#list}). The event types are literal so that the partial index
     * {@code event_store_credential_status_changes} applies.
     */
    private static final String STATUS_CHANGES = """
            SELECT status.list_index, e.event_type
            FROM event_store e
            JOIN event_store i ON i.stream_id = e.stream_id AND i.version = 1 AND i.event_type = '%s'
            CROSS JOIN LATERAL (
                SELECT (entry ->> 'statusListIndex')::int AS list_index,
                       COALESCE(substring(entry ->> 'statusListCredential' FROM '/([0-9]+)$')::bigint, 0) AS list
                FROM json_array_elements(i.data -> 'credentialStatus') AS entry
                WHERE entry ->> 'statusPurpose' = $2) AS status
            WHERE e.awarding_body_id = $1 AND e.event_type IN (%s) AND status.list = $3
            ORDER BY e.stream_id, e.version""".formatted(EventType.CREDENTIAL_ISSUED.type(),
            ContractMapping.STATUS_CHANGES.stream().map(type -> "'" + type.type() + "'")
                    .collect(Collectors.joining(", ")));
    /** How many places of the awarding body's status lists were taken (lists 0 to n / 131,072 exist). */
    private static final String PLACES_TAKEN = "SELECT next_position FROM status_list_allocation WHERE awarding_body_id = $1";

    private final Pool pool;
    private final Streams streams;
    private final SigningKeyVault vault;
    private final StatusLists statusLists;
    private final Clock clock;
    private final long ttlMillis;

    public StatusListPublication(Pool pool, Streams streams, SigningKeyVault vault, StatusLists statusLists,
                                 Clock clock, @ConfigProperty(name = "mc.status-lists.ttl-ms", defaultValue = "300000")
                                 long ttlMillis) {
        this.pool = pool;
        this.streams = streams;
        this.vault = vault;
        this.statusLists = statusLists;
        this.clock = clock;
        this.ttlMillis = ttlMillis;
    }

    /** A list as the event log has it now, not yet signed. */
    public record StatusList(AwardingBody.Registered awardingBody, StatusPurpose purpose, URI url, String encodedList,
                             long ttlMillis) {

        /**
         * The opaque part of this list's entity tag in one representation (the signed JWT or the JSON): a
         * hash of the purpose and the encodedList, so it changes exactly when a bit does.
         */
        public String etag(String representation) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest((purpose.value() + "\n" + representation
                        + "\n" + encodedList).getBytes(StandardCharsets.UTF_8));
                return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The list {@code list} of an awarding body for a purpose; 404 problem when no such awarding body is
     * registered or the body has no such list yet (list 0 it always has).
     */
    public Uni<StatusList> current(AwardingBodyId id, StatusPurpose purpose, long list) {
        return streams.awardingBody(pool, id).flatMap(loaded -> {
            if (!(loaded.state() instanceof AwardingBody.Registered awardingBody)) {
                throw Problem.notFound("awarding body", id.toString()).exception();
            }
            return exists(id, list).flatMap(exists -> {
                if (!exists) {
                    throw Problem.notFound("status list", id + "/" + purpose.value() + "/" + list).exception();
                }
                return statusByIndex(id, purpose, list);
            }).map(statuses -> new StatusList(awardingBody, purpose, statusLists.list(id, purpose.value(), list),
                    BitstringStatusList.encode(statuses.entrySet().stream()
                            .filter(entry -> purpose.flags(entry.getValue())).map(Map.Entry::getKey).toList()),
                    ttlMillis));
        });
    }

    private Uni<Boolean> exists(AwardingBodyId id, long list) {
        if (list == 0) {
            return Uni.createFrom().item(true);
        }
        return pool.preparedQuery(PLACES_TAKEN).execute(Tuple.of(id.toString())).map(rows -> {
            long taken = rows.size() == 0 ? 0 : rows.iterator().next().getLong("next_position");
            // the last place taken is in list (taken - 1) / size; divided, not multiplied, so no number overflows
            return taken > 0 && list <= (taken - 1) / SignedCredential.STATUS_LIST_SIZE;
        });
    }

    /** The unsigned {@code BitstringStatusListCredential}, valid from now. */
    public ObjectNode credential(StatusList list) {
        return StatusListCredential.of(list.url(), list.awardingBody().id(), list.purpose(), list.encodedList(),
                clock.instant().truncatedTo(ChronoUnit.SECONDS), list.ttlMillis());
    }

    /** The list credential secured as a VC-JOSE JWT with the awarding body's active key. */
    public Uni<String> signed(StatusList list) {
        SigningKey key = list.awardingBody().activeKey()
                .orElseThrow(() -> new Refusal("the awarding body has no active signing key"));
        return vault.privateKey(pool, key.keyId()).map(privateKey -> CredentialSigner.sign(credential(list), privateKey));
    }

    /**
     * Each credential's current status by its index in the body's list {@code list} of {@code purpose}, for
     * those whose status ever changed.
     */
    private Uni<Map<Integer, CredentialStatus>> statusByIndex(AwardingBodyId id, StatusPurpose purpose, long list) {
        return pool.preparedQuery(STATUS_CHANGES).execute(Tuple.of(id.toString(), purpose.value(), list)).map(rows -> {
            Map<Integer, CredentialStatus> statuses = new HashMap<>();
            for (Row row : rows) {
                // a stream's later change overrides its earlier ones
                ContractMapping.statusAfter(EventType.ofType(row.getString("event_type")))
                        .ifPresent(status -> statuses.put(row.getInteger("list_index"), status));
            }
            return statuses;
        });
    }
}

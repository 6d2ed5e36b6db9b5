package eu.microcredentials.registry.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import eu.microcredentials.events.ContractViolation;
import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.EventJson;
import eu.microcredentials.events.Topic;
import eu.microcredentials.events.data.AwardingBodyRegistered;
import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.events.data.CredentialReinstated;
import eu.microcredentials.events.data.CredentialRevoked;
import eu.microcredentials.events.data.CredentialSuspended;
import eu.microcredentials.events.data.EventData;
import eu.microcredentials.events.data.SigningKeyAdded;
import eu.microcredentials.events.data.SigningKeyRetired;
import eu.microcredentials.eventsourcing.HeldRows;
import eu.microcredentials.eventsourcing.Projection;
import eu.microcredentials.registry.domain.CredentialStatus;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the public registry (awarding bodies, their published signing keys, credentials with their
 * signed form) from the issuers' event stream.
 */
@ApplicationScoped
public class RegistryProjection implements Projection {
    public static final String NAME = "registry";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final HeldRows newCredentials = new HeldRows(INSERT_CREDENTIAL);

    private static final String UPSERT_AWARDING_BODY = """
            INSERT INTO registry_awarding_body (id, legal_name, country, website, registered_at, data)
            VALUES ($1, $2, $3, $4, $5, $6::text::json)
            ON CONFLICT (id) DO UPDATE SET legal_name = EXCLUDED.legal_name, country = EXCLUDED.country,
                website = EXCLUDED.website, data = EXCLUDED.data""";
    private static final String INSERT_CREDENTIAL = """
            INSERT INTO registry_credential (id, awarding_body_id, learner_id, title, issuer_countries, issued_on,
                                             status, issued_at, event_id, data, verifiable_credential, signing_key_id,
                                             supersedes)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::json, $11, $12, $13)""";
    // a key id names one key of one awarding body: another body publishing the same kid changes nothing
    private static final String INSERT_SIGNING_KEY = """
            INSERT INTO registry_signing_key (key_id, awarding_body_id, algorithm, public_jwk, active_from)
            VALUES ($1, $2, $3, $4::text::json, $5)
            ON CONFLICT (key_id) DO UPDATE SET algorithm = EXCLUDED.algorithm, public_jwk = EXCLUDED.public_jwk,
                active_from = EXCLUDED.active_from
            WHERE registry_signing_key.awarding_body_id = EXCLUDED.awarding_body_id
            RETURNING key_id""";
    private static final String RETIRE_SIGNING_KEY = """
            UPDATE registry_signing_key SET retired_at = $3 WHERE key_id = $1 AND awarding_body_id = $2 RETURNING key_id""";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of("registry_awarding_body", "registry_credential", "registry_signing_key", "registry_status_change");
    }

    @Override
    public Set<Topic> topics() {
        return Set.of(Topic.AWARDING_BODIES, Topic.CREDENTIALS);
    }

    @Override
    public void apply(SqlConnection tx, EventEnvelope event) {
        EventData data = event.decode();
        String json = new String(event.data(), StandardCharsets.UTF_8);
        if (data instanceof AwardingBodyRegistered registered) {
            flush(tx);
            tx.preparedQuery(UPSERT_AWARDING_BODY).execute(Tuple.of(registered.awardingBodyId(), registered.legalName(),
                    registered.country(), registered.website(), registered.registeredAt().atOffset(ZoneOffset.UTC), json))
                    .await().atMost(TIMEOUT);
            return;
        }
        if (data instanceof CredentialIssued issued) {
            newCredentials.hold(tx, Tuple.tuple()
                    .addString(issued.credentialId())
                    .addString(issued.awardingBodyId())
                    .addString(issued.learner().id())
                    .addString(issued.title())
                    .addArrayOfString(issued.issuerCountries().toArray(String[]::new))
                    .addLocalDate(issued.issuedOn())
                    .addString(CredentialStatus.ACTIVE.name())
                    .addOffsetDateTime(issued.issuedAt().atOffset(ZoneOffset.UTC))
                    .addUUID(event.id())
                    .addString(json)
                    .addString(issued.verifiableCredential())
                    .addString(issued.signingKeyId())
                    .addString(issued.supersedes()));
            return;
        }
        flush(tx); // what follows may read or change the credentials held back
        if (data instanceof SigningKeyAdded added) {
            int applied = tx.preparedQuery(INSERT_SIGNING_KEY).execute(Tuple.of(added.keyId(), added.awardingBodyId(),
                            added.algorithm(), jwk(added.publicKeyJwk()), added.activeFrom().atOffset(ZoneOffset.UTC)))
                    .await().atMost(TIMEOUT).rowCount();
            if (applied == 0) {
                // thrown, so that the runner dead-letters it: visible, and no body can take over another's key
                throw new IllegalStateException("key " + added.keyId() + " of awarding body " + added.awardingBodyId()
                        + " is already published by another awarding body");
            }
        } else if (data instanceof SigningKeyRetired retired) {
            int applied = tx.preparedQuery(RETIRE_SIGNING_KEY).execute(Tuple.of(retired.keyId(), retired.awardingBodyId(),
                            retired.retiredAt().atOffset(ZoneOffset.UTC)))
                    .await().atMost(TIMEOUT).rowCount();
            if (applied == 0) {
                // a body's events are read in order, so its key was added before: this one breaks the contract
                throw new IllegalStateException("awarding body " + retired.awardingBodyId() + " retired key "
                        + retired.keyId() + ", which it never published");
            }
        } else if (data instanceof CredentialRevoked revoked) {
            changeStatus(tx, event, revoked.credentialId(), CredentialStatus.REVOKED, revoked.reason(),
                    revoked.effectiveFrom() != null ? revoked.effectiveFrom() : revoked.revokedAt(), revoked.revokedAt(),
                    revoked.actor());
            if (revoked.supersededBy() != null) {
                tx.preparedQuery("UPDATE registry_credential SET superseded_by = $2 WHERE id = $1")
                        .execute(Tuple.of(revoked.credentialId(), revoked.supersededBy())).await().atMost(TIMEOUT);
            }
        } else if (data instanceof CredentialSuspended suspended) {
            changeStatus(tx, event, suspended.credentialId(), CredentialStatus.SUSPENDED, suspended.reason(),
                    suspended.suspendedAt(), suspended.suspendedAt(), suspended.actor());
        } else if (data instanceof CredentialReinstated reinstated) {
            changeStatus(tx, event, reinstated.credentialId(), CredentialStatus.ACTIVE, reinstated.reason(),
                    reinstated.reinstatedAt(), reinstated.reinstatedAt(), reinstated.actor());
        }
    }

    /** Inserts the new credentials of a batch in one round trip; held until then. */
    @Override
    public void flush(SqlConnection tx) {
        newCredentials.flush(tx);
    }

    private static void changeStatus(SqlConnection tx, EventEnvelope event, String credentialId, CredentialStatus status,
                                     String reason, Instant effectiveFrom, Instant recordedAt, String actor) {
        int changed = tx.preparedQuery("UPDATE registry_credential SET status = $2 WHERE id = $1")
                .execute(Tuple.of(credentialId, status.name())).await().atMost(TIMEOUT).rowCount();
        if (changed == 0) {
            // a credential's events are read in order, so it was issued before: this one breaks the contract
            throw new ContractViolation(status + " for credential " + credentialId + ", which was never issued");
        }
        tx.preparedQuery("""
                        INSERT INTO registry_status_change (event_id, credential_id, status, reason, effective_from,
                                                            recorded_at, actor, version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .execute(Tuple.tuple().addUUID(event.id()).addString(credentialId).addString(status.name())
                        .addString(reason).addOffsetDateTime(effectiveFrom.atOffset(ZoneOffset.UTC))
                        .addOffsetDateTime(recordedAt.atOffset(ZoneOffset.UTC)).addString(actor)
                        .addLong(event.sequence()))
                .await().atMost(TIMEOUT);
    }

    @Override
    public void reset(SqlConnection tx) {
        tx.query("DELETE FROM registry_status_change").execute().await().atMost(TIMEOUT);
        tx.query("DELETE FROM registry_signing_key").execute().await().atMost(TIMEOUT);
        tx.query("DELETE FROM registry_credential").execute().await().atMost(TIMEOUT);
        tx.query("DELETE FROM registry_awarding_body").execute().await().atMost(TIMEOUT);
    }

    private static String jwk(Map<String, Object> publicKeyJwk) {
        try {
            return EventJson.mapper().writeValueAsString(publicKeyJwk);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the public JWK cannot be written as JSON", e);
        }
    }
}

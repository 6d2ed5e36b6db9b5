package eu.microcredentials.registry.projection;

import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.Topic;
import eu.microcredentials.events.data.AccreditationGranted;
import eu.microcredentials.events.data.AccreditationWithdrawn;
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
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * The audit trail: every event of a credential, and every event of an awarding body's keys and
 * accreditation, kept as it came (CloudEvents metadata and data) with who did it, when it was recorded and
 * from when it takes effect. A projection of its own, so that it can be rebuilt apart from the registry.
 */
@ApplicationScoped
public class HistoryProjection implements Projection {
    public static final String NAME = "history";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String INSERT = """
            INSERT INTO registry_event_history (event_id, type, source, subject, sequence, time, topic, concerns,
                                                credential_id, awarding_body_id, key_id, actor, recorded_at,
                                                effective_from, data, kafka_partition, kafka_offset, hash, previous_hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::text::json, $16, $17, $18, $19)
            ON CONFLICT (event_id) DO NOTHING""";
    private final HeldRows entries = new HeldRows(INSERT);

    /** What an event concerns, and its actor and times as the event data says. */
    private record Entry(String concerns, String credentialId, String awardingBodyId, String keyId, String actor,
                         Instant recordedAt, Instant effectiveFrom) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Topic> topics() {
        return Set.of(Topic.CREDENTIALS, Topic.AWARDING_BODIES, Topic.ACCREDITATIONS);
    }

    @Override
    public List<String> tables() {
        return List.of("registry_event_history");
    }

    @Override
    public void apply(SqlConnection tx, EventEnvelope event) {
        apply(tx, event, null);
    }

    /** A rebuild beside the live model records the same: where each event was read and its link (no side effects here). */
    @Override
    public void replay(SqlConnection tx, EventEnvelope event, Delivery delivery) {
        apply(tx, event, delivery);
    }

    /** Keeps where the event was read and its hash chain link too (when known): the audit trail names them. */
    @Override
    public void apply(SqlConnection tx, EventEnvelope event, Delivery delivery) {
        Entry entry = entry(event.decode(), event.time().toInstant());
        entries.hold(tx, Tuple.tuple()
                        .addUUID(event.id())
                        .addString(event.type().type())
                        .addString(event.source().toString())
                        .addString(event.subject())
                        .addLong(event.sequence())
                        .addOffsetDateTime(event.time())
                        .addString(event.topic().topicName())
                        .addString(entry.concerns())
                        .addString(entry.credentialId())
                        .addString(entry.awardingBodyId())
                        .addString(entry.keyId())
                        .addString(entry.actor())
                        .addOffsetDateTime(entry.recordedAt().atOffset(ZoneOffset.UTC))
                        .addOffsetDateTime(entry.effectiveFrom().atOffset(ZoneOffset.UTC))
                        .addString(new String(event.data(), StandardCharsets.UTF_8))
                        .addInteger(delivery == null ? null : delivery.partition())
                        .addLong(delivery == null ? null : delivery.offset())
                        .addString(delivery == null ? null : delivery.hash())
                        .addString(delivery == null ? null : delivery.previousHash()));
    }

    /** Writes the entries of a batch in one round trip (nothing here reads them before). */
    @Override
    public void flush(SqlConnection tx) {
        entries.flush(tx);
    }

    /**
     * The actor is the one the event names (events recorded before issuance, registration and key events
     * carried one have none). A key event has no recorded time of its own (the CloudEvents time stands in).
     */
    private static Entry entry(EventData data, Instant eventTime) {
        if (data instanceof CredentialIssued issued) {
            return new Entry("credential", issued.credentialId(), issued.awardingBodyId(), issued.signingKeyId(),
                    issued.actor(), issued.issuedAt(), issued.issuedAt());
        } else if (data instanceof CredentialRevoked revoked) {
            return new Entry("credential", revoked.credentialId(), revoked.awardingBodyId(), null, revoked.actor(),
                    revoked.revokedAt(), revoked.effectiveFrom() != null ? revoked.effectiveFrom() : revoked.revokedAt());
        } else if (data instanceof CredentialSuspended suspended) {
            return new Entry("credential", suspended.credentialId(), suspended.awardingBodyId(), null, suspended.actor(),
                    suspended.suspendedAt(), suspended.suspendedAt());
        } else if (data instanceof CredentialReinstated reinstated) {
            return new Entry("credential", reinstated.credentialId(), reinstated.awardingBodyId(), null,
                    reinstated.actor(), reinstated.reinstatedAt(), reinstated.reinstatedAt());
        } else if (data instanceof SigningKeyAdded added) {
            return new Entry("signing-key", null, added.awardingBodyId(), added.keyId(), added.actor(), eventTime,
                    added.activeFrom());
        } else if (data instanceof SigningKeyRetired retired) {
            return new Entry("signing-key", null, retired.awardingBodyId(), retired.keyId(), retired.actor(), eventTime,
                    retired.retiredAt());
        } else if (data instanceof AccreditationGranted granted) {
            return new Entry("accreditation", null, granted.awardingBodyId(), null, granted.actor(), granted.decidedAt(),
                    granted.validFrom());
        } else if (data instanceof AccreditationWithdrawn withdrawn) {
            return new Entry("accreditation", null, withdrawn.awardingBodyId(), null, withdrawn.actor(),
                    withdrawn.decidedAt(), withdrawn.effectiveFrom());
        } else if (data instanceof AwardingBodyRegistered registered) {
            return new Entry("awarding-body", null, registered.awardingBodyId(), null, registered.actor(),
                    registered.registeredAt(), registered.registeredAt());
        }
        // a type these topics will carry later: kept, concerning its subject only
        return new Entry("other", null, data.streamId(), null, null, eventTime, eventTime);
    }

    @Override
    public void reset(SqlConnection tx) {
        tx.query("DELETE FROM registry_event_history").execute().await().atMost(TIMEOUT);
    }
}

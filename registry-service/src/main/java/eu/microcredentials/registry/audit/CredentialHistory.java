package eu.microcredentials.registry.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A credential's audit trail: every event of the credential, of the signing key that signed it and of its
 * awarding body's accreditation, oldest recorded first.
 */
public record CredentialHistory(String credentialId, String awardingBodyId, List<Event> events) {

    /**
     * One event as the log holds it.
     *
     * @param id            {@code ce_id}
     * @param type          {@code ce_type}
     * @param source        {@code ce_source}: the service that recorded it
     * @param subject       {@code ce_subject}: its stream (credential or awarding body id), the Kafka key
     * @param sequence      {@code ce_sequence}: its version in that stream
     * @param time          {@code ce_time}: when the event was written
     * @param kafka         where the registry read it
     * @param chain         its link in its stream's hash chain
     * @param concerns      credential, signing-key or accreditation
     * @param actor         who did it, as the event names them; absent for what the awarding body's own
     *                      integration does (issuing, publishing keys)
     * @param reason        why, as the event says (a suspension, reinstatement, revocation or withdrawal); else absent
     * @param recordedAt    when the change was recorded, as the event says
     * @param effectiveFrom from when it takes effect: a revocation's effectiveFrom, an accreditation's validFrom
     *                      or a withdrawal's effectiveFrom, a key's activeFrom or retiredAt; else recordedAt
     * @param data          the event data as published
     */
    public record Event(UUID id, String type, URI source, String subject, long sequence, Instant time,
                        KafkaPosition kafka, ChainLink chain, String concerns, String actor, String reason,
                        Instant recordedAt, Instant effectiveFrom, JsonNode data) {
    }

    /**
     * The topic an event was read from; partition and offset only when the registry was told them (null
     * otherwise: an auditor sees that they were not recorded rather than nothing).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record KafkaPosition(String topic, Integer partition, Long offset) {
    }

    /**
     * The event's link in its stream's hash chain ({@code ce_hash}, {@code ce_prevhash}); null while the
     * registry is not told them.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ChainLink(String hash, String previousHash) {
    }
}

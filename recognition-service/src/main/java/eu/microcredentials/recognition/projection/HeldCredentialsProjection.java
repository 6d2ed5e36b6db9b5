package eu.microcredentials.recognition.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import eu.microcredentials.events.ContractViolation;
import eu.microcredentials.events.EventJson;
import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.Topic;
import eu.microcredentials.events.data.AccreditationGranted;
import eu.microcredentials.events.data.AccreditationWithdrawn;
import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.events.data.CredentialReinstated;
import eu.microcredentials.events.data.CredentialRevoked;
import eu.microcredentials.events.data.CredentialSuspended;
import eu.microcredentials.events.data.EventData;
import eu.microcredentials.eventsourcing.Projection;
import eu.microcredentials.recognition.domain.HeldCredential;
import eu.microcredentials.recognition.following.CredentialFollowing;
import eu.microcredentials.recognition.infrastructure.StackedCredentials;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps, per learner, the credentials recognition decisions are taken on, and the accreditation decisions of their
 * awarding bodies (one projection, so that a reaction to either sees both up to date).
 */
@ApplicationScoped
public class HeldCredentialsProjection implements Projection {
    public static final String NAME = "held-credentials";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String INSERT = """
            INSERT INTO held_credential (id, learner_id, awarding_body_id, title, ects, eqf_level, issuer_countries,
                                         issued_on, status, issued_at, learner_given_name, learner_family_name,
                                         learning_outcomes, quality_assurance_type, assessment_type, supervised,
                                         identity_verification, stacked_on_pathway_id, stacked_on_completion_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::text::jsonb, $14, $15, $16, $17, $18, $19)""";
    private static final String INSERT_ACCREDITATION = """
            INSERT INTO accreditation_decision (event_id, awarding_body_id, version, granted, agency, valid_from,
                                                valid_until, decided_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (event_id) DO NOTHING""";

    private final CredentialFollowing following;
    private final StackedCredentials stackedCredentials;

    public HeldCredentialsProjection(CredentialFollowing following, StackedCredentials stackedCredentials) {
        this.following = following;
        this.stackedCredentials = stackedCredentials;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of("held_credential", "accreditation_decision");
    }

    @Override
    public Set<Topic> topics() {
        return Set.of(Topic.CREDENTIALS, Topic.ACCREDITATIONS);
    }

    @Override
    public void apply(SqlConnection tx, EventEnvelope event) {
        record(tx, event);
        following.follow(tx, event);
    }

    /** During a rebuild beside the live model: the held credentials only, no reaction (those were recorded once). */
    @Override
    public void replay(SqlConnection tx, EventEnvelope event) {
        record(tx, event);
    }

    private void record(SqlConnection tx, EventEnvelope event) {
        EventData data = event.decode();
        if (data instanceof CredentialRevoked revoked) {
            changeStatus(tx, revoked.credentialId(), HeldCredential.Status.REVOKED);
        } else if (data instanceof CredentialSuspended suspended) {
            changeStatus(tx, suspended.credentialId(), HeldCredential.Status.SUSPENDED);
        } else if (data instanceof CredentialReinstated reinstated) {
            changeStatus(tx, reinstated.credentialId(), HeldCredential.Status.ACTIVE);
        } else if (data instanceof CredentialIssued issued) {
            Optional<StackedCredentials.StackedOn> stackedOn = stackedCredentials.of(tx, issued);
            tx.preparedQuery(INSERT).execute(Tuple.tuple()
                    .addString(issued.credentialId())
                    .addString(issued.learner().id())
                    .addString(issued.awardingBodyId())
                    .addString(issued.title())
                    .addBigDecimal(issued.workload().ects())
                    .addInteger(issued.level() == null ? null : issued.level().eqf())
                    .addArrayOfString(issued.issuerCountries().toArray(String[]::new))
                    .addLocalDate(issued.issuedOn())
                    .addString(HeldCredential.Status.ACTIVE.name())
                    .addOffsetDateTime(utc(issued.issuedAt()))
                    .addString(issued.learner().givenName())
                    .addString(issued.learner().familyName())
                    .addString(outcomes(issued))
                    .addString(issued.qualityAssurance().type())
                    .addString(issued.assessment().type())
                    .addBoolean(issued.supervision() == null ? null : issued.supervision().supervised())
                    .addString(issued.supervision() == null ? null : issued.supervision().identityVerification())
                    .addString(stackedOn.map(StackedCredentials.StackedOn::pathwayId).orElse(null))
                    .addString(stackedOn.map(StackedCredentials.StackedOn::completionId).orElse(null)))
                    .await().atMost(TIMEOUT);
        } else if (data instanceof AccreditationGranted granted) {
            accreditation(tx, event, granted.awardingBodyId(), true, granted.qualityAssuranceAgency(),
                    granted.validFrom() != null ? granted.validFrom() : granted.decidedAt(), granted.validUntil(),
                    granted.decidedAt());
        } else if (data instanceof AccreditationWithdrawn withdrawn) {
            accreditation(tx, event, withdrawn.awardingBodyId(), false, withdrawn.qualityAssuranceAgency(),
                    withdrawn.effectiveFrom() != null ? withdrawn.effectiveFrom() : withdrawn.decidedAt(), null,
                    withdrawn.decidedAt());
        }
    }

    private static String outcomes(CredentialIssued issued) {
        try {
            return EventJson.mapper().writeValueAsString(issued.learningOutcomes().stream()
                    .map(o -> new HeldCredential.LearningOutcome(o.description(), o.escoSkill())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the learning outcomes of " + issued.credentialId(), e);
        }
    }

    private static void changeStatus(SqlConnection tx, String credentialId, HeldCredential.Status status) {
        int changed = tx.preparedQuery("UPDATE held_credential SET status = $2 WHERE id = $1")
                .execute(Tuple.of(credentialId, status.name())).await().atMost(TIMEOUT).rowCount();
        if (changed == 0) {
            // a credential's events are read in order, so it was issued before: this one breaks the contract
            throw new ContractViolation(status + " for credential " + credentialId + ", which was never issued");
        }
    }

    private static void accreditation(SqlConnection tx, EventEnvelope event, String awardingBodyId, boolean granted,
                                      String agency, Instant from, Instant until, Instant decidedAt) {
        tx.preparedQuery(INSERT_ACCREDITATION).execute(Tuple.tuple().addUUID(event.id()).addString(awardingBodyId)
                        .addLong(event.sequence()).addBoolean(granted).addString(agency).addOffsetDateTime(utc(from))
                        .addOffsetDateTime(utc(until)).addOffsetDateTime(utc(decidedAt)))
                .await().atMost(TIMEOUT);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    @Override
    public void reset(SqlConnection tx) {
        tx.query("DELETE FROM held_credential").execute().await().atMost(TIMEOUT);
        tx.query("DELETE FROM accreditation_decision").execute().await().atMost(TIMEOUT);
    }
}

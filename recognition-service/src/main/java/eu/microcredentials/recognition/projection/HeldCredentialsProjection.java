package eu.microcredentials.recognition.projection;

import eu.microcredentials.events.ContractViolation;
import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.Topic;
import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.events.data.CredentialReinstated;
import eu.microcredentials.events.data.CredentialRevoked;
import eu.microcredentials.events.data.CredentialSuspended;
import eu.microcredentials.events.data.EventData;
import eu.microcredentials.eventsourcing.Projection;
import eu.microcredentials.recognition.domain.HeldCredential;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Set;

/** Keeps, per learner, the credentials recognition decisions are taken on. */
@ApplicationScoped
public class HeldCredentialsProjection implements Projection {
    public static final String NAME = "held-credentials";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String INSERT = """
            INSERT INTO held_credential (id, learner_id, awarding_body_id, title, ects, eqf_level, issuer_countries,
                                         issued_on, status, issued_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Topic> topics() {
        return Set.of(Topic.CREDENTIALS);
    }

    @Override
    public void apply(SqlConnection tx, EventEnvelope event) {
        EventData data = event.decode();
        if (data instanceof CredentialRevoked revoked) {
            changeStatus(tx, revoked.credentialId(), HeldCredential.Status.REVOKED);
        } else if (data instanceof CredentialSuspended suspended) {
            changeStatus(tx, suspended.credentialId(), HeldCredential.Status.SUSPENDED);
        } else if (data instanceof CredentialReinstated reinstated) {
            changeStatus(tx, reinstated.credentialId(), HeldCredential.Status.ACTIVE);
        }
        if (data instanceof CredentialIssued issued) {
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
                    .addOffsetDateTime(issued.issuedAt().atOffset(ZoneOffset.UTC)))
                    .await().atMost(TIMEOUT);
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

    @Override
    public void reset(SqlConnection tx) {
        tx.query("DELETE FROM held_credential").execute().await().atMost(TIMEOUT);
    }
}

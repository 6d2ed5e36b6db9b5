package eu.microcredentials.recognition.projection;

import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.Topic;
import eu.microcredentials.events.data.CredentialIssued;
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
        if (event.decode() instanceof CredentialIssued issued) {
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
        // lifecycle events change the status once the lifecycle capability lands
    }

    @Override
    public void reset(SqlConnection tx) {
        tx.query("DELETE FROM held_credential").execute().await().atMost(TIMEOUT);
    }
}

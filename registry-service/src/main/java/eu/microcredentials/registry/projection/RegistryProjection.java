package eu.microcredentials.registry.projection;

import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.Topic;
import eu.microcredentials.events.data.AwardingBodyRegistered;
import eu.microcredentials.events.data.CredentialIssued;
import eu.microcredentials.events.data.EventData;
import eu.microcredentials.eventsourcing.Projection;
import eu.microcredentials.registry.domain.CredentialStatus;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Set;

/** Builds the public registry (awarding bodies and credentials) from the issuers' event stream. */
@ApplicationScoped
public class RegistryProjection implements Projection {
    public static final String NAME = "registry";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final String UPSERT_AWARDING_BODY = """
            INSERT INTO registry_awarding_body (id, legal_name, country, website, registered_at, data)
            VALUES ($1, $2, $3, $4, $5, $6::text::json)
            ON CONFLICT (id) DO UPDATE SET legal_name = EXCLUDED.legal_name, country = EXCLUDED.country,
                website = EXCLUDED.website, data = EXCLUDED.data""";
    private static final String INSERT_CREDENTIAL = """
            INSERT INTO registry_credential (id, awarding_body_id, learner_id, title, issuer_countries, issued_on,
                                             status, issued_at, event_id, data)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::json)""";

    @Override
    public String name() {
        return NAME;
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
            tx.preparedQuery(UPSERT_AWARDING_BODY).execute(Tuple.of(registered.awardingBodyId(), registered.legalName(),
                    registered.country(), registered.website(), registered.registeredAt().atOffset(ZoneOffset.UTC), json))
                    .await().atMost(TIMEOUT);
        } else if (data instanceof CredentialIssued issued) {
            tx.preparedQuery(INSERT_CREDENTIAL).execute(Tuple.tuple()
                    .addString(issued.credentialId())
                    .addString(issued.awardingBodyId())
                    .addString(issued.learner().id())
                    .addString(issued.title())
                    .addArrayOfString(issued.issuerCountries().toArray(String[]::new))
                    .addLocalDate(issued.issuedOn())
                    .addString(CredentialStatus.ACTIVE.name())
                    .addOffsetDateTime(issued.issuedAt().atOffset(ZoneOffset.UTC))
                    .addUUID(event.id())
                    .addString(json))
                    .await().atMost(TIMEOUT);
        }
        // other types on these topics (keys, lifecycle) are applied by later capabilities
    }

    @Override
    public void reset(SqlConnection tx) {
        tx.query("DELETE FROM registry_credential").execute().await().atMost(TIMEOUT);
        tx.query("DELETE FROM registry_awarding_body").execute().await().atMost(TIMEOUT);
    }
}

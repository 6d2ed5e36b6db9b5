package eu.microcredentials.recognition.infrastructure;

import eu.microcredentials.events.data.CredentialIssued;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/** Tells a stacked credential, and the pathway it was issued on, from the credentials it is made of. */
@ApplicationScoped
public class StackedCredentials {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * The pathway a credential was issued on, or null for one that is no stacked credential: as credential.issued.v1
     * names it ({@code pathwayCompletion}), or else, for an issuer that names the parts only in the signed credential
     * ({@code hasPart}), the pathway of this learner's completion made of exactly those parts.
     */
    public String pathwayOf(SqlConnection tx, CredentialIssued issued) {
        if (issued.pathwayCompletion() != null) {
            return issued.pathwayCompletion().pathwayId();
        }
        List<String> parts = SignedCredentialParts.of(issued.verifiableCredential());
        if (parts.isEmpty()) {
            return null;
        }
        for (Row row : tx.preparedQuery("""
                        SELECT pathway_id FROM pathway_completion
                        WHERE learner_id = $1 AND parts @> $2 AND parts <@ $2 ORDER BY number DESC, pathway_id LIMIT 1""")
                .execute(Tuple.of(issued.learner().id(), parts.toArray(String[]::new))).await().atMost(TIMEOUT)) {
            return row.getString("pathway_id");
        }
        return null;
    }
}

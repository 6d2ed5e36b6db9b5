package eu.microcredentials.recognition.infrastructure;

import eu.microcredentials.events.data.CredentialIssued;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Tells a stacked credential, and the pathway it was issued on, from the credentials it is made of. */
@ApplicationScoped
public class StackedCredentials {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The pathway completion a stacked credential was issued for. */
    public record StackedOn(String pathwayId, String completionId) {
    }

    /**
     * The completion a credential was issued for, or empty for one that is no stacked credential: as
     * credential.issued.v1 names it ({@code pathwayCompletion}), or else, for an issuer that names the parts only in
     * the signed credential ({@code hasPart}), this learner's completion made of exactly those parts.
     */
    public Optional<StackedOn> of(SqlConnection tx, CredentialIssued issued) {
        if (issued.pathwayCompletion() != null) {
            return Optional.of(new StackedOn(issued.pathwayCompletion().pathwayId(),
                    issued.pathwayCompletion().completionId()));
        }
        List<String> parts = SignedCredentialParts.of(issued.verifiableCredential());
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        for (Row row : tx.preparedQuery("""
                        SELECT pathway_id, completion_id FROM pathway_completion
                        WHERE learner_id = $1 AND parts @> $2 AND parts <@ $2 ORDER BY number DESC, pathway_id LIMIT 1""")
                .execute(Tuple.of(issued.learner().id(), parts.toArray(String[]::new))).await().atMost(TIMEOUT)) {
            return Optional.of(new StackedOn(row.getString("pathway_id"), row.getString("completion_id")));
        }
        return Optional.empty();
    }
}

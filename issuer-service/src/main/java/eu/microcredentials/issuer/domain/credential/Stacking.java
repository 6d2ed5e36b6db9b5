package eu.microcredentials.issuer.domain.credential;

import eu.microcredentials.issuer.domain.CredentialId;
import eu.microcredentials.issuer.domain.Text;
import java.util.List;

/**
 * What a credential stacked on a learning pathway stands on: the pathway, the learner's completion of it
 * it was issued for, and the credentials it is made of ({@code hasPart}, at least one).
 */
public record Stacking(String pathwayId, String completionId, List<CredentialId> parts) {
    public Stacking {
        pathwayId = Text.required(pathwayId, 200);
        completionId = Text.required(completionId, 200);
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("a stacked credential is made of at least one credential");
        }
        parts = List.copyOf(parts);
    }
}

package eu.microcredentials.issuer.domain.awardingbody;

import eu.microcredentials.issuer.domain.AwardingBodyId;
import eu.microcredentials.issuer.domain.Text;
import java.time.Instant;
import java.util.Objects;

/** An awarding body withdraws its agreement to automatic issuance on a learning pathway; later completions are refused. */
public record DisableStacking(AwardingBodyId awardingBodyId, String pathwayId, String actor, Instant at) {
    public DisableStacking {
        Objects.requireNonNull(awardingBodyId, "awardingBodyId");
        pathwayId = PathwayIds.check(pathwayId);
        actor = Text.required(actor, 200);
        Objects.requireNonNull(at, "at");
    }
}

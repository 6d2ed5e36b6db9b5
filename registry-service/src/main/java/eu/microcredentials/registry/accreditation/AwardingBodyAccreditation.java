package eu.microcredentials.registry.accreditation;

import eu.microcredentials.eventsourcing.web.Problem;
import eu.microcredentials.registry.domain.accreditation.Accreditation;
import eu.microcredentials.registry.domain.accreditation.AccreditationDecider;
import eu.microcredentials.registry.domain.accreditation.AccreditationEvent;
import eu.microcredentials.registry.domain.accreditation.RecordAccreditation;
import eu.microcredentials.registry.infrastructure.AccreditationStreams;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The use case of a national registry's operators: record that an awarding body is accredited, or no
 * longer is. One transaction reads the body's country from the read model, loads the accreditation
 * stream, decides and appends at the loaded version (the transaction's first write).
 */
@ApplicationScoped
public class AwardingBodyAccreditation {
    private final Pool pool;
    private final AccreditationStreams streams;

    public AwardingBodyAccreditation(Pool pool, AccreditationStreams streams) {
        this.pool = pool;
        this.streams = streams;
    }

    public Uni<AccreditationView> record(RecordAccreditation command) {
        String id = command.awardingBodyId().value();
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT country FROM registry_awarding_body WHERE id = $1")
                .execute(Tuple.of(id))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        throw Problem.notFound("awarding body", id).exception();
                    }
                    String country = rows.iterator().next().getString("country");
                    return streams.load(tx, command.awardingBodyId()).flatMap(loaded -> {
                        List<AccreditationEvent> decided = AccreditationDecider.decide(command,
                                AccreditationDecider.replay(loaded.events()));
                        List<AccreditationEvent> all = new ArrayList<>(loaded.events());
                        all.addAll(decided);
                        Accreditation after = AccreditationDecider.replay(all);
                        return streams.append(tx, command.awardingBodyId(), loaded.version(), country, decided)
                                .replaceWith(AccreditationView.of(id, after, all));
                    });
                }));
    }
}

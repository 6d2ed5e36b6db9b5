package eu.microcredentials.eventsourcing.quarkus;

import eu.microcredentials.eventsourcing.Projection;
import eu.microcredentials.eventsourcing.RebuildClaim;
import eu.microcredentials.eventsourcing.ShadowRebuild;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The shadow rebuilds this instance started, running one after the other on a thread of their own. Each holds the
 * cluster-wide {@link RebuildClaim} on its read model from its start until it ends, so no two instances rebuild (and
 * swap) the same read model at once.
 */
@ApplicationScoped
public class Rebuilds {
    private final Pool pool;
    private final String bootstrapServers;
    private final Map<String, ShadowRebuild> started = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "shadow-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    public Rebuilds(Pool pool, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.pool = pool;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts a shadow rebuild of the projection; when one of it is already under way here, that one: it
     * replays everything and catches up with the live model before it swaps, so a second would add nothing.
     *
     * @throws UnderWayElsewhere when another instance is rebuilding the projection
     */
    public synchronized ShadowRebuild start(Projection projection) {
        Optional<ShadowRebuild> underWay = started.values().stream().filter(r -> r.projection().equals(projection.name())
                && r.progress().finishedAt() == null).findFirst();
        if (underWay.isPresent()) {
            return underWay.get();
        }
        RebuildClaim claim = RebuildClaim.take(pool, projection.name())
                .orElseThrow(() -> new UnderWayElsewhere(projection.name()));
        ShadowRebuild rebuild = new ShadowRebuild(projection, pool, bootstrapServers);
        started.put(rebuild.id(), rebuild);
        worker.submit(() -> {
            try (claim) {
                rebuild.run();
            }
        });
        return rebuild;
    }

    /** Another instance holds the claim on rebuilding the read model. */
    public static final class UnderWayElsewhere extends RuntimeException {
        UnderWayElsewhere(String projection) {
            super("a rebuild of " + projection + " is under way on another instance; follow it there");
        }
    }

    public Optional<ShadowRebuild> find(String id) {
        return Optional.ofNullable(started.get(id));
    }

    public List<ShadowRebuild.Progress> all() {
        return started.values().stream().map(ShadowRebuild::progress)
                .sorted((a, b) -> a.startedAt().compareTo(b.startedAt())).toList();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        worker.shutdownNow();
    }
}

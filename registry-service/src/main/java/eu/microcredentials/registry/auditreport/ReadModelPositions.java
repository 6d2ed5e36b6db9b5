package eu.microcredentials.registry.auditreport;

import eu.microcredentials.eventsourcing.ProjectionRunner;
import eu.microcredentials.eventsourcing.ProjectionStatus;
import eu.microcredentials.eventsourcing.quarkus.EventSourcingRuntime;
import eu.microcredentials.registry.auditreport.ReadModelFreshness.PartitionPosition;
import eu.microcredentials.registry.auditreport.ReadModelFreshness.ProjectionPosition;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Tells how current the read models are: the positions the projections recorded (shared by every instance
 * of the registry) and the state and lag of this instance's runners.
 */
@ApplicationScoped
public class ReadModelPositions {
    private final AuditReportQueries queries;
    private final EventSourcingRuntime runtime;

    public ReadModelPositions(AuditReportQueries queries, EventSourcingRuntime runtime) {
        this.queries = queries;
        this.runtime = runtime;
    }

    public Uni<ReadModelFreshness> now() {
        return queries.positions().map(positions -> {
            Map<String, ProjectionStatus> running = new TreeMap<>();
            for (ProjectionRunner runner : runtime.runners()) {
                running.put(runner.name(), runner.status());
            }
            TreeMap<String, List<PartitionPosition>> all = new TreeMap<>(positions);
            running.keySet().forEach(name -> all.putIfAbsent(name, List.of()));
            List<ProjectionPosition> projections = new ArrayList<>();
            all.forEach((name, partitions) -> {
                ProjectionStatus status = running.get(name);
                projections.add(new ProjectionPosition(name, latest(partitions),
                        partitions.stream().mapToLong(PartitionPosition::eventsApplied).sum(),
                        status == null ? null : status.state().name(), status == null ? null : status.lag(),
                        partitions));
            });
            Instant lastEventAt = projections.stream().map(ProjectionPosition::lastEventAt).filter(Objects::nonNull)
                    .max(Comparator.naturalOrder()).orElse(null);
            return new ReadModelFreshness(lastEventAt, projections);
        });
    }

    private static Instant latest(List<PartitionPosition> partitions) {
        return partitions.stream().map(PartitionPosition::lastEventAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
    }
}

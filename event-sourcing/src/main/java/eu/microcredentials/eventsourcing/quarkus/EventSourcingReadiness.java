package eu.microcredentials.eventsourcing.quarkus;

import eu.microcredentials.eventsourcing.ProjectionRunner;
import eu.microcredentials.eventsourcing.ProjectionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the outbox relay and every projection runner are working. A projection that lags but
 * progresses is up, with its lag reported; one whose batches keep failing is down.
 */
@Readiness
@ApplicationScoped
public class EventSourcingReadiness implements HealthCheck {
    private final EventSourcingRuntime runtime;

    public EventSourcingReadiness(EventSourcingRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("event-sourcing").up();
        runtime.relay().ifPresent(relay -> {
            health.withData("outbox-relay", relay.lastError() == null ? "publishing" : "failing: " + relay.lastError());
            if (!relay.isRunning() || relay.lastError() != null) {
                health.down();
            }
        });
        for (ProjectionRunner runner : runtime.runners()) {
            ProjectionStatus status = runner.status();
            health.withData("projection." + status.name(), status.state() + ", lag " + Math.max(status.lag(), 0));
            if (status.state() == ProjectionStatus.State.FAILING || status.state() == ProjectionStatus.State.STOPPED) {
                health.down();
            }
        }
        return health.build();
    }
}

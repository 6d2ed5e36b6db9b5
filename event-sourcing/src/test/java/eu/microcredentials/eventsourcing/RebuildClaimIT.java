package eu.microcredentials.eventsourcing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One rebuild of a read model at a time across the instances sharing a database, and none blocked by a dead one. */
class RebuildClaimIT {
    private KernelInfrastructure infra;
    private Vertx otherVertx;
    private Pool otherInstance;

    @BeforeEach
    void twoInstancesOnOneDatabase() {
        infra = KernelInfrastructure.freshDatabase();
        otherVertx = Vertx.vertx();
        otherInstance = infra.pool(otherVertx);
    }

    @AfterEach
    void close() {
        otherInstance.close().await().atMost(Duration.ofSeconds(10));
        otherVertx.close().await().atMost(Duration.ofSeconds(10));
        infra.close();
    }

    @Test
    void anotherInstanceCannotClaimTheSameReadModelUntilTheClaimEnds() {
        Optional<RebuildClaim> first = RebuildClaim.take(infra.pool, "registry");
        assertTrue(first.isPresent());

        assertFalse(RebuildClaim.take(otherInstance, "registry").isPresent(), "the same read model, another instance");
        assertFalse(RebuildClaim.take(infra.pool, "registry").isPresent(), "the same read model, the same instance");
        try (RebuildClaim other = RebuildClaim.take(otherInstance, "history").orElseThrow()) {
            // another read model is rebuilt at the same time
        }

        first.get().close();
        try (RebuildClaim next = RebuildClaim.take(otherInstance, "registry").orElseThrow()) {
            // the claim ended with the rebuild
        }
    }

    @Test
    void aClaimEndsWithTheInstanceThatHeldIt() {
        Vertx dying = Vertx.vertx();
        Pool dyingInstance = infra.pool(dying);
        assertTrue(RebuildClaim.take(dyingInstance, "registry").isPresent());
        assertFalse(RebuildClaim.take(otherInstance, "registry").isPresent());

        // the instance ends without giving the claim up: its connections close, and the lock with them
        dyingInstance.close().await().atMost(Duration.ofSeconds(10));
        dying.close().await().atMost(Duration.ofSeconds(10));

        Optional<RebuildClaim> after = Optional.empty();
        for (int attempt = 0; attempt < 50 && after.isEmpty(); attempt++) {
            after = RebuildClaim.take(otherInstance, "registry"); // the server ends the session a moment after the close
            if (after.isEmpty()) {
                pause();
            }
        }
        assertTrue(after.isPresent(), "the claim of an instance that is gone can be taken");
        after.get().close();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

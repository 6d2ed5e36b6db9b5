package eu.microcredentials.testsupport;

import java.time.Duration;

/** Waits for something that happens asynchronously (a relay, a consumer) by polling it until a deadline. */
public final class Eventually {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    /** Something to check that may throw, e.g. a failed assertion while the condition does not hold yet. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    private Eventually() {
    }

    /** Runs {@code check} until it passes; fails with its last error when {@code timeout} has passed. */
    public static void await(Duration timeout, ThrowingRunnable check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError | Exception e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("still failing after " + timeout + ": " + e.getMessage(), e);
                }
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis()); // the interval between two polls, not a wait for the outcome
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}

package eu.microcredentials.systemtests;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls until an eventually consistent system shows what a test expects, or a deadline passes. */
public final class Eventually {
    private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(500);

    private Eventually() {
    }

    /**
     * Runs the check until it passes (returns without throwing).
     *
     * @param what what is awaited, for the failure message
     * @throws AssertionError after the deadline, with the last failure as cause
     */
    public static void await(Duration deadline, String what, Runnable check) {
        await(deadline, what, () -> {
            check.run();
            return Boolean.TRUE;
        });
    }

    /**
     * Asks until the answer is there: not null, and no exception or assertion failure.
     *
     * @return the first such answer
     */
    public static <T> T await(Duration deadline, String what, Supplier<T> answer) {
        long end = System.nanoTime() + deadline.toNanos();
        Duration pause = FIRST_PAUSE;
        Throwable last = null;
        while (true) {
            try {
                T value = answer.get();
                if (value != null) {
                    return value;
                }
                last = null;
            } catch (AssertionError | RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() >= end) {
                String reason = last == null ? "no answer yet" : last.getMessage();
                throw new AssertionError("not within " + deadline.toMillis() + " ms: " + what + " (last: " + reason + ")", last);
            }
            try {
                Thread.sleep(Math.min(pause.toMillis(), Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while awaiting " + what, e);
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }
}

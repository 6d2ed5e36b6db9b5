package eu.microcredentials.benchmarks;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps a fixed number of requests in flight (each worker sends its next request when the last one
 * answered) through a warm-up and a measured window. Throughput counts what completed inside the
 * window; latency is measured for those requests, from send to answer.
 */
final class ClosedLoop {
    /** A cap so that a service that stops answering cannot hang the run. */
    private static final Duration OVERRUN = Duration.ofSeconds(120);

    /** One request; answers how many items (credentials, verifications) it completed, 0 when it failed. */
    @FunctionalInterface
    interface Request {
        int send() throws Exception;
    }

    /**
     * @param perSecond      items completed in the window per second of it
     * @param windowExtended true when not one request completed within the window, so it was waited for:
     *                       {@code perSecond} is then that request's items over the time it took
     * @param cpu            the CPU each part of the machine spent from the window's opening to its end
     */
    record Outcome(double perSecond, Latencies latencies, long items, long failures, String firstFailure,
                   boolean windowExtended, CpuTime.Spent cpu) {
    }

    private ClosedLoop() {
    }

    /** Runs {@code request} in a loop from {@code concurrency} threads, reading what CPU each part spent in the window. */
    static Outcome run(int concurrency, Duration warmup, Duration duration, CpuTime cpuTime, Request request)
            throws InterruptedException {
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        long hardEnd = end + OVERRUN.toNanos();
        AtomicLong items = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong lastCompletion = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        Latencies latencies = new Latencies();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        for (int i = 0; i < concurrency; i++) {
            workers.execute(() -> {
                while (true) {
                    long now = System.nanoTime();
                    if (now >= hardEnd || now >= end && items.get() > 0) {
                        return;
                    }
                    long sent = System.nanoTime();
                    int done;
                    try {
                        done = request.send();
                    } catch (Exception | AssertionError e) {
                        done = 0;
                        firstFailure.compareAndSet(null, e + (e.getCause() == null ? "" : ", caused by " + e.getCause()));
                    }
                    long answered = System.nanoTime();
                    boolean inWindow = answered >= measureFrom && (answered <= end || items.get() == 0);
                    if (inWindow && done > 0) {
                        items.addAndGet(done);
                        latencies.add(answered - sent);
                        lastCompletion.accumulateAndGet(answered, Math::max);
                    } else if (inWindow) {
                        failures.incrementAndGet();
                    }
                }
            });
        }
        workers.shutdown();
        sleepUntil(measureFrom);
        CpuTime.Snapshot opened = cpuTime.take();
        sleepUntil(end);
        CpuTime.Spent cpu = CpuTime.between(opened, cpuTime.take());
        if (!workers.awaitTermination(warmup.plus(duration).plus(OVERRUN).plusSeconds(60).toSeconds(), TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
        boolean extended = lastCompletion.get() > end;
        long measuredNanos = extended ? lastCompletion.get() - measureFrom : end - measureFrom;
        return new Outcome(items.get() / (measuredNanos / 1e9), latencies, items.get(), failures.get(), firstFailure.get(),
                extended, cpu);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }
}

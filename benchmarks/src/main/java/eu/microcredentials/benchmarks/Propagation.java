package eu.microcredentials.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Scenario 3: at a fixed rate, the time from a request to the issuer until the registry shows its
 * effect. Issuing: from sending {@code POST …/credentials} until {@code GET /api/v1/registry/credentials/{id}}
 * answers 200. Revoking (the credentials just issued): from sending {@code POST /api/v1/credentials/{id}/revocation}
 * until the registry's {@code GET …/verification} says {@code REVOKED}. Each request is timed from the
 * instant the fixed rate gives it, not from when a sender got to it, so a service that falls behind the
 * rate shows as latency (no coordinated omission). The registry is asked every poll interval, so each
 * figure is late by up to one interval. A change not visible within {@link #GIVE_UP}, or not even
 * answered by the time the phase gives up, counts as that long (and as lost).
 */
final class Propagation {
    static final Duration GIVE_UP = Duration.ofSeconds(10);

    private final Platform platform;
    private final Http http;

    /**
     * @param lost     changes that were requested but not visible at the registry within {@link #GIVE_UP}
     * @param lastSeen for the first lost change, the registry's last answer (to tell why)
     */
    record Outcome(Latencies latencies, long requested, long lost, long failures, String firstFailure, String lastSeen,
                   List<String> ids) {
    }

    Propagation(Platform platform, Http http) {
        this.platform = platform;
        this.http = http;
    }

    Outcome issue(Settings settings, int rate) throws InterruptedException {
        int count = rate * (int) settings.propagationTime().toSeconds();
        return atFixedRate(settings, rate, count, i -> {
            String id = http.post(platform.credentials(), platform.awardingBodyKey(), CredentialRequests.one())
                    .expect(201, "issuing a credential").json().path("id").asText();
            return new Change(id, platform.registered(id), answer -> answer.status() == 200);
        });
    }

    Outcome revoke(Settings settings, int rate, List<String> credentialIds) throws InterruptedException {
        return atFixedRate(settings, rate, credentialIds.size(), i -> {
            String id = credentialIds.get(i);
            http.post(platform.revocation(id), platform.awardingBodyKey(), "{\"reason\": \"Issued in error\"}")
                    .expect(200, "revoking " + id);
            return new Change(id, platform.registeredVerification(id),
                    answer -> answer.status() == 200 && "REVOKED".equals(answer.json().path("status").asText()));
        });
    }

    /** A change the issuer accepted, and how to tell that the registry shows it. */
    private record Change(String credentialId, URI registryView, Predicate<Http.Answer> visible) {
    }

    @FunctionalInterface
    private interface Requested {
        Change send(int index) throws Exception;
    }

    private Outcome atFixedRate(Settings settings, int rate, int count, Requested request) throws InterruptedException {
        Latencies latencies = new Latencies();
        Queue<String> ids = new ConcurrentLinkedQueue<>();
        AtomicLong lost = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        AtomicReference<String> lastSeen = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(count);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ExecutorService senders = Executors.newFixedThreadPool(32);
        ScheduledExecutorService pollers = Executors.newScheduledThreadPool(4);
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        try {
            for (int i = 0; i < count; i++) {
                int index = i;
                // each request at its own instant, whatever the earlier ones take: an open loop at a fixed rate
                long due = start + index * period;
                ticker.schedule(() -> senders.execute(() -> {
                    try {
                        Change change = request.send(index);
                        ids.add(change.credentialId());
                        pollers.schedule(new Poll(change, due, latencies, lost, lastSeen, finished, pollers,
                                settings.pollInterval()), settings.pollInterval().toNanos(), TimeUnit.NANOSECONDS);
                    } catch (Exception | AssertionError e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e + (e.getCause() == null ? "" : ", caused by " + e.getCause()));
                        finished.countDown();
                    }
                }), due - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            finished.await(settings.propagationTime().plus(GIVE_UP).plusSeconds(60).toSeconds(), TimeUnit.SECONDS);
        } finally {
            ticker.shutdownNow();
            senders.shutdownNow();
            pollers.shutdownNow();
        }
        // what had not even been answered or seen by then counts as lost, not as nothing
        for (long unfinished = finished.getCount(); unfinished > 0; unfinished--) {
            latencies.add(GIVE_UP.toNanos());
            lost.incrementAndGet();
        }
        return new Outcome(latencies, count, lost.get(), failures.get(), firstFailure.get(), lastSeen.get(), List.copyOf(ids));
    }

    /** Asks the registry once; when the change is not visible yet, asks again one interval later. */
    private final class Poll implements Runnable {
        private final Change change;
        private final long sent;
        private final Latencies latencies;
        private final AtomicLong lost;
        private final AtomicReference<String> lastSeen;
        private final CountDownLatch finished;
        private final ScheduledExecutorService pollers;
        private final Duration interval;

        Poll(Change change, long sent, Latencies latencies, AtomicLong lost, AtomicReference<String> lastSeen,
             CountDownLatch finished, ScheduledExecutorService pollers, Duration interval) {
            this.change = change;
            this.sent = sent;
            this.latencies = latencies;
            this.lost = lost;
            this.lastSeen = lastSeen;
            this.finished = finished;
            this.pollers = pollers;
            this.interval = interval;
        }

        @Override
        public void run() {
            boolean visible;
            String seen;
            try {
                Http.Answer answer = http.get(change.registryView());
                seen = answer.status() + " " + answer.body();
                visible = change.visible().test(answer);
            } catch (RuntimeException e) {
                seen = e.toString();
                visible = false;
            }
            long now = System.nanoTime();
            if (visible) {
                latencies.add(now - sent);
                finished.countDown();
            } else if (now - sent > GIVE_UP.toNanos()) {
                latencies.add(GIVE_UP.toNanos());
                lost.incrementAndGet();
                lastSeen.compareAndSet(null, change.registryView() + " answered " + seen);
                finished.countDown();
            } else {
                pollers.schedule(this, interval.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }
}

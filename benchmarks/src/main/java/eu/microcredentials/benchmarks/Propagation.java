package eu.microcredentials.benchmarks;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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
 * rate shows as latency (no coordinated omission).
 *
 * <p>One watcher looks for every pending change at once: each poll interval it reads the registry's read
 * model ({@code registry_credential}, the table its API answers from) once for all of them, and a change
 * it finds there is then asked for through the registry's API; the change is timed when the API shows it.
 * So the registry answers about one lookup per change, however far behind it is. (Until session 7 each
 * pending change was asked for through the API every interval: the backlog of a registry behind the rate
 * became thousands of lookups a second, which slowed it further.) Each figure is late by up to one
 * interval and one lookup. The interval is the poll interval, or longer while more changes are pending than
 * the watcher looks for in one ({@link #CHECKS_PER_SECOND} a second: 0.2 ms a pending change, so 80 ms with
 * 400 pending), so that the watcher's own work does not grow with the backlog it measures. A change not
 * visible within {@link #GIVE_UP}, or not even answered by the time the phase gives up, counts as that long
 * (and as lost).
 */
final class Propagation {
    static final Duration GIVE_UP = Duration.ofSeconds(10);
    /** The most pending changes the watcher looks for in the read model a second (its rounds get rarer beyond). */
    private static final long CHECKS_PER_SECOND = 5_000;

    private final Platform platform;
    private final Http http;
    private final Infrastructure infrastructure;

    /**
     * @param answered from the instant each request was due until the issuer answered it (the part of
     *                 {@code latencies} spent before the change was even recorded)
     * @param lost     changes that were requested but not visible at the registry within {@link #GIVE_UP}
     * @param lastSeen for the first lost change, the registry's last answer (to tell why)
     */
    record Outcome(Latencies latencies, Latencies answered, long requested, long lost, long failures, String firstFailure, String lastSeen,
                   List<String> ids) {
    }

    Propagation(Platform platform, Http http, Infrastructure infrastructure) {
        this.platform = platform;
        this.http = http;
        this.infrastructure = infrastructure;
    }

    Outcome issue(Settings settings, int rate) throws InterruptedException, SQLException {
        int count = rate * (int) settings.propagationTime().toSeconds();
        return atFixedRate(settings, rate, count, i -> {
            String id = http.post(platform.credentials(), platform.awardingBodyKey(), CredentialRequests.one())
                    .expect(201, "issuing a credential").json().path("id").asText();
            return new Change(id, status -> status != null, platform.registered(id), answer -> answer.status() == 200);
        });
    }

    Outcome revoke(Settings settings, int rate, List<String> credentialIds) throws InterruptedException, SQLException {
        return atFixedRate(settings, rate, credentialIds.size(), i -> {
            String id = credentialIds.get(i);
            http.post(platform.revocation(id), platform.awardingBodyKey(), "{\"reason\": \"Issued in error\"}")
                    .expect(200, "revoking " + id);
            return new Change(id, "REVOKED"::equals, platform.registeredVerification(id),
                    answer -> answer.status() == 200 && "REVOKED".equals(answer.json().path("status").asText()));
        });
    }

    /**
     * A change the issuer accepted, and how to tell that the registry shows it.
     *
     * @param inReadModel given the credential's status in the registry's read model (null: no row), whether
     *                    the change is there to be asked for through the API
     */
    private record Change(String credentialId, Predicate<String> inReadModel, URI registryView,
                          Predicate<Http.Answer> visible) {
    }

    /** A change not yet seen through the registry's API, and the instant its request was due. */
    private record Pending(Change change, long sent) {
    }

    @FunctionalInterface
    private interface Requested {
        Change send(int index) throws Exception;
    }

    private Outcome atFixedRate(Settings settings, int rate, int count, Requested request)
            throws InterruptedException, SQLException {
        Latencies latencies = new Latencies();
        Latencies answered = new Latencies();
        Queue<String> ids = new ConcurrentLinkedQueue<>();
        AtomicLong lost = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        AtomicReference<String> lastSeen = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(count);
        Map<String, Pending> pending = new ConcurrentHashMap<>();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ExecutorService senders = Executors.newFixedThreadPool(32);
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
        ExecutorService lookups = Executors.newFixedThreadPool(4);
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        try (Connection readModel = infrastructure.connect(Platform.REGISTRY_DATABASE)) {
            Watch watch = new Watch(readModel, pending, latencies, lost, lastSeen, finished, lookups, watcher,
                    settings.pollInterval());
            watcher.execute(watch);
            for (int i = 0; i < count; i++) {
                int index = i;
                // each request at its own instant, whatever the earlier ones take: an open loop at a fixed rate
                long due = start + index * period;
                ticker.schedule(() -> senders.execute(() -> {
                    try {
                        Change change = request.send(index);
                        answered.add(System.nanoTime() - due);
                        ids.add(change.credentialId());
                        pending.put(change.credentialId(), new Pending(change, due));
                    } catch (Exception | AssertionError e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e + (e.getCause() == null ? "" : ", caused by " + e.getCause()));
                        finished.countDown();
                    }
                }), due - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            finished.await(settings.propagationTime().plus(GIVE_UP).plusSeconds(60).toSeconds(), TimeUnit.SECONDS);
            watcher.shutdownNow();
            watcher.awaitTermination(10, TimeUnit.SECONDS);
            if (watch.failure != null) {
                firstFailure.compareAndSet(null, "reading the registry's read model: " + watch.failure);
            }
        } finally {
            ticker.shutdownNow();
            senders.shutdownNow();
            watcher.shutdownNow();
            lookups.shutdownNow();
        }
        // what had not even been answered or seen by then counts as lost, not as nothing
        for (long unfinished = finished.getCount(); unfinished > 0; unfinished--) {
            latencies.add(GIVE_UP.toNanos());
            lost.incrementAndGet();
        }
        return new Outcome(latencies, answered, count, lost.get(), failures.get(), firstFailure.get(), lastSeen.get(), List.copyOf(ids));
    }

    /**
     * One round of the watcher: reads the registry's read model once for every pending change, and asks the
     * registry's API for each change found there (and, once, for each that took longer than {@link #GIVE_UP},
     * to tell why). A change is taken out of {@code pending} while it is being asked for and put back when the
     * API does not show it yet, so it is asked for by one lookup at a time.
     */
    private final class Watch implements Runnable {
        private final PreparedStatement statuses;
        private final Connection readModel;
        private final Map<String, Pending> pending;
        private final Latencies latencies;
        private final AtomicLong lost;
        private final AtomicReference<String> lastSeen;
        private final CountDownLatch finished;
        private final ExecutorService lookups;
        private final ScheduledExecutorService watcher;
        private final Duration interval;
        private volatile String failure;

        Watch(Connection readModel, Map<String, Pending> pending, Latencies latencies, AtomicLong lost,
              AtomicReference<String> lastSeen, CountDownLatch finished, ExecutorService lookups,
              ScheduledExecutorService watcher, Duration interval) throws SQLException {
            this.readModel = readModel;
            this.statuses = readModel.prepareStatement("SELECT id, status FROM registry_credential WHERE id = ANY (?)");
            this.pending = pending;
            this.latencies = latencies;
            this.lost = lost;
            this.lastSeen = lastSeen;
            this.finished = finished;
            this.lookups = lookups;
            this.watcher = watcher;
            this.interval = interval;
        }

        @Override
        public void run() {
            try {
                round();
            } finally {
                // a backlog makes the rounds rarer, not the watcher's work a second larger: it looks for at most
                // CHECKS_PER_SECOND pending changes a second
                long delay = Math.max(interval.toNanos(), pending.size() * TimeUnit.SECONDS.toNanos(1) / CHECKS_PER_SECOND);
                try {
                    watcher.schedule(this, delay, TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException stopped) {
                    // the phase is over
                }
            }
        }

        private void round() {
            if (pending.isEmpty()) {
                return;
            }
            Map<String, String> statusOf = new HashMap<>();
            try {
                statuses.setArray(1, readModel.createArrayOf("text", pending.keySet().toArray()));
                try (ResultSet rows = statuses.executeQuery()) {
                    while (rows.next()) {
                        statusOf.put(rows.getString(1), rows.getString(2));
                    }
                }
            } catch (SQLException | RuntimeException e) {
                // not fatal for one round: the changes stay pending (the next round is scheduled all the same),
                // and time out as lost if it persists; the failure is reported with the phase's figures
                failure = e.toString();
                return;
            }
            long now = System.nanoTime();
            for (Pending change : List.copyOf(pending.values())) {
                boolean found = change.change().inReadModel().test(statusOf.get(change.change().credentialId()));
                boolean overdue = now - change.sent() > GIVE_UP.toNanos();
                if ((found || overdue) && pending.remove(change.change().credentialId(), change)) {
                    lookups.execute(() -> lookUp(change));
                }
            }
        }

        private void lookUp(Pending change) {
            boolean visible;
            String seen;
            try {
                Http.Answer answer = http.get(change.change().registryView());
                seen = answer.status() + " " + answer.body();
                visible = change.change().visible().test(answer);
            } catch (RuntimeException e) {
                seen = e.toString();
                visible = false;
            }
            long now = System.nanoTime();
            if (visible) {
                latencies.add(now - change.sent());
                finished.countDown();
            } else if (now - change.sent() > GIVE_UP.toNanos()) {
                latencies.add(GIVE_UP.toNanos());
                lost.incrementAndGet();
                lastSeen.compareAndSet(null, change.change().registryView() + " answered " + seen);
                finished.countDown();
            } else {
                pending.put(change.change().credentialId(), change);
            }
        }
    }
}

package eu.microcredentials.issuer.signing;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Where credentials are signed: one thread per core, off the event loops, so that a batch's thousand
 * signatures do not hold up every request on its loop. Signing is CPU-bound, so more threads than
 * cores would only take turns.
 */
@ApplicationScoped
public class SigningThreads {
    private final int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private final ExecutorService executor;

    public SigningThreads() {
        AtomicInteger count = new AtomicInteger();
        executor = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "signing-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Signs each item on the signing threads (a long list split between them) and answers the results in
     * order, back on the caller's Vert.x context when it has one.
     */
    public <T, R> Uni<List<R>> signAll(List<T> items, Function<T, R> sign) {
        Context caller = Vertx.currentContext();
        int chunks = Math.min(threads, Math.max(1, items.size() / 16));
        int size = (items.size() + chunks - 1) / chunks;
        List<Uni<List<R>>> parts = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            List<T> part = items.subList(from, Math.min(items.size(), from + size));
            parts.add(Uni.createFrom().item(() -> part.stream().map(sign).toList()).runSubscriptionOn(executor));
        }
        Uni<List<R>> signed = parts.isEmpty() ? Uni.createFrom().item(List.of())
                : parts.size() == 1 ? parts.get(0)
                : Uni.combine().all().unis(parts).with(results -> {
                    List<R> all = new ArrayList<>(items.size());
                    for (Object result : results) {
                        @SuppressWarnings("unchecked")
                        List<R> part = (List<R>) result;
                        all.addAll(part);
                    }
                    return all;
                });
        return caller == null ? signed : signed.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }
}

package eu.microcredentials.issuer.issuing;

import eu.microcredentials.eventsourcing.web.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many bulk issuances one instance runs at once. A batch of 10,000 holds its rows, their signed
 * credentials and events in memory until it answers (two at once took up to about 100 MiB of heap); a
 * batch beyond the slots is answered 503 with {@code Retry-After} before it issues anything (its body is
 * read by then), instead of risking the instance's memory. A batch whose client goes away gives its slot
 * back at once, while the chunk being signed (at most 500 rows) finishes.
 */
@ApplicationScoped
public class BulkIssuanceSlots {
    static final URI BUSY = URI.create("https://microcredentials.eu/problems/bulk-issuance-busy");
    private final Semaphore slots;
    private final int size;
    private final int retryAfterSeconds;

    public BulkIssuanceSlots(@ConfigProperty(name = "mc.batches.concurrent", defaultValue = "2") int size,
                             @ConfigProperty(name = "mc.batches.retry-after-s", defaultValue = "5") int retryAfterSeconds) {
        if (size < 1) {
            throw new IllegalArgumentException("mc.batches.concurrent must be 1 or more: " + size);
        }
        this.slots = new Semaphore(size);
        this.size = size;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Runs the batch in a free slot, given back when it ends however it ends; 503 problem when none is free. */
    public <T> Uni<T> run(Supplier<Uni<? extends T>> batch) {
        if (!slots.tryAcquire()) {
            Problem busy = new Problem(BUSY, "Bulk issuance busy", 503, "this instance is already issuing " + size
                    + " batches; send the batch again in " + retryAfterSeconds + " s (with the same Idempotency-Key "
                    + "if it has one)", null, List.of());
            throw new WebApplicationException(Response.fromResponse(busy.response())
                    .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).build());
        }
        return Uni.createFrom().<T>deferred(batch).onTermination().invoke(slots::release);
    }
}

package eu.microcredentials.eventsourcing;

import eu.microcredentials.events.EventEnvelope;
import eu.microcredentials.events.Topic;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.List;
import java.util.Set;

/**
 * A read model built from contract topics. The {@link ProjectionRunner} calls it on its own thread,
 * inside the transaction that also records the consumed position, so implementations may block
 * ({@code .await()}) and must not commit.
 */
public interface Projection {

    /** Stable name: the key of its positions, its consumer group suffix, its metrics tag. */
    String name();

    Set<Topic> topics();

    /**
     * Applies one event. Called at most once per event in effect: the runner has already dropped
     * events it saw before. A runtime exception marks the event as one this projection cannot apply;
     * after retries it goes to the dead-letter topic. A {@code ContractViolation} (an event that cannot
     * be right, such as a status change of a credential never issued) is dead-lettered at once, and the
     * batch goes on; throw it only before writing anything for the event.
     */
    void apply(SqlConnection transaction, EventEnvelope event);

    /**
     * Applies one event, knowing where it was read: a projection that records the event's place in the
     * log or its hash chain link (an audit trail) overrides this one; the runner calls it.
     */
    default void apply(SqlConnection transaction, EventEnvelope event, Delivery delivery) {
        apply(transaction, event);
    }

    /** Where an event was read: topic, partition, offset, and its hash chain link (null when it carries none). */
    record Delivery(String topic, int partition, long offset, String hash, String previousHash) {
    }

    /**
     * Called once the events of a batch were applied (or replayed), in the batch's transaction, before it
     * commits: a projection that holds writes back to send many in one statement sends what it holds
     * here. It must also send them before any other statement it makes in that transaction (which could
     * read them), and hold them per transaction: a rebuild beside the live model applies events at the
     * same time on another thread. A failure here fails the batch, which is then applied event by event.
     */
    default void flush(SqlConnection transaction) {
    }

    /** Deletes every row of the read model, before a rebuild replays the topics from offset 0. */
    void reset(SqlConnection transaction);

    /**
     * The tables of the read model (plain names in the default schema), for its checksum and for a
     * rebuild into a shadow copy while the live one keeps serving. Empty: the projection can only be
     * rebuilt in place.
     */
    default List<String> tables() {
        return List.of();
    }

    /**
     * Applies one event during a shadow rebuild, where the read model's tables resolve to the shadow
     * copy. It must change the read model exactly as {@link #apply} does, but cause no side effect:
     * a projection that reacts to events (appends events of its own, calls out) does that only in
     * {@link #apply}. The default is {@link #apply}, right for projections without side effects.
     */
    default void replay(SqlConnection transaction, EventEnvelope event) {
        apply(transaction, event);
    }

    /** {@link #replay(SqlConnection, EventEnvelope)}, knowing where the event was read (see {@link #apply(SqlConnection, EventEnvelope, Delivery)}). */
    default void replay(SqlConnection transaction, EventEnvelope event, Delivery delivery) {
        replay(transaction, event);
    }
}

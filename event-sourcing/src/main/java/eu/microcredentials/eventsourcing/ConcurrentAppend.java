package eu.microcredentials.eventsourcing;

/** Another writer appended to the stream first: the decision was taken on a stale state and must be retried. */
public class ConcurrentAppend extends RuntimeException {
    public ConcurrentAppend(String streamId, long expectedVersion) {
        super("stream " + streamId + " moved past version " + expectedVersion);
    }
}

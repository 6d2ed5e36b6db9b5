package eu.microcredentials.registry.auditreport;

import java.time.Instant;
import java.util.List;

/**
 * How current the registry's read models were when a report was made: per projection, where it stands on
 * each partition it has read (from the positions recorded with its rows) and, as this instance sees it, how
 * many records are still to be applied.
 *
 * @param lastEventAt the time of the latest event any of them applied; null before any
 */
public record ReadModelFreshness(Instant lastEventAt, List<ProjectionPosition> projections) {

    /**
     * @param lastEventAt   the time of the latest event it applied; null before any
     * @param eventsApplied events applied over all partitions, as recorded with its positions
     * @param state         its state on this instance (STARTING, RUNNING, FAILING, STOPPED); null when this
     *                      instance does not run it
     * @param lag           records on this instance's partitions not yet applied (-1 before the first poll); null
     *                      when this instance does not run it
     */
    public record ProjectionPosition(String name, Instant lastEventAt, long eventsApplied, String state, Long lag,
                                     List<PartitionPosition> partitions) {
    }

    /** The next offset to read on one partition, how many events were applied from it, and when the last was recorded. */
    public record PartitionPosition(String topic, int partition, long nextOffset, long eventsApplied,
                                    Instant lastEventAt) {
    }
}

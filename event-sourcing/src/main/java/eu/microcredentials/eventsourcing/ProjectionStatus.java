package eu.microcredentials.eventsourcing;

import java.util.List;

/**
 * What a projection runner reports about itself, for health checks and the admin API.
 *
 * @param lag                records on its assigned partitions not yet applied (-1 before the first poll)
 * @param assignedPartitions the partitions this instance consumes, as {@code topic-partition}
 * @param lastError          null while healthy
 */
public record ProjectionStatus(String name, State state, long generation, long lag, List<String> assignedPartitions,
                               long eventsApplied, long duplicatesSkipped, long deadLettered, String lastError) {

    public enum State { STARTING, RUNNING, FAILING, STOPPED }
}

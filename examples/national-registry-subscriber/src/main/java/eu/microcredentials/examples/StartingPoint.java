package eu.microcredentials.examples;

import java.time.Instant;
import java.util.Objects;

/** Where a subscription starts reading the partitions it is given the first time. */
public sealed interface StartingPoint {

    /** Where the consumer group left off; a new group starts at the beginning. */
    record Committed() implements StartingPoint {
    }

    /** The first record of every partition, whatever the group committed: a full replay. */
    record Beginning() implements StartingPoint {
    }

    /** The first record of each partition whose Kafka timestamp is at or after {@code time}. */
    record At(Instant time) implements StartingPoint {
        public At {
            Objects.requireNonNull(time, "time");
        }
    }

    static StartingPoint committed() {
        return new Committed();
    }

    static StartingPoint beginning() {
        return new Beginning();
    }

    static StartingPoint at(Instant time) {
        return new At(time);
    }
}

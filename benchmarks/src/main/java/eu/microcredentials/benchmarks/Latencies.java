package eu.microcredentials.benchmarks;

import java.util.Arrays;

/** The latencies of one measured run, in nanoseconds, and their percentiles (nearest rank). */
final class Latencies {
    private long[] values = new long[4096];
    private int size;

    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    synchronized int count() {
        return size;
    }

    /** @param percentile e.g. 50 or 99; NaN when nothing was recorded */
    synchronized double millis(double percentile) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1_000_000.0;
    }
}

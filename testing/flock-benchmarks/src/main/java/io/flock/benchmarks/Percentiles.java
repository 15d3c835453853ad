package io.flock.benchmarks;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a sample of durations in nanoseconds. */
final class Percentiles {
    private final long[] sorted;

    private Percentiles(long[] sorted) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("empty sample");
        }
        this.sorted = sorted;
    }

    static Percentiles of(Collection<Long> nanos) {
        long[] values = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(values);
        return new Percentiles(values);
    }

    static Percentiles of(long[] nanos) {
        long[] values = nanos.clone();
        Arrays.sort(values);
        return new Percentiles(values);
    }

    /** The value at or below which {@code percent} percent of the sample lies (nearest rank). */
    long at(double percent) {
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    long median() {
        return at(50);
    }

    int size() {
        return sorted.length;
    }
}

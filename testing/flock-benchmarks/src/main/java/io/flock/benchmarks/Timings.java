package io.flock.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * Wall-clock durations of the measured runs of one benchmark, with the rows each run returned
 * (the same in every run, or the run fails).
 */
record Timings(List<Long> nanos, long rows) {
    Timings {
        nanos = List.copyOf(nanos);
        if (nanos.isEmpty()) {
            throw new IllegalArgumentException("no measured runs");
        }
    }

    /** A body that does one run and returns the rows it read. */
    @FunctionalInterface
    interface Run {
        long run() throws Exception;
    }

    /** Runs {@code body} {@code warmup} times unmeasured, then {@code runs} times measured. */
    static Timings measure(String name, int warmup, int runs, Run body) throws Exception {
        Long expected = null;
        long[] nanos = new long[runs];
        for (int i = 0; i < warmup + runs; i++) {
            long start = System.nanoTime();
            long rows = body.run();
            long elapsed = System.nanoTime() - start;
            if (expected != null && rows != expected) {
                throw new IllegalStateException(name + " returned " + rows + " rows in run " + (i + 1)
                        + " but " + expected + " before");
            }
            expected = rows;
            if (i >= warmup) {
                nanos[i - warmup] = elapsed;
            }
        }
        return new Timings(Arrays.stream(nanos).boxed().toList(), expected);
    }

    long medianNanos() {
        return Percentiles.of(nanos).median();
    }

    double medianSeconds() {
        return medianNanos() / 1e9;
    }

    double medianMillis() {
        return medianNanos() / 1e6;
    }

    /** Rows per second at the median run. */
    double rowsPerSecond() {
        return rows / medianSeconds();
    }
}

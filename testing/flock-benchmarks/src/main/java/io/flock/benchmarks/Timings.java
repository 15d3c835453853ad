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

    /**
     * Measures two bodies in alternation (a, b, a, b, ...) after warming both up, so that load
     * from outside the benchmark, which comes and goes, weighs on both alike.
     */
    static List<Timings> interleave(String nameA, Run a, String nameB, Run b, int warmup, int runs) throws Exception {
        String[] names = {nameA, nameB};
        Run[] bodies = {a, b};
        long[][] nanos = new long[2][runs];
        long[] rows = {-1, -1};
        for (int i = 0; i < warmup + runs; i++) {
            for (int k = 0; k < 2; k++) {
                long start = System.nanoTime();
                long returned = bodies[k].run();
                long elapsed = System.nanoTime() - start;
                if (rows[k] >= 0 && returned != rows[k]) {
                    throw new IllegalStateException(names[k] + " returned " + returned + " rows in run " + (i + 1)
                            + " but " + rows[k] + " before");
                }
                rows[k] = returned;
                if (i >= warmup) {
                    nanos[k][i - warmup] = elapsed;
                }
            }
        }
        return List.of(new Timings(Arrays.stream(nanos[0]).boxed().toList(), rows[0]),
                new Timings(Arrays.stream(nanos[1]).boxed().toList(), rows[1]));
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

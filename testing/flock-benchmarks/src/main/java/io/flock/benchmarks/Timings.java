package io.flock.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
     * Measures {@code bodies} in alternation (a, b, c, a, b, c, ...) after warming them all up, so
     * that load from outside the benchmark, which comes and goes, weighs on all of them alike.
     * Returns their timings in the order given.
     */
    static List<Timings> interleave(Map<String, Run> bodies, int warmup, int runs) throws Exception {
        List<Map.Entry<String, Run>> entries = List.copyOf(bodies.entrySet());
        long[][] nanos = new long[entries.size()][runs];
        long[] rows = new long[entries.size()];
        Arrays.fill(rows, -1);
        for (int i = 0; i < warmup + runs; i++) {
            for (int k = 0; k < entries.size(); k++) {
                long start = System.nanoTime();
                long returned = entries.get(k).getValue().run();
                long elapsed = System.nanoTime() - start;
                if (rows[k] >= 0 && returned != rows[k]) {
                    throw new IllegalStateException(entries.get(k).getKey() + " returned " + returned + " rows in run "
                            + (i + 1) + " but " + rows[k] + " before");
                }
                rows[k] = returned;
                if (i >= warmup) {
                    nanos[k][i - warmup] = elapsed;
                }
            }
        }
        List<Timings> timings = new ArrayList<>();
        for (int k = 0; k < entries.size(); k++) {
            timings.add(new Timings(Arrays.stream(nanos[k]).boxed().toList(), rows[k]));
        }
        return timings;
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

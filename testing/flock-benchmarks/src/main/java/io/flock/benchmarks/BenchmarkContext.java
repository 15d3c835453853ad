package io.flock.benchmarks;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What every benchmark needs: the options, the Flock server and the embedded DuckDB database
 * (both already loaded with {@link BenchmarkData}), an Arrow allocator, and where to report
 * progress.
 */
record BenchmarkContext(BenchmarkOptions options, FlockEndpoint flock, EmbeddedDuckDb duckDb,
                        BufferAllocator allocator, PrintStream progress) {
    BenchmarkContext {
        requireNonNull(options, "options is null");
        requireNonNull(flock, "flock is null");
        requireNonNull(duckDb, "duckDb is null");
        requireNonNull(allocator, "allocator is null");
        requireNonNull(progress, "progress is null");
    }

    /** Runs {@code body} after printing what it measures. */
    Timings measure(String name, int warmup, Timings.Run body) throws Exception {
        progress.printf("  %s: %d warm-up + %d measured runs%n", name, warmup, options.measuredRuns());
        Timings timings = Timings.measure(name, warmup, options.measuredRuns(), body);
        progress.printf("    median %.3f s, %d rows%n", timings.medianSeconds(), timings.rows());
        return timings;
    }
}

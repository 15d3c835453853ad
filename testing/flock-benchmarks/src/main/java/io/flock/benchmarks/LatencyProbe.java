package io.flock.benchmarks;

import java.util.concurrent.ThreadLocalRandom;

/** A single-row query whose round trip the latency benchmark times. */
enum LatencyProbe {
    /** A lookup of one random id in table {@code t} (DuckDB prunes by the zone maps of the sorted id). */
    POINT_LOOKUP("point lookup by id") {
        @Override
        String nextQuery(long rows) {
            return BenchmarkData.pointQuery(ThreadLocalRandom.current().nextLong(rows));
        }
    },
    /** A constant query: the protocol and query-lifecycle overhead alone. */
    SELECT_ONE("SELECT 1") {
        @Override
        String nextQuery(long rows) {
            return "SELECT 1";
        }
    };

    private final String label;

    LatencyProbe(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The SQL of the next probe; ids are literals, as each query is a fresh statement. */
    abstract String nextQuery(long rows);
}

package io.flock.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/**
 * Runs the upsert benchmark once at a tiny scale so it does not rot: the benchmark itself checks
 * that the table holds the expected rows afterwards. Never asserts on timings.
 */
class TestUpsertBenchmarkSmoke {
    @Test
    void upsertsRunThroughTheEngineAndLandInTheTable() throws Exception {
        for (boolean keyIndex : new boolean[] {true, false}) {
            for (UpsertBenchmark.Path via : UpsertBenchmark.Path.values()) {
                ByteArrayOutputStream progress = new ByteArrayOutputStream();
                UpsertBenchmark.Figures figures = UpsertBenchmark.flock(20_000, 3, 1000, "1s", "1500", keyIndex, via,
                        java.util.Map.of(), new PrintStream(progress, true, StandardCharsets.UTF_8));
                assertThat(figures.upserts()).isEqualTo(3000);
                assertThat(figures.tableRows()).isEqualTo(20_000);
                assertThat(progress.toString(StandardCharsets.UTF_8)).contains("3,000 upserts into 20,000 rows")
                        .contains("key_index = " + keyIndex);
            }
        }
    }

    @Test
    void theLimitUpsertsTheSameBatchesIntoEmbeddedDuckDbEachWay() throws Exception {
        try (BufferAllocator allocator = new RootAllocator()) {
            for (EmbeddedUpserts.Strategy strategy : EmbeddedUpserts.Strategy.values()) {
                ByteArrayOutputStream progress = new ByteArrayOutputStream();
                // fails itself unless the table then holds the loaded rows plus each batch's new keys
                double rate = EmbeddedUpserts.run(strategy, 20_000, 3, 1000, allocator,
                        new PrintStream(progress, true, StandardCharsets.UTF_8));
                assertThat(rate).isPositive();
                assertThat(progress.toString(StandardCharsets.UTF_8)).contains("3,000 upserts into 20,000 rows");
            }
        }
    }

    @Test
    void batchesMixExistingAndNewKeys() {
        long rows = 1000;
        long existing = 0;
        for (int i = 0; i < 100; i++) {
            long key = UpsertBenchmark.key(rows, 100, 7, i);
            if (key < rows) {
                existing++;
            } else {
                assertThat(key).isEqualTo(rows + 7 * 50 + (i - 50));
            }
        }
        assertThat(existing).isEqualTo(50);
    }
}

package io.flock.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the ingest benchmark once at a tiny scale so it does not rot (it checks row counts itself). */
class TestIngestBenchmarkSmoke {
    @Test
    void ingestBenchmarkRunsAndCountsEveryRow() throws Exception {
        List<IngestBenchmark.Line> lines = IngestBenchmark.run(3_000, 1_000, 20, null,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(lines).extracting(IngestBenchmark.Line::path).contains("Flock SDK rows, AUTO_FLUSH_BACKGROUND, 1000-row batches",
                "Flock SDK apply(VectorSchemaRoot), 1k-row batches", "Flock SDK AUTO_FLUSH_SYNC",
                "DuckDB embedded (file), appender", "DuckDB embedded (file), INSERT from 1k-row Arrow batches");
        assertThat(lines).allMatch(l -> l.value() > 0);
    }
}

package io.flock.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the bulk benchmark once at a tiny scale (without PostgreSQL) so it does not rot: every
 * export and import row, Flock's and embedded DuckDB's, whose row counts the benchmark checks
 * itself. CSV imports are cut into
 * 64 KB pieces, so several pieces are parsed while the upload arrives. Never asserts on timings.
 */
class TestBulkBenchmarkSmoke {
    @Test
    void everyBulkRowRunsOnce() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        System.setOut(new PrintStream(table, true, StandardCharsets.UTF_8));
        try {
            BulkBenchmarkMain.main(new String[] {"--rows", "10000", "--runs", "1", "--property",
                    "bulk.import-piece-size=64KB"});
        } finally {
            System.setOut(original);
        }
        String printed = table.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("10,000 rows x 6 columns");
        for (String operation : List.of("export", "import")) {
            for (String format : List.of("csv", "csv.gz", "parquet")) {
                for (String path : List.of("Flock HTTP, 1 stream", "Flock HTTP, 4 parts")) {
                    assertThat(printed).contains("| " + operation + " " + format + " | " + path + " |");
                }
            }
            for (String format : List.of("csv", "parquet")) {
                assertThat(printed).containsPattern("\\| " + operation + " " + format + " \\| DuckDB embedded, COPY (TO|FROM)"
                        + " file \\|");
                // Flock's rows are set against the limit in the same direction and format
                assertThat(printed).containsPattern("\\| " + operation + " " + format
                        + " \\| Flock HTTP, 1 stream( \\| [0-9.]+){3} \\| — \\| [0-9.]+× \\|");
            }
        }
    }
}

package io.flock.engine.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.engine.sql.ClassifiedStatement;
import io.flock.engine.sql.StatementKind;
import io.flock.engine.worker.Execution;
import io.flock.spi.DataSize;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second line of defence: statements that got past Flock's checks still cannot reach files,
 * the network, extensions or settings, because each DuckDB instance is locked down.
 */
class TestDuckDbSandbox {
    private static final DuckDbSettings SETTINGS = new DuckDbSettings(DataSize.ofMegabytes(256), 1, 2, 1024);

    private static void assertRefused(DuckDbWorker worker, String sql, String message) {
        ClassifiedStatement unchecked = new ClassifiedStatement(StatementKind.QUERY, sql, List.of(), false);
        try (RootAllocator allocator = new RootAllocator()) {
            assertThatThrownBy(() -> {
                try (Execution execution = worker.prepare("db", unchecked, List.of(), allocator)) {
                    execution.run();
                    execution.reader().orElseThrow().loadNextBatch();
                }
            }).isInstanceOfSatisfying(FlockException.class, e -> {
                assertThat(e.getMessage()).as(sql).contains(message);
                assertThat(e.errorCode()).as(sql).isIn(ErrorCode.PERMISSION_DENIED, ErrorCode.DATA_ERROR,
                        ErrorCode.INVALID_QUERY);
            });
        }
    }

    @Test
    void lockedInstanceRefusesFilesNetworkExtensionsAndSettings(@TempDir Path dir) {
        try (DuckDbWorker worker = new DuckDbWorker(dir, SETTINGS)) {
            worker.createDatabase("db");
            assertRefused(worker, "SELECT * FROM read_text('/etc/passwd')", "file system operations are disabled");
            assertRefused(worker, "SELECT * FROM read_csv('http://169.254.169.254/latest')", "file system operations are disabled");
            assertRefused(worker, "SELECT * FROM glob('" + dir + "/*')", "file system operations are disabled");
            assertRefused(worker, "COPY (SELECT 1) TO '" + dir.resolve("x.csv") + "'", "file system operations are disabled");
            assertRefused(worker, "INSTALL httpfs", "file system operations are disabled");
            assertRefused(worker, "SET enable_external_access = true", "the configuration has been locked");
            assertRefused(worker, "ATTACH '" + dir.resolve("other.duckdb") + "' AS o", "file system operations are disabled");
            assertThat(dir.resolve("x.csv")).doesNotExist();
            assertThat(dir.resolve("other.duckdb")).doesNotExist();
        }
    }
}

package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.flock.client.QueryResult;
import io.flock.client.ingest.IngestOptions;
import io.flock.client.ingest.IngestStream;
import io.flock.client.ingest.RowOperation;
import io.flock.client.ingest.StreamMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Why the SDK's default batch is one DuckDB row group ({@link IngestOptions#DEFAULT_MAX_BUFFER_ROWS}):
 * a stream's batches of that size are written compressed straight to the database file, leaving
 * next to nothing in the write-ahead log (so nothing to write again at the checkpoint), while
 * smaller batches go through the log. Observed as the growth of the database's log file.
 */
class TestIngestRowGroups {
    private static final int ROWS = 2 * IngestOptions.DEFAULT_MAX_BUFFER_ROWS;
    /** The same rows uncompressed in the log: about 20 bytes each, more than 4 MB. */
    private static final long LOGGED_ROWS_BYTES = 4L << 20;

    @RegisterExtension
    static final FlockServerExtension flock = new FlockServerExtension();

    @BeforeEach
    void table() {
        flock.client().executeUpdate("CREATE OR REPLACE TABLE events (id BIGINT NOT NULL, name VARCHAR)");
        flock.client().executeUpdate("CHECKPOINT");
    }

    @Test
    void batchesOfTheDefaultSizeBypassTheWriteAheadLog() {
        long logBefore = logBytes();
        ingest(IngestOptions.defaults());
        assertThat(logBytes() - logBefore).as("growth of the write-ahead log for %s rows", ROWS)
                .isLessThan(LOGGED_ROWS_BYTES / 4);
    }

    @Test
    void smallerBatchesGoThroughTheWriteAheadLog() {
        long logBefore = logBytes();
        // one batch in flight: batches that wait together are written as one group, which may
        // reach a row group and skip the log, so how many did depended on timing
        ingest(IngestOptions.builder().maxBufferRows(50_000).maxBuffersInFlight(1).build());
        assertThat(logBytes() - logBefore).as("growth of the write-ahead log for %s rows", ROWS)
                .isGreaterThan(LOGGED_ROWS_BYTES);
    }

    private static void ingest(IngestOptions options) {
        try (IngestStream stream = flock.client().openStream("default_db", "events", StreamMode.APPEND_ONLY, options)) {
            for (long id = 0; id < ROWS; id++) {
                stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", id).setString("name", "row " + id));
            }
        }
        try (QueryResult result = flock.client().execute("SELECT count(*), count(DISTINCT id) FROM events")) {
            var row = result.rows().next();
            assertThat(row.getLong(0)).isEqualTo(ROWS);
            assertThat(row.getLong(1)).isEqualTo(ROWS);
        }
    }

    /** The size of the write-ahead log of database {@code default_db} (0 when there is none). */
    private static long logBytes() {
        try (Stream<Path> files = Files.walk(flock.server().dataDirectory())) {
            return files.filter(file -> file.getFileName().toString().equals("default_db.duckdb.wal"))
                    .mapToLong(TestIngestRowGroups::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

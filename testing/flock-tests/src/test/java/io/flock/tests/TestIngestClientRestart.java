package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.flock.client.ingest.FlushMode;
import io.flock.client.ingest.IngestOptions;
import io.flock.client.ingest.IngestStream;
import io.flock.client.ingest.RowOperation;
import io.flock.client.ingest.StreamMode;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly once across a restart of the client: a resumed stream tells how many of its rows the
 * server committed ({@link IngestStream#committedRows()}), so a client replaying its source skips
 * those — also the rows of batches committed but never acknowledged when the client died. Through
 * the SDK in-process, and through {@code flock ingest} in a separate JVM killed with kill -9.
 */
class TestIngestClientRestart {
    @RegisterExtension
    static final FlockServerExtension flock = new FlockServerExtension();
    private ChildJvms jvms;

    @AfterEach
    void cleanUp() throws Exception {
        if (jvms != null) {
            jvms.close();
        }
    }

    @Test
    void aResumedStreamTellsTheRowsItCommittedAndAReplaySkipsThem() {
        flock.client().executeUpdate("CREATE OR REPLACE TABLE r (id BIGINT NOT NULL)");
        IngestOptions first = IngestOptions.builder().flushMode(FlushMode.MANUAL_FLUSH).streamId("replay-1").build();
        try (IngestStream stream = flock.client().openStream("default_db", "r", StreamMode.APPEND_ONLY, first)) {
            assertThat(stream.committedRows()).hasValue(0);
            for (int i = 0; i < 7_000; i++) {
                stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", i));
                if (i % 1_000 == 999) {
                    stream.flush();
                }
            }
        }
        // the client "restarts" and replays its source from the start
        try (IngestStream stream = flock.client().openStream("default_db", "r", StreamMode.APPEND_ONLY,
                IngestOptions.builder().streamId("replay-1").build())) {
            assertThat(stream.committedRows()).hasValue(7_000);
            for (long i = stream.committedRows().getAsLong(); i < 10_000; i++) {
                stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", i));
            }
        }
        assertThat(TestIngestExactlyOnce.count(flock.client(), "SELECT count(*) FROM r")).isEqualTo(10_000);
        assertThat(TestIngestExactlyOnce.count(flock.client(), "SELECT count(DISTINCT id) FROM r")).isEqualTo(10_000);
        // another stream into the same table counts its own rows only
        try (IngestStream other = flock.client().openStream("default_db", "r", StreamMode.APPEND_ONLY,
                IngestOptions.builder().streamId("replay-2").build())) {
            assertThat(other.committedRows()).hasValue(0);
        }
    }

    @Test
    void aCdcStreamCountsUpsertsAndDeletes() {
        flock.client().executeUpdate("CREATE OR REPLACE TABLE k (id BIGINT PRIMARY KEY, v VARCHAR)");
        try (IngestStream stream = flock.client().openStream("default_db", "k", StreamMode.CDC,
                IngestOptions.builder().streamId("cdc-count").build())) {
            for (int i = 0; i < 100; i++) {
                stream.apply(stream.createRow(RowOperation.UPSERT).setLong("id", i).setString("v", "v" + i));
            }
            for (int i = 0; i < 40; i++) {
                stream.apply(stream.createRow(RowOperation.DELETE_IGNORE).setLong("id", i));
            }
        }
        try (IngestStream stream = flock.client().openStream("default_db", "k", StreamMode.CDC,
                IngestOptions.builder().streamId("cdc-count").build())) {
            assertThat(stream.committedRows()).hasValue(140);
        }
        assertThat(TestIngestExactlyOnce.count(flock.client(), "SELECT count(*) FROM k")).isEqualTo(60);
    }

    @Test
    void aStreamRecordedBeforeRowsWereCountedResumesWithAnUnknownCount() {
        flock.client().executeUpdate("CREATE OR REPLACE TABLE o (id BIGINT NOT NULL)");
        flock.client().executeUpdate("DROP TABLE IF EXISTS main.__flock_stream_positions");
        // the record as an earlier version kept it: no committed_rows column
        flock.client().executeUpdate("CREATE TABLE main.__flock_stream_positions (stream_id VARCHAR PRIMARY KEY,"
                + " table_name VARCHAR NOT NULL, last_sequence BIGINT NOT NULL, updated_at TIMESTAMPTZ NOT NULL)");
        flock.client().executeUpdate("INSERT INTO main.__flock_stream_positions VALUES ('old-1', 'main.o', 4, now())");
        try (IngestStream stream = flock.client().openStream("default_db", "o", StreamMode.APPEND_ONLY,
                IngestOptions.builder().streamId("old-1").build())) {
            assertThat(stream.committedRows()).isEmpty();
            stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", 1));
        }
        try (IngestStream again = flock.client().openStream("default_db", "o", StreamMode.APPEND_ONLY,
                IngestOptions.builder().streamId("old-1").build());
             IngestStream fresh = flock.client().openStream("default_db", "o", StreamMode.APPEND_ONLY,
                     IngestOptions.builder().streamId("new-1").build())) {
            assertThat(again.committedRows()).as("still unknown: its earlier rows were never counted").isEmpty();
            assertThat(fresh.committedRows()).hasValue(0);
        }
        assertThat(TestIngestExactlyOnce.count(flock.client(), "SELECT count(*) FROM o")).isEqualTo(1);
    }

    @Test
    void aCliKilledWithKillNineAndRunAgainOnTheSameInputStoresEveryRowOnce() throws Exception {
        jvms = new ChildJvms("flock-ingest-client-kill-");
        flock.client().executeUpdate("CREATE OR REPLACE TABLE events (id BIGINT NOT NULL, name VARCHAR)");
        int rows = 400_000;
        Path input = jvms.work().resolve("events.csv");
        try (BufferedWriter writer = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            writer.write("id,name\n");
            for (int i = 0; i < rows; i++) {
                writer.write(i + ",name-" + i + "\n");
            }
        }
        Process first = ingest(input, 1);
        // kill -9 once rows are stored and while batches are in flight (background flushing)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (count("SELECT count(*) FROM events") == 0 && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, acknowledgements lost
        first.waitFor(30, TimeUnit.SECONDS);
        long storedBeforeRerun = count("SELECT count(*) FROM events");
        assertThat(storedBeforeRerun).as("the first run died midway").isBetween(1L, (long) rows - 1);

        Process second = ingest(input, 2);
        assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String log = jvms.log("ingest-2.log");
        assertThat(second.exitValue()).as(log).isZero();
        assertThat(log).contains("the first " + storedBeforeRerun + " input rows were skipped");
        assertThat(count("SELECT count(*) FROM events")).isEqualTo(rows);
        assertThat(count("SELECT count(DISTINCT id) FROM events")).isEqualTo(rows);
        assertThat(count("SELECT max(id) FROM events")).isEqualTo(rows - 1);
    }

    /** {@code flock ingest --resume} in a JVM of its own, reading {@code input}, always as the same stream. */
    private Process ingest(Path input, int n) throws Exception {
        return jvms.start("ingest-" + n + ".log", Map.of("FLOCK_HOST", flock.server().host(), "FLOCK_PORT",
                Integer.toString(flock.server().port()), "FLOCK_TOKEN", flock.server().adminToken()), input, "io.flock.server.FlockMain",
                "ingest", "--table", "events", "--stream-id", "events-loader", "--resume", "--batch-rows", "2000");
    }

    private static long count(String sql) {
        return TestIngestExactlyOnce.count(flock.client(), sql);
    }
}

package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.client.FlockClient;
import io.flock.client.ingest.FlushMode;
import io.flock.client.ingest.IngestOptions;
import io.flock.client.ingest.IngestStatus;
import io.flock.client.ingest.IngestStream;
import io.flock.client.ingest.RowErrors;
import io.flock.client.ingest.RowOperation;
import io.flock.client.ingest.StreamMode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The buffering options of ingest streams do what IngestOptions documents: the flush interval sends
 * a background buffer nobody flushes, the byte limit bounds a buffer long before its row limit, and
 * the error collector keeps at most its limit and says it overflowed.
 */
class TestIngestOptions {
    @RegisterExtension
    static final FlockServerExtension flock = new FlockServerExtension();

    @BeforeEach
    void table() {
        flock.client().executeUpdate("CREATE OR REPLACE TABLE opts (id BIGINT NOT NULL, payload VARCHAR(600))");
    }

    @Test
    void theFlushIntervalSendsABackgroundBufferNobodyFlushes() throws Exception {
        IngestOptions options = IngestOptions.builder().flushMode(FlushMode.AUTO_FLUSH_BACKGROUND)
                .flushInterval(Duration.ofMillis(200)).build();
        try (IngestStream stream = flock.client().openStream("default_db", "opts", StreamMode.APPEND_ONLY, options)) {
            for (int i = 0; i < 10; i++) {
                stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", i));
            }
            // far below the row and byte limits: only the interval can send these rows
            awaitCount(10);
            assertThat(stream.acknowledgedRows()).isEqualTo(10);
        }
    }

    @Test
    void theByteLimitBoundsTheBuffer() throws Exception {
        String payload = "x".repeat(500);
        IngestOptions manual = IngestOptions.builder().flushMode(FlushMode.MANUAL_FLUSH).maxBufferRows(100_000)
                .maxBufferBytes(64 * 1024).build();
        int applied = 0;
        try (IngestStream stream = flock.client().openStream("default_db", "opts", StreamMode.APPEND_ONLY, manual)) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 100_000; i++) {
                    stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", i).setString("payload", payload));
                }
            }).isInstanceOf(IllegalStateException.class).hasMessageContaining("is full");
            applied = stream.bufferedRows();
        }
        // 64 KiB of 500-byte values: about 130 rows, not the 100,000 the row limit allows
        assertThat(applied).isBetween(50, 200);
        assertThat(TestIngestExactlyOnce.count(flock.client(), "SELECT count(*) FROM opts")).isEqualTo(applied);

        flock.client().executeUpdate("DELETE FROM opts");
        IngestOptions background = IngestOptions.builder().flushMode(FlushMode.AUTO_FLUSH_BACKGROUND)
                .maxBufferRows(100_000).maxBufferBytes(64 * 1024).flushInterval(Duration.ofHours(1)).build();
        try (IngestStream stream = flock.client().openStream("default_db", "opts", StreamMode.APPEND_ONLY, background)) {
            for (int i = 0; i < 1_000; i++) {
                stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", i).setString("payload", payload));
            }
            // neither flush() nor the interval: full buffers were sent on their own
            awaitCount(500);
        }
        assertThat(TestIngestExactlyOnce.count(flock.client(), "SELECT count(*) FROM opts")).isEqualTo(1_000);
    }

    @Test
    void theErrorCollectorKeepsItsLimitAndSaysItOverflowed() {
        IngestOptions options = IngestOptions.builder().flushMode(FlushMode.MANUAL_FLUSH).maxCollectedErrors(3)
                .build();
        try (IngestStream stream = flock.client().openStream("default_db", "opts", StreamMode.APPEND_ONLY, options)) {
            for (int i = 0; i < 5; i++) {
                stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", i).setString("payload", "y".repeat(700)));
            }
            assertThatThrownBy(stream::flush).isInstanceOf(io.flock.client.ingest.FlockIngestException.class);
            RowErrors errors = stream.pendingErrors();
            assertThat(errors.errors()).hasSize(3)
                    .allSatisfy(e -> assertThat(e.status()).isEqualTo(IngestStatus.PRECHECK_FAILED));
            assertThat(errors.overflowed()).isTrue();
            // taken: the collector starts empty again
            assertThat(stream.pendingErrors().errors()).isEmpty();
            assertThat(stream.pendingErrors().overflowed()).isFalse();
        }
        assertThat(TestIngestExactlyOnce.count(flock.client(), "SELECT count(*) FROM opts")).isZero();
    }

    @Test
    void batchesWithDifferentColumnsAreNotCountedAsRetries() throws Exception {
        IngestOptions options = IngestOptions.builder().flushMode(FlushMode.MANUAL_FLUSH).streamId("columns-vary").build();
        try (IngestStream stream = flock.client().openStream("default_db", "opts", StreamMode.APPEND_ONLY, options)) {
            for (int batch = 0; batch < 4; batch++) {
                // every other batch leaves the payload out: the SDK sends it on a call of its own
                for (int i = 0; i < 10; i++) {
                    var row = stream.createRow(RowOperation.INSERT).setLong("id", batch * 10 + i);
                    stream.apply(batch % 2 == 0 ? row : row.setString("payload", "p"));
                }
                stream.flush();
            }
        }
        try (FlockClient system = AdminClients.of(flock.server(), "flock")) {
            assertThat(TestIngestExactlyOnce.count(system, "SELECT batches FROM ingest_streams"
                    + " WHERE stream_id = 'columns-vary'")).isEqualTo(4);
            assertThat(TestIngestExactlyOnce.count(system, "SELECT retries FROM ingest_streams"
                    + " WHERE stream_id = 'columns-vary'")).isZero();
        }
    }

    private static void awaitCount(long rows) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (TestIngestExactlyOnce.count(flock.client(), "SELECT count(*) FROM opts") < rows && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(TestIngestExactlyOnce.count(flock.client(), "SELECT count(*) FROM opts")).isGreaterThanOrEqualTo(rows);
    }
}

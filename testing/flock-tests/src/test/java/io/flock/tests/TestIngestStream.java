package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.client.FlockClient;
import io.flock.client.FlockQueryException;
import io.flock.client.QueryResult;
import io.flock.client.Row;
import io.flock.client.ingest.FlockIngestException;
import io.flock.client.ingest.FlushMode;
import io.flock.client.ingest.IngestOptions;
import io.flock.client.ingest.IngestRow;
import io.flock.client.ingest.IngestStatus;
import io.flock.client.ingest.IngestStream;
import io.flock.client.ingest.RowError;
import io.flock.client.ingest.RowErrors;
import io.flock.client.ingest.RowOperation;
import io.flock.client.ingest.StreamMode;
import io.flock.testing.TestingFlockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Append-only ingest streams through the SDK: every flush mode, acknowledgement = visible,
 * resuming by stream id, rules of modes and operations, atomic validation errors naming row and
 * column, concurrent streams, and schema change while a stream is open.
 */
class TestIngestStream {
    private static TestingFlockServer server;
    private static FlockClient client;

    @BeforeAll
    static void start() {
        server = TestingFlockServer.create();
        client = client();
    }

    static FlockClient client() {
        return AdminClients.of(server, "default_db");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @BeforeEach
    void table() {
        client.executeUpdate("CREATE OR REPLACE TABLE events (id BIGINT NOT NULL, name VARCHAR(8), note VARCHAR DEFAULT 'none')");
    }

    @ParameterizedTest
    @EnumSource(FlushMode.class)
    void everyFlushModeDeliversEveryRowOnceInOrder(FlushMode mode) {
        IngestOptions options = IngestOptions.builder().flushMode(mode).maxBufferRows(7).maxBuffersInFlight(3).build();
        try (IngestStream stream = client.openStream("default_db", "events", StreamMode.APPEND_ONLY, options)) {
            for (int i = 0; i < 50; i++) {
                stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", i).setString("name", "n" + i));
                if (mode == FlushMode.MANUAL_FLUSH && stream.bufferedRows() == 7) {
                    stream.flush();
                }
            }
            if (mode == FlushMode.AUTO_FLUSH_SYNC) {
                // acknowledged = visible to the next query, before any flush
                assertThat(count("SELECT count(*) FROM events")).isEqualTo(50);
            }
            stream.flush();
            assertThat(stream.acknowledgedRows()).isEqualTo(50);
        }
        // in apply() order: the table's insertion order (rowid) is the ids' order, with several batches in flight
        List<Long> expected = java.util.stream.LongStream.range(0, 50).boxed().toList();
        assertThat(longs("SELECT id FROM events ORDER BY rowid")).containsExactlyElementsOf(expected);
        assertThat(strings("SELECT DISTINCT note FROM events")).containsExactly("none");
    }

    @Test
    void manualFlushRefusesRowsBeyondAFullBuffer() {
        IngestOptions options = IngestOptions.builder().flushMode(FlushMode.MANUAL_FLUSH).maxBufferRows(2).build();
        try (IngestStream stream = client.openStream("default_db", "events", StreamMode.APPEND_ONLY, options)) {
            stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", 1));
            stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", 2));
            assertThatThrownBy(() -> stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", 3)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("is full").hasMessageContaining("flush()");
            assertThat(count("SELECT count(*) FROM events")).isZero();
            stream.flush();
            assertThat(count("SELECT count(*) FROM events")).isEqualTo(2);
        }
    }

    @Test
    void aResumedStreamContinuesAfterTheLastAppliedBatch() {
        String id;
        try (IngestStream stream = client.openStream("default_db", "events", StreamMode.APPEND_ONLY,
                IngestOptions.builder().maxBufferRows(10).build())) {
            id = stream.streamId();
            for (int i = 0; i < 25; i++) {
                stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", i));
            }
        }
        try (FlockClient other = client();
             IngestStream resumed = other.openStream("default_db", "events", StreamMode.APPEND_ONLY,
                     IngestOptions.builder().streamId(id).build())) {
            assertThat(resumed.streamId()).isEqualTo(id);
            resumed.apply(resumed.createRow(RowOperation.INSERT).setLong("id", 100));
        }
        assertThat(count("SELECT count(*) FROM events")).isEqualTo(26);
        // the position table is hidden from metadata
        assertThat(client.tables("default_db")).noneMatch(t -> t.name().startsWith("__flock"));
    }

    @Test
    void stopOnFailureAppliesNothingAfterTheFailedBatch() {
        IngestOptions options = IngestOptions.builder().maxBufferRows(5).stopOnFailure(true)
                .flushInterval(java.time.Duration.ofHours(1)).build(); // batches of exactly five rows
        IngestStream stream = client.openStream("default_db", "events", StreamMode.APPEND_ONLY, options);
        for (int id = 0; id < 200; id++) {
            stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", id)
                    .setString("name", id == 42 ? "far too long" : "n"));
        }
        assertThatThrownBy(stream::flush).isInstanceOfSatisfying(FlockIngestException.class, e -> {
            assertThat(e.status()).isEqualTo(IngestStatus.PRECHECK_FAILED);
            assertThat(e.firstRow()).isEqualTo(40);
            assertThat(e.serverMessage()).contains("row 2 of the batch (row 42 of the stream)");
        });
        // rows applied after the failure are not sent either
        stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", 1000));
        assertThatThrownBy(stream::close).isInstanceOf(FlockIngestException.class).hasMessageContaining("Not sent");
        assertThat(longs("SELECT id FROM events ORDER BY id")).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, 40).boxed().toList());
        RowErrors errors = stream.pendingErrors();
        assertThat(errors.errors()).hasSize(161);
        assertThat(errors.errors().subList(0, 5)).allMatch(r -> r.status() == IngestStatus.PRECHECK_FAILED);
        assertThat(errors.errors().subList(5, 161)).allMatch(r -> r.status() == IngestStatus.FAILED
                && r.message().startsWith("Not sent: batch 8 of ingest stream"));
        assertThat(errors.errors()).extracting(RowError::rowIndex).containsExactlyElementsOf(
                java.util.stream.LongStream.range(40, 201).boxed().toList());
    }

    @Test
    void aBadRowRejectsItsWholeBatchNamingRowAndColumn() {
        IngestOptions options = IngestOptions.builder().flushMode(FlushMode.MANUAL_FLUSH).build();
        try (IngestStream stream = client.openStream("default_db", "events", StreamMode.APPEND_ONLY, options)) {
            stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", 1).setString("name", "ok"));
            stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", 2).setString("name", "far too long"));
            stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", 3));
            assertThatThrownBy(stream::flush).isInstanceOfSatisfying(FlockIngestException.class, e -> {
                assertThat(e.status()).isEqualTo(IngestStatus.PRECHECK_FAILED);
                assertThat(e.errorName()).isEqualTo("PRECHECK_FAILED");
                assertThat(e.getMessage()).contains("row 1 of the batch").contains("column 'name'")
                        .contains("VARCHAR(8)").contains("nothing of it applied");
            });
            RowErrors errors = stream.pendingErrors();
            assertThat(errors.errors()).hasSize(3).allMatch(r -> r.status() == IngestStatus.PRECHECK_FAILED);
            assertThat(errors.errors().get(1).row().orElseThrow().toString()).contains("far too long");
            assertThat(errors.overflowed()).isFalse();
            // NOT NULL, and the stream goes on after a rejected batch
            stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", 5));
            stream.apply(stream.createRow(RowOperation.INSERT).setNull("id").setString("name", "no id"));
            assertThatThrownBy(stream::flush).isInstanceOf(FlockIngestException.class)
                    .hasMessageContaining("row 1 of the batch (row 4 of the stream)")
                    .hasMessageContaining("column 'id' (NOT NULL) is null");
            // a batch without the column at all: DuckDB's refusal, still naming the column, still atomic
            stream.apply(stream.createRow(RowOperation.INSERT).setString("name", "no id"));
            assertThatThrownBy(stream::flush).isInstanceOf(FlockIngestException.class)
                    .hasMessageContaining("NOT NULL constraint failed: events.id");
            stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", 4));
            stream.flush();
        }
        assertThat(longs("SELECT id FROM events")).containsExactly(4L);
    }

    @Test
    void rowSettersCheckTheColumnAtOnce() {
        try (IngestStream stream = client.openStream("default_db", "events", StreamMode.APPEND_ONLY,
                IngestOptions.defaults())) {
            IngestRow row = stream.createRow(RowOperation.INSERT);
            assertThatThrownBy(() -> row.setLong("missing", 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has no column 'missing'").hasMessageContaining("id, name, note");
            assertThatThrownBy(() -> row.setString("id", "x")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Column 'id' of type BIGINT");
            assertThatThrownBy(() -> stream.createRow(RowOperation.UPSERT)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("APPEND_ONLY stream takes only INSERT");
        }
    }

    @Test
    void modesMustFitTheTable() {
        client.executeUpdate("CREATE OR REPLACE TABLE keyed (k BIGINT PRIMARY KEY, v VARCHAR)");
        assertThatThrownBy(() -> client.openStream("default_db", "keyed", StreamMode.APPEND_ONLY, IngestOptions.defaults()))
                .isInstanceOf(FlockQueryException.class).hasMessageContaining("has a primary key (k)")
                .hasMessageContaining("open a CDC stream");
        assertThatThrownBy(() -> client.openStream("default_db", "events", StreamMode.CDC, IngestOptions.defaults()))
                .isInstanceOf(FlockQueryException.class).hasMessageContaining("has no primary key");
        assertThatThrownBy(() -> client.openStream("default_db", "nope", StreamMode.APPEND_ONLY, IngestOptions.defaults()))
                .isInstanceOf(FlockQueryException.class).hasMessageContaining("'default_db.main.nope' does not exist");
    }

    @Test
    void concurrentStreamsIntoOneTable() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                int base = s * 10_000;
                done.add(pool.submit(() -> {
                    try (IngestStream stream = client.openStream("default_db", "events", StreamMode.APPEND_ONLY,
                            IngestOptions.builder().maxBufferRows(500).build())) {
                        for (int i = 0; i < 3_000; i++) {
                            stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", base + i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT count(*) FROM events")).isEqualTo(12_000);
        assertThat(count("SELECT count(DISTINCT id) FROM events")).isEqualTo(12_000);
    }

    @Test
    void addColumnWhileAStreamIsOpen() {
        try (IngestStream open = client.openStream("default_db", "events", StreamMode.APPEND_ONLY,
                IngestOptions.builder().flushMode(FlushMode.AUTO_FLUSH_SYNC).build())) {
            open.apply(open.createRow(RowOperation.INSERT).setLong("id", 1));
            client.executeUpdate("ALTER TABLE events ADD COLUMN extra INTEGER DEFAULT 7");
            open.apply(open.createRow(RowOperation.INSERT).setLong("id", 2));
            try (IngestStream fresh = client.openStream("default_db", "events", StreamMode.APPEND_ONLY,
                    IngestOptions.builder().flushMode(FlushMode.AUTO_FLUSH_SYNC).build())) {
                fresh.apply(fresh.createRow(RowOperation.INSERT).setLong("id", 3).setLong("extra", 30));
            }
            open.apply(open.createRow(RowOperation.INSERT).setLong("id", 4));
        }
        assertThat(strings("SELECT id || ':' || extra FROM events ORDER BY id")).containsExactly("1:7", "2:7", "3:30", "4:7");
    }

    @Test
    void streamCountersAreATableOfTheSystemDatabase() {
        String id;
        try (IngestStream stream = client.openStream("default_db", "events", StreamMode.APPEND_ONLY,
                IngestOptions.builder().flushMode(FlushMode.MANUAL_FLUSH).build())) {
            id = stream.streamId();
            for (int i = 0; i < 3; i++) {
                stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", i));
                stream.flush();
            }
            stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", 9).setString("name", "too long name"));
            assertThatThrownBy(stream::flush).isInstanceOf(FlockIngestException.class);
        }
        try (FlockClient system = FlockClient.builder().host(server.host()).port(server.port())
                .token(server.adminToken()).database("flock").build();
             QueryResult result = system.execute("SELECT table_name, mode, rows, batches, rejected, duplicates,"
                     + " last_sequence, bytes > 0 FROM ingest_streams WHERE stream_id = ?", id)) {
            Row row = result.rows().next();
            assertThat(row.getString(0)).isEqualTo("main.events");
            assertThat(row.getString(1)).isEqualTo("APPEND_ONLY");
            assertThat(row.getLong(2)).isEqualTo(3);
            assertThat(row.getLong(3)).isEqualTo(3);
            assertThat(row.getLong(4)).isEqualTo(1);
            assertThat(row.getLong(5)).isZero();
            assertThat(row.getLong(6)).isEqualTo(2);
            assertThat(row.getBoolean(7)).isTrue();
        }
    }

    static long count(String sql) {
        try (QueryResult result = client.execute(sql)) {
            return result.rows().next().getLong(0);
        }
    }

    static List<Long> longs(String sql) {
        List<Long> values = new ArrayList<>();
        try (QueryResult result = client.execute(sql)) {
            result.rows().forEachRemaining((Row r) -> values.add(r.getLong(0)));
        }
        return values;
    }

    static List<String> strings(String sql) {
        List<String> values = new ArrayList<>();
        try (QueryResult result = client.execute(sql)) {
            result.rows().forEachRemaining((Row r) -> values.add(r.getString(0)));
        }
        return values;
    }
}

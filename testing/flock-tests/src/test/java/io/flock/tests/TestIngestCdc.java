package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flock.client.QueryResult;
import io.flock.client.Row;
import io.flock.client.ingest.FlockIngestException;
import io.flock.client.ingest.FlushMode;
import io.flock.client.ingest.IngestOptions;
import io.flock.client.ingest.IngestStatus;
import io.flock.client.ingest.IngestStream;
import io.flock.client.ingest.RowOperation;
import io.flock.client.ingest.StreamMode;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CDC streams into primary-key tables: the table after a random mix of upserts and deletes equals
 * the same operations applied to an in-memory model, also with a lost acknowledgement's re-send
 * (resumed stream), with the deltas folded in parts of at most 300 rows. They run on the
 * primary-key storage (UPSERT/DELETE writes in the worker); a
 * server without it answers NOT_SUPPORTED, and the tests are then skipped by an assumption.
 */
class TestIngestCdc {
    @RegisterExtension
    static final FlockServerExtension flock = new FlockServerExtension(
            // Small folds: a backlog of 300 rows wakes the compaction, and larger ones are folded in parts.
            builder -> builder.property("storage.compaction-rows", "300"));

    @BeforeEach
    void table() {
        flock.client().executeUpdate("CREATE OR REPLACE TABLE kv (k BIGINT PRIMARY KEY, v VARCHAR, n INTEGER)");
        try (IngestStream probe = flock.client().openStream("default_db", "kv", StreamMode.CDC,
                IngestOptions.builder().flushMode(FlushMode.AUTO_FLUSH_SYNC).build())) {
            probe.apply(probe.createRow(RowOperation.DELETE_IGNORE).setLong("k", -1));
        } catch (FlockIngestException e) {
            assumeTrue(!e.errorName().equals("NOT_SUPPORTED"), "primary-key writes are not merged yet: " + e.getMessage());
            throw e;
        }
    }

    @Test
    void randomUpsertsAndDeletesEqualAnInMemoryModel() {
        Map<Long, String> model = new TreeMap<>();
        Random random = new Random(42);
        try (IngestStream stream = flock.client().openStream("default_db", "kv", StreamMode.CDC,
                IngestOptions.builder().maxBufferRows(97).build())) {
            for (int i = 0; i < 5_000; i++) {
                long key = random.nextInt(500);
                if (random.nextInt(4) == 0) {
                    stream.apply(stream.createRow(RowOperation.DELETE_IGNORE).setLong("k", key));
                    model.remove(key);
                } else {
                    String value = "v" + i;
                    stream.apply(stream.createRow(RowOperation.UPSERT).setLong("k", key).setString("v", value)
                            .setInt("n", i));
                    model.put(key, value);
                }
            }
        }
        Map<Long, String> table = new TreeMap<>();
        try (QueryResult result = flock.client().execute("SELECT k, v FROM kv")) {
            result.rows().forEachRemaining((Row r) -> table.put(r.getLong(0), r.getString(1)));
        }
        assertThat(table).isEqualTo(model);
    }

    @Test
    void aResumedCdcStreamAppliesEachBatchOnce() {
        String id;
        try (IngestStream stream = flock.client().openStream("default_db", "kv", StreamMode.CDC,
                IngestOptions.builder().flushMode(FlushMode.MANUAL_FLUSH).build())) {
            id = stream.streamId();
            stream.apply(stream.createRow(RowOperation.UPSERT).setLong("k", 1).setString("v", "a"));
            stream.flush();
        }
        try (IngestStream resumed = flock.client().openStream("default_db", "kv", StreamMode.CDC,
                IngestOptions.builder().streamId(id).flushMode(FlushMode.MANUAL_FLUSH).build())) {
            resumed.apply(resumed.createRow(RowOperation.UPSERT).setLong("k", 1).setString("v", "b"));
            resumed.apply(resumed.createRow(RowOperation.DELETE_IGNORE).setLong("k", 2));
            resumed.flush();
        }
        try (QueryResult result = flock.client().execute("SELECT v FROM kv WHERE k = 1")) {
            assertThat(result.rows().next().getString(0)).isEqualTo("b");
        }
    }

    @Test
    void deletesCarryOnlyTheKeyEvenWithANotNullColumn() {
        flock.client().executeUpdate("CREATE OR REPLACE TABLE kvn (k BIGINT PRIMARY KEY, v VARCHAR NOT NULL, n INTEGER)");
        IngestOptions manual = IngestOptions.builder().flushMode(FlushMode.MANUAL_FLUSH).build();
        try (IngestStream stream = flock.client().openStream("default_db", "kvn", StreamMode.CDC, manual)) {
            for (long k = 1; k <= 4; k++) {
                stream.apply(stream.createRow(RowOperation.UPSERT).setLong("k", k).setString("v", "a" + k));
            }
            stream.flush();
            // upserts and deletes mixed in one batch: the deletes leave v NULL
            stream.apply(stream.createRow(RowOperation.DELETE_IGNORE).setLong("k", 2));
            stream.apply(stream.createRow(RowOperation.UPSERT).setLong("k", 5).setString("v", "a5"));
            stream.apply(stream.createRow(RowOperation.UPSERT).setLong("k", 1).setString("v", "b1"));
            stream.apply(stream.createRow(RowOperation.DELETE_IGNORE).setLong("k", 99));
            stream.flush();
            // a batch of deletes only: it carries no v at all
            stream.apply(stream.createRow(RowOperation.DELETE_IGNORE).setLong("k", 3));
            stream.apply(stream.createRow(RowOperation.DELETE_IGNORE).setLong("k", 100));
            stream.flush();
            // a delete that names v as NULL explicitly
            stream.apply(stream.createRow(RowOperation.DELETE_IGNORE).setLong("k", 4).setNull("v"));
            stream.apply(stream.createRow(RowOperation.UPSERT).setLong("k", 6).setString("v", "a6"));
            stream.flush();
            assertThat(stream.countPendingErrors()).isZero();
        }
        assertThat(pairs("SELECT k, v FROM kvn")).isEqualTo(Map.of(1L, "b1", 5L, "a5", 6L, "a6"));
    }

    @Test
    void upsertsStillNeedTheirNotNullColumnsAndDeletesTheirKey() {
        flock.client().executeUpdate("CREATE OR REPLACE TABLE kvn (k BIGINT PRIMARY KEY, v VARCHAR NOT NULL)");
        IngestOptions manual = IngestOptions.builder().flushMode(FlushMode.MANUAL_FLUSH).build();
        try (IngestStream stream = flock.client().openStream("default_db", "kvn", StreamMode.CDC, manual)) {
            stream.apply(stream.createRow(RowOperation.UPSERT).setLong("k", 3).setString("v", "x"));
            stream.apply(stream.createRow(RowOperation.DELETE_IGNORE).setLong("k", 1));
            stream.apply(stream.createRow(RowOperation.UPSERT).setLong("k", 2));
            assertThatThrownBy(stream::flush).isInstanceOfSatisfying(FlockIngestException.class, e -> {
                assertThat(e.status()).isEqualTo(IngestStatus.PRECHECK_FAILED);
                assertThat(e.getMessage()).contains("row 2 of the batch").contains("column 'v' (NOT NULL) is null");
            });
            stream.apply(stream.createRow(RowOperation.DELETE_IGNORE).setNull("k"));
            assertThatThrownBy(stream::flush).isInstanceOfSatisfying(FlockIngestException.class, e -> {
                assertThat(e.status()).isEqualTo(IngestStatus.PRECHECK_FAILED);
                assertThat(e.getMessage()).contains("row 0 of the batch").contains("primary-key column 'k' is null");
            });
        }
        assertThat(pairs("SELECT k, v FROM kvn")).isEmpty();
    }

    private static Map<Long, String> pairs(String sql) {
        Map<Long, String> table = new TreeMap<>();
        try (QueryResult result = flock.client().execute(sql)) {
            result.rows().forEachRemaining((Row r) -> table.put(r.getLong(0), r.getString(1)));
        }
        return table;
    }
}

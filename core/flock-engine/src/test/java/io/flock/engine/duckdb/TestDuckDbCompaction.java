package io.flock.engine.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.flock.engine.sql.ClassifiedStatement;
import io.flock.engine.sql.StatementKind;
import io.flock.engine.worker.Execution;
import io.flock.engine.worker.TableWrite;
import io.flock.spi.DataSize;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deltas of primary-key tables: the background compaction folds them without any statement,
 * at once when enough rows are pending, and a delta left by a closed worker is found and folded by
 * the next one.
 */
class TestDuckDbCompaction {
    private static DuckDbSettings settings(Duration compactionInterval) {
        return new DuckDbSettings(DataSize.ofMegabytes(256), 1, 4, 1024, DataSize.ofMegabytes(256),
                compactionInterval);
    }

    @Test
    void backgroundCompactionFoldsWithoutAStatement(@TempDir Path dir) throws Exception {
        try (DuckDbWorker worker = new DuckDbWorker(dir, settings(Duration.ofMillis(50)));
             BufferAllocator allocator = new RootAllocator()) {
            worker.createDatabase("db");
            execute(worker, "CREATE TABLE kv (id BIGINT PRIMARY KEY, name VARCHAR)", allocator);
            execute(worker, "INSERT INTO kv VALUES (1, 'old')", allocator);
            upsert(worker, allocator, new long[] {1, 2}, new String[] {"new", "two"});
            // Nothing runs on the database now: only the compaction can empty the delta.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (worker.pendingChanges("db") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(worker.pendingChanges("db")).isFalse();
            assertThat(query(worker, "SELECT id, name FROM kv ORDER BY id", allocator))
                    .containsExactly("1=new", "2=two");
        }
    }

    @Test
    void keyedWritesFoldFirstOnceTheLimitOfPendingRowsIsReached(@TempDir Path dir) throws Exception {
        // No background fold in this test (interval of an hour, wake-up far away): only the writes'
        // own back-pressure can fold the delta.
        DuckDbSettings settings = new DuckDbSettings(DataSize.ofMegabytes(256), 1, 4, 1024, DataSize.ofMegabytes(256),
                Duration.ofHours(1), 1_000_000, 6);
        try (DuckDbWorker worker = new DuckDbWorker(dir, settings);
             BufferAllocator allocator = new RootAllocator()) {
            worker.createDatabase("db");
            execute(worker, "CREATE TABLE kv (id BIGINT PRIMARY KEY, name VARCHAR)", allocator);
            List<Long> pendingAfterEachWrite = new ArrayList<>();
            for (long id = 0; id < 20; id += 2) {
                upsert(worker, allocator, new long[] {id, id + 1}, new String[] {"v" + id, "v" + (id + 1)});
                pendingAfterEachWrite.add(worker.pendingRows("db"));
            }
            // 2, 4, 6 pending; the 4th write finds 6 and folds them first, then adds its 2; and so on.
            assertThat(pendingAfterEachWrite).containsExactly(2L, 4L, 6L, 2L, 4L, 6L, 2L, 4L, 6L, 2L);
            assertThat(query(worker, "SELECT count(*), count(DISTINCT name) FROM kv", allocator)).containsExactly("20=20");
        }
    }

    @Test
    void aBacklogOfCompactionRowsIsFoldedWithoutWaitingForTheInterval(@TempDir Path dir) throws Exception {
        DuckDbSettings settings = new DuckDbSettings(DataSize.ofMegabytes(256), 1, 4, 1024, DataSize.ofMegabytes(256),
                Duration.ofHours(1), 4);
        try (DuckDbWorker worker = new DuckDbWorker(dir, settings);
             BufferAllocator allocator = new RootAllocator()) {
            worker.createDatabase("db");
            execute(worker, "CREATE TABLE kv (id BIGINT PRIMARY KEY, name VARCHAR)", allocator);
            upsert(worker, allocator, new long[] {1, 2}, new String[] {"a", "b"});
            // Below the limit, with an interval of an hour, nothing folds the delta.
            assertThat(worker.pendingChanges("db")).isTrue();
            upsert(worker, allocator, new long[] {3, 1}, new String[] {"c", "d"});
            // Four rows pending: the write woke the compaction, no statement runs.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (worker.pendingChanges("db") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(worker.pendingChanges("db")).isFalse();
            assertThat(query(worker, "SELECT id, name FROM kv ORDER BY id", allocator))
                    .containsExactly("1=d", "2=b", "3=c");
        }
    }

    @Test
    void aBacklogFoldedInSeveralTransactionsAppliesEveryChangeInOrder(@TempDir Path dir) throws Exception {
        // Folds of at most 3 delta rows each: most writes leave a backlog folded in several parts,
        // some by the woken compaction, some by the query that finds it.
        DuckDbSettings settings = new DuckDbSettings(DataSize.ofMegabytes(256), 1, 4, 1024, DataSize.ofMegabytes(256),
                Duration.ofHours(1), 3);
        Random random = new Random(20261122);
        Map<Long, String> model = new TreeMap<>();
        try (DuckDbWorker worker = new DuckDbWorker(dir, settings);
             BufferAllocator allocator = new RootAllocator()) {
            worker.createDatabase("db");
            execute(worker, "CREATE TABLE kv (id BIGINT PRIMARY KEY, name VARCHAR)", allocator);
            for (int write = 0; write < 40; write++) {
                int rows = 1 + random.nextInt(8);
                long[] ids = new long[rows];
                String[] names = new String[rows];
                String[] ops = new String[rows];
                for (int i = 0; i < rows; i++) {
                    ids[i] = random.nextInt(6);
                    names[i] = "w" + write + "r" + i;
                    ops[i] = random.nextInt(4) == 0 ? "DELETE" : "UPSERT";
                    if (ops[i].equals("DELETE")) {
                        model.remove(ids[i]);
                    } else {
                        model.put(ids[i], names[i]);
                    }
                }
                changes(worker, allocator, ids, names, ops);
                if (write % 4 == 3) {
                    List<String> expected = new ArrayList<>();
                    model.forEach((id, name) -> expected.add(id + "=" + name));
                    assertThat(query(worker, "SELECT id, name FROM kv ORDER BY id", allocator))
                            .as("after write %d", write)
                            .containsExactlyElementsOf(expected);
                    assertThat(worker.pendingChanges("db")).isFalse();
                }
            }
        }
    }

    @Test
    void aDeltaLeftByAClosedWorkerIsFoldedByTheNextOne(@TempDir Path dir) throws Exception {
        try (BufferAllocator allocator = new RootAllocator()) {
            try (DuckDbWorker worker = new DuckDbWorker(dir, settings(Duration.ofHours(1)))) {
                worker.createDatabase("db");
                execute(worker, "CREATE TABLE kv (id BIGINT PRIMARY KEY, name VARCHAR)", allocator);
                upsert(worker, allocator, new long[] {1, 2, 1}, new String[] {"a", "b", "c"});
                assertThat(worker.pendingChanges("db")).isTrue();
            }
            try (DuckDbWorker worker = new DuckDbWorker(dir, settings(Duration.ofHours(1)))) {
                assertThat(worker.pendingChanges("db")).isTrue();
                assertThat(query(worker, "SELECT id, name FROM kv ORDER BY id", allocator))
                        .containsExactly("1=c", "2=b");
                assertThat(worker.pendingChanges("db")).isFalse();
                // Sequence numbers continue after the restart: the newer write wins.
                upsert(worker, allocator, new long[] {2}, new String[] {"d"});
                assertThat(query(worker, "SELECT id, name FROM kv ORDER BY id", allocator))
                        .containsExactly("1=c", "2=d");
            }
        }
    }

    private static void execute(DuckDbWorker worker, String sql, BufferAllocator allocator) {
        ClassifiedStatement statement = new ClassifiedStatement(StatementKind.DDL, sql, List.of(), false);
        try (Execution execution = worker.prepare("db", statement, List.of(), allocator)) {
            execution.run();
        }
    }

    private static List<String> query(DuckDbWorker worker, String sql, BufferAllocator allocator) throws IOException {
        ClassifiedStatement statement = new ClassifiedStatement(StatementKind.QUERY, sql, List.of(), false);
        List<String> rows = new ArrayList<>();
        try (Execution execution = worker.prepare("db", statement, List.of(), allocator)) {
            execution.run();
            ArrowReader reader = execution.reader().orElseThrow();
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                for (int i = 0; i < root.getRowCount(); i++) {
                    rows.add(root.getVector(0).getObject(i) + "=" + root.getVector(1).getObject(i));
                }
            }
        }
        return rows;
    }

    private static void changes(DuckDbWorker worker, BufferAllocator allocator, long[] ids, String[] names,
                                String[] ops) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (BigIntVector id = new BigIntVector("id", allocator);
             VarCharVector name = new VarCharVector("name", allocator);
             VarCharVector op = new VarCharVector(TableWrite.OPERATION_COLUMN, allocator);
             VectorSchemaRoot root = new VectorSchemaRoot(List.<FieldVector>of(id, name, op));
             ArrowStreamWriter writer = new ArrowStreamWriter(root, null, bytes)) {
            root.allocateNew();
            for (int i = 0; i < ids.length; i++) {
                id.setSafe(i, ids[i]);
                name.setSafe(i, names[i].getBytes(StandardCharsets.UTF_8));
                op.setSafe(i, ops[i].getBytes(StandardCharsets.UTF_8));
            }
            root.setRowCount(ids.length);
            writer.start();
            writer.writeBatch();
            writer.end();
        }
        try (ArrowReader reader = new ArrowStreamReader(new ByteArrayInputStream(bytes.toByteArray()), allocator);
             Execution execution = worker.prepareAppend("db", TableWrite.changesInto("main", "kv"), reader,
                     allocator)) {
            execution.run();
            assertThat(execution.updateCount()).isEqualTo(ids.length);
        }
    }

    private static void upsert(DuckDbWorker worker, BufferAllocator allocator, long[] ids, String[] names)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (BigIntVector id = new BigIntVector("id", allocator);
             VarCharVector name = new VarCharVector("name", allocator);
             VectorSchemaRoot root = new VectorSchemaRoot(List.<FieldVector>of(id, name));
             ArrowStreamWriter writer = new ArrowStreamWriter(root, null, bytes)) {
            root.allocateNew();
            for (int i = 0; i < ids.length; i++) {
                id.setSafe(i, ids[i]);
                name.setSafe(i, names[i].getBytes(StandardCharsets.UTF_8));
            }
            root.setRowCount(ids.length);
            writer.start();
            writer.writeBatch();
            writer.end();
        }
        try (ArrowReader reader = new ArrowStreamReader(new ByteArrayInputStream(bytes.toByteArray()), allocator);
             Execution execution = worker.prepareAppend("db", TableWrite.upsertInto("main", "kv"), reader, allocator)) {
            execution.run();
            assertThat(execution.updateCount()).isEqualTo(ids.length);
        }
    }
}

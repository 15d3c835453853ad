package io.flock.tests;

import static io.flock.tests.FlightTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.engine.FlockEngine;
import io.flock.engine.query.Session;
import io.flock.engine.worker.TableWrite;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import io.flock.testing.TestingFlockServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's write of Arrow rows into a table (the primitive under streaming ingestion and bulk
 * import): columns by name, several batches in one transaction, all or nothing, authorized, inside
 * an open transaction, and allowed by the sandbox that refuses file access.
 */
class TestTableAppend {
    private static FlightSqlFixture fixture;
    private static TestingFlockServer server;
    private static BufferAllocator allocator;
    private static FlightSqlClient sql;
    private static FlockEngine engine;

    @BeforeAll
    static void start() {
        fixture = FlightSqlFixture.start();
        server = fixture.server();
        allocator = fixture.allocator();
        sql = fixture.sql();
        engine = server.server().engine();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @BeforeEach
    void table() {
        run("CREATE OR REPLACE TABLE events (id BIGINT NOT NULL, name VARCHAR, note VARCHAR DEFAULT 'none')");
    }

    @Test
    void appendsEveryBatchByColumnNameWithDefaults() throws IOException {
        try (ArrowReader reader = batches(new long[][] {{1, 2}, {3}}, new String[][] {{"a", "b"}, {"c"}})) {
            assertThat(engine.append(admin(), TableWrite.into("main", "events"), reader, allocator)).isEqualTo(3);
        }
        assertThat(query("SELECT id, name, note FROM events ORDER BY id")).containsExactly(
                List.of(1L, "a", "none"), List.of(2L, "b", "none"), List.of(3L, "c", "none"));
    }

    @Test
    void aFailingRowInALaterBatchLeavesTheTableUnchanged() throws IOException {
        run("INSERT INTO events (id, name) VALUES (0, 'before')");
        // The second batch breaks NOT NULL: nothing of the first batch may stay.
        try (ArrowReader reader = batches(new long[][] {{1, 2}, {-1}}, new String[][] {{"a", "b"}, {"c"}})) {
            assertThatThrownBy(() -> engine.append(admin(), TableWrite.into("main", "events"), reader, allocator))
                    .isInstanceOfSatisfying(FlockException.class,
                            e -> assertThat(e.getMessage()).contains("Nothing was written into main.events"));
        }
        assertThat(query("SELECT id, name FROM events")).containsExactly(List.of(0L, "before"));
    }

    @Test
    void anUnknownTableOrColumnIsNamed() throws IOException {
        try (ArrowReader reader = batches(new long[][] {{1}}, new String[][] {{"a"}})) {
            assertThatThrownBy(() -> engine.append(admin(), TableWrite.into("main", "missing"), reader, allocator))
                    .hasMessageContaining("missing");
        }
        run("CREATE OR REPLACE TABLE events (id BIGINT)");
        try (ArrowReader reader = batches(new long[][] {{1}}, new String[][] {{"a"}})) {
            assertThatThrownBy(() -> engine.append(admin(), TableWrite.into("main", "events"), reader, allocator))
                    .hasMessageContaining("name");
        }
        assertThat(query("SELECT count(*) FROM events")).containsExactly(List.of(0L));
    }

    @Test
    void insideATransactionRowsAppearOnCommitOnly() throws IOException {
        Session session = admin();
        String transaction = engine.beginTransaction(session);
        try (ArrowReader reader = batches(new long[][] {{1}}, new String[][] {{"a"}})) {
            assertThat(engine.append(session, transaction, TableWrite.into("main", "events"), reader, allocator))
                    .isEqualTo(1);
        }
        assertThat(query("SELECT count(*) FROM events")).containsExactly(List.of(0L));
        engine.commit(session.principal(), transaction);
        assertThat(query("SELECT count(*) FROM events")).containsExactly(List.of(1L));

        String rolledBack = engine.beginTransaction(session);
        try (ArrowReader reader = batches(new long[][] {{2}}, new String[][] {{"b"}})) {
            engine.append(session, rolledBack, TableWrite.into("main", "events"), reader, allocator);
        }
        engine.rollback(session.principal(), rolledBack);
        assertThat(query("SELECT id FROM events")).containsExactly(List.of(1L));
    }

    @Test
    void aStreamPositionAdvancesOnlyForwardAndCountsTheStreamsRows() throws IOException {
        String stream = "positions-" + System.nanoTime();
        TableWrite events = TableWrite.into("main", "events");
        try (ArrowReader reader = batches(new long[][] {{1, 2}}, new String[][] {{"a", "b"}})) {
            assertThat(engine.append(admin(), events.withStream(stream, 1), reader, allocator)).isEqualTo(2);
        }
        try (ArrowReader reader = batches(new long[][] {{3}}, new String[][] {{"c"}})) {
            assertThat(engine.append(admin(), events.withStream(stream, 5), reader, allocator)).isEqualTo(1);
        }
        // the same sequence again, and an older one: refused, nothing written
        for (long sequence : new long[] {5, 4}) {
            try (ArrowReader reader = batches(new long[][] {{9}}, new String[][] {{"late"}})) {
                assertThatThrownBy(() -> engine.append(admin(), events.withStream(stream, sequence), reader, allocator))
                        .isInstanceOfSatisfying(FlockException.class, e -> {
                            assertThat(e.errorCode()).isEqualTo(ErrorCode.TRANSACTION_CONFLICT);
                            assertThat(e.getMessage()).contains("Batch " + sequence + " of stream '" + stream
                                    + "' was applied already");
                        });
            }
        }
        assertThat(query("SELECT last_sequence, committed_rows FROM main.__flock_stream_positions"
                + " WHERE stream_id = '" + stream + "'")).containsExactly(List.of(5L, 3L));
        assertThat(query("SELECT id FROM events ORDER BY id")).containsExactly(List.of(1L), List.of(2L), List.of(3L));
    }

    @Test
    void aStreamRecordDroppedByHandIsCreatedAgain() throws IOException {
        String stream = "dropped-" + System.nanoTime();
        TableWrite events = TableWrite.into("main", "events");
        try (ArrowReader reader = batches(new long[][] {{1}}, new String[][] {{"a"}})) {
            engine.append(admin(), events.withStream(stream, 1), reader, allocator);
        }
        run("DROP TABLE main.__flock_stream_positions");
        // the next write creates it again (the record starts over: what it held is gone)
        try (ArrowReader reader = batches(new long[][] {{2}}, new String[][] {{"b"}})) {
            assertThat(engine.append(admin(), events.withStream(stream, 2), reader, allocator)).isEqualTo(1);
        }
        assertThat(query("SELECT last_sequence, committed_rows FROM main.__flock_stream_positions"
                + " WHERE stream_id = '" + stream + "'")).containsExactly(List.of(2L, 1L));
        assertThat(query("SELECT id FROM events ORDER BY id")).containsExactly(List.of(1L), List.of(2L));
    }

    @Test
    void aUserWithoutWriteAccessIsRefused() throws IOException {
        run("CREATE USER reader");
        try {
            run("GRANT READ ON DATABASE default_db TO reader");
            Session session = engine.session(engine.principal("reader"), Optional.of("default_db"));
            try (ArrowReader reader = batches(new long[][] {{1}}, new String[][] {{"a"}})) {
                assertThatThrownBy(() -> engine.append(session, TableWrite.into("main", "events"), reader, allocator))
                        .isInstanceOfSatisfying(FlockException.class,
                                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.PERMISSION_DENIED));
            }
            Session system = engine.session(engine.principal("admin"), Optional.of("flock"));
            try (ArrowReader reader = batches(new long[][] {{1}}, new String[][] {{"a"}})) {
                assertThatThrownBy(() -> engine.append(system, TableWrite.into("main", "queries"), reader, allocator))
                        .hasMessageContaining("read-only");
            }
        } finally {
            run("DROP USER reader");
        }
        assertThat(query("SELECT count(*) FROM events")).containsExactly(List.of(0L));
    }

    private static Session admin() {
        return engine.session(engine.principal("admin"), Optional.of("default_db"));
    }

    private static void run(String statement) {
        sql.executeUpdate(statement, TestingFlockServer.bearer(server.adminToken()));
    }

    private static List<List<Object>> query(String statement) {
        return rows(sql, statement, TestingFlockServer.bearer(server.adminToken()));
    }

    /** An Arrow stream of batches (id BIGINT, name VARCHAR); id -1 stands for NULL. */
    private static ArrowReader batches(long[][] ids, String[][] names) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (BigIntVector id = new BigIntVector("id", allocator);
             VarCharVector name = new VarCharVector("name", allocator);
             VectorSchemaRoot root = VectorSchemaRoot.of(id, name);
             ArrowStreamWriter writer = new ArrowStreamWriter(root, null, bytes)) {
            writer.start();
            for (int b = 0; b < ids.length; b++) {
                root.allocateNew();
                for (int i = 0; i < ids[b].length; i++) {
                    if (ids[b][i] < 0) {
                        id.setNull(i);
                    } else {
                        id.set(i, ids[b][i]);
                    }
                    name.setSafe(i, names[b][i].getBytes(StandardCharsets.UTF_8));
                }
                root.setRowCount(ids[b].length);
                writer.writeBatch();
            }
            writer.end();
        }
        return new ArrowStreamReader(new ByteArrayInputStream(bytes.toByteArray()), allocator);
    }
}

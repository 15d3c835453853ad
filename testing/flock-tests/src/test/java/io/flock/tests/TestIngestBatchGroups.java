package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.flock.client.FlockClient;
import io.flock.client.ingest.FlockIngestException;
import io.flock.client.QueryResult;
import io.flock.client.ingest.FlushMode;
import io.flock.client.ingest.IngestOptions;
import io.flock.client.ingest.IngestStatus;
import io.flock.client.ingest.IngestStream;
import io.flock.client.ingest.RowOperation;
import io.flock.engine.FlockEngine;
import io.flock.engine.ingest.BatchOutcome;
import io.flock.engine.ingest.GroupOutcome;
import io.flock.engine.ingest.IngestBatch;
import io.flock.engine.ingest.IngestTarget;
import io.flock.engine.ingest.StreamMode;
import io.flock.engine.query.Session;
import io.flock.spi.ErrorCode;
import io.flock.spi.RowLocation;
import io.flock.testing.TestingFlockServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Consecutive batches of one stream written together (the server groups the batches that wait
 * while it writes): one transaction for the group, every batch still applied exactly once, in
 * order, and a batch that fails — in Flock's validation or in DuckDB — leaves the batches before it
 * applied and acknowledged and nothing of itself or the batches after it.
 */
class TestIngestBatchGroups {
    private static TestingFlockServer server;
    private static FlockClient client;
    private static FlockEngine engine;
    private static BufferAllocator allocator;
    private final List<VectorSchemaRoot> roots = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = TestingFlockServer.create();
        client = AdminClients.of(server, "default_db");
        engine = server.server().engine();
        allocator = new RootAllocator();
    }

    @AfterAll
    static void stop() {
        client.close();
        allocator.close();
        server.close();
    }

    @BeforeEach
    void table() {
        client.executeUpdate("CREATE OR REPLACE TABLE events (id BIGINT NOT NULL, name VARCHAR, CHECK (id < 1000))");
    }

    @AfterEach
    void freeBatches() {
        roots.forEach(VectorSchemaRoot::close);
        roots.clear();
    }

    @Test
    void aGroupIsOneWriteAndEveryBatchIsAppliedOnce() {
        IngestTarget target = open("grouped");
        long writesBefore = writes();
        GroupOutcome first = engine.ingestBatches(admin(), target, List.of(batch(0, 1, 2), batch(1, 3, 4), batch(2, 5)),
                allocator);
        assertThat(first.failure()).isEmpty();
        assertThat(first.applied()).containsExactly(new BatchOutcome(0, 2, false), new BatchOutcome(1, 2, false),
                new BatchOutcome(2, 1, false));
        assertThat(writes() - writesBefore).as("writes of the three batches").isEqualTo(1);

        // Sent again with a new one after them (a client re-sending what it saw unacknowledged).
        GroupOutcome again = engine.ingestBatches(admin(), target, List.of(batch(1, 3, 4), batch(2, 5), batch(3, 6)),
                allocator);
        assertThat(again.failure()).isEmpty();
        assertThat(again.applied()).containsExactly(new BatchOutcome(1, 0, true), new BatchOutcome(2, 0, true),
                new BatchOutcome(3, 1, false));
        assertThat(ids()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(engine.openStream(admin(), "main", "events", Optional.of("grouped"), StreamMode.APPEND_ONLY)
                .nextSequence()).isEqualTo(4);
    }

    @Test
    void anInvalidBatchEndsTheGroupAfterTheBatchesBeforeItAreApplied() {
        IngestTarget target = open("invalid");
        GroupOutcome outcome = engine.ingestBatches(admin(), target,
                List.of(batch(0, 1), batch(1, 2), batch(2, 3, -1), batch(3, 4)), allocator);
        assertThat(outcome.applied()).containsExactly(new BatchOutcome(0, 1, false), new BatchOutcome(1, 1, false));
        assertThat(outcome.failure()).hasValueSatisfying(e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.PRECHECK_FAILED);
            assertThat(e.getMessage()).contains("Batch 2 of stream 'invalid'").contains("row 1 of the batch")
                    .contains("column 'id' (NOT NULL) is null");
        });
        assertThat(ids()).containsExactly(1L, 2L);
        assertThat(engine.openStream(admin(), "main", "events", Optional.of("invalid"), StreamMode.APPEND_ONLY)
                .nextSequence()).isEqualTo(2);
    }

    @Test
    void aBatchDuckDbRefusesIsFoundAndOnlyTheBatchesBeforeItAreApplied() {
        IngestTarget target = open("refused");
        // CHECK (id < 1000) is DuckDB's to enforce: the group's write fails as a whole first.
        GroupOutcome outcome = engine.ingestBatches(admin(), target,
                List.of(batch(0, 1, 2), batch(1, 3), batch(2, 4, 5000), batch(3, 6)), allocator);
        assertThat(outcome.applied()).containsExactly(new BatchOutcome(0, 2, false), new BatchOutcome(1, 1, false));
        assertThat(outcome.failure()).hasValueSatisfying(e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.PRECHECK_FAILED);
            assertThat(e.getMessage()).contains("Batch 2 of stream 'refused'").contains("nothing of it applied")
                    .containsIgnoringCase("check");
        });
        assertThat(ids()).containsExactly(1L, 2L, 3L);

        GroupOutcome resent = engine.ingestBatches(admin(), target, List.of(batch(2, 4), batch(3, 6)), allocator);
        assertThat(resent.failure()).isEmpty();
        assertThat(ids()).containsExactly(1L, 2L, 3L, 4L, 6L);
    }

    @Test
    void cdcBatchesOfAGroupApplyInStreamOrder() {
        client.executeUpdate("CREATE OR REPLACE TABLE kv (id BIGINT PRIMARY KEY, name VARCHAR)");
        IngestTarget target = engine.openStream(admin(), "main", "kv", Optional.of("changes"), StreamMode.CDC)
                .target();
        GroupOutcome outcome = engine.ingestBatches(admin(), target, List.of(
                changes(0, "UPSERT", 1, "a", "UPSERT", 2, "b", "UPSERT", 3, "x"),
                changes(1, "DELETE", 1, null, "UPSERT", 2, "c"),
                changes(2, "UPSERT", 1, "d", "DELETE", 3, null, "DELETE", 4, null)), allocator);
        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.applied()).extracting(BatchOutcome::sequence).containsExactly(0L, 1L, 2L);
        List<String> rows = new ArrayList<>();
        try (QueryResult result = client.execute("SELECT id, name FROM kv ORDER BY id")) {
            result.rows().forEachRemaining(row -> rows.add(row.getLong(0) + "=" + row.getString(1)));
        }
        assertThat(rows).containsExactly("1=d", "2=c");
    }

    /**
     * A keyed check fails a group's one write on a row of its third batch: the group is written
     * batch by batch to find it, so the error's row is the row within that batch, as the client
     * sent it, not within the group.
     */
    @Test
    void aRowTheKeyedChecksRefuseInAGroupIsNamedWithinItsOwnBatch() {
        client.executeUpdate("CREATE OR REPLACE TABLE kv (id BIGINT PRIMARY KEY, name VARCHAR)");
        IngestTarget target = engine.openStream(admin(), "main", "kv", Optional.of("located"), StreamMode.CDC)
                .target();
        GroupOutcome outcome = engine.ingestBatches(admin(), target, List.of(
                changes(0, "UPSERT", 1, "a", "UPSERT", 2, "b"),
                changes(1, "UPSERT", 3, "c"),
                changes(2, "UPSERT", 4, "d", "MERGE", 5, "e", "UPSERT", 6, "f"),
                changes(3, "UPSERT", 7, "g")), allocator);
        assertThat(outcome.applied()).extracting(BatchOutcome::sequence).containsExactly(0L, 1L);
        assertThat(outcome.failure()).hasValueSatisfying(e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.PRECHECK_FAILED);
            assertThat(e.getMessage()).contains("Batch 2 of stream 'located'").contains("Row 2 of the CHANGES write");
            assertThat(e.rowLocation()).contains(RowLocation.of(1, "__flock_op"));
        });
    }

    @Test
    void aRowFlockRejectsInAGroupIsNamedWithinItsBatch() {
        IngestTarget target = open("validated");
        GroupOutcome outcome = engine.ingestBatches(admin(), target,
                List.of(batch(0, 1, 2, 3), batch(1, 4, 5, -1)), allocator);
        assertThat(outcome.failure()).hasValueSatisfying(e ->
                assertThat(e.rowLocation()).contains(RowLocation.of(2, "id")));
    }

    /**
     * Over the wire, with many small batches in flight so the server finds several waiting: one
     * batch DuckDB refuses fails alone, every other row arrives once, and the server's reading
     * threads end with the calls.
     */
    @Test
    void manyBatchesInFlightWithARefusedOneInTheMiddle() throws InterruptedException {
        IngestOptions options = IngestOptions.builder().flushMode(FlushMode.AUTO_FLUSH_BACKGROUND).maxBufferRows(10)
                .maxBuffersInFlight(16).retry(false).build();
        List<Long> expected = new ArrayList<>();
        try (IngestStream stream = client.openStream("default_db", "events",
                io.flock.client.ingest.StreamMode.APPEND_ONLY, options)) {
            for (long id = 0; id < 2_000; id++) {
                boolean refusedBatch = id >= 1_000 && id < 1_010; // the 101st batch holds an id over the CHECK
                long value = refusedBatch && id == 1_005 ? 5_000 : id % 1_000;
                stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", value).setString("name", "n" + id));
                if (!refusedBatch) {
                    expected.add(value);
                }
            }
            try {
                stream.flush();
            } catch (FlockIngestException e) {
                assertThat(e.status()).isEqualTo(IngestStatus.PRECHECK_FAILED);
            }
            assertThat(stream.pendingErrors().errors()).hasSize(10)
                    .allMatch(error -> error.status() == IngestStatus.PRECHECK_FAILED);
        }
        try (QueryResult result = client.execute("SELECT id FROM events ORDER BY id")) {
            List<Long> ids = new ArrayList<>();
            result.rows().forEachRemaining(row -> ids.add(row.getLong(0)));
            assertThat(ids).containsExactlyElementsOf(expected.stream().sorted().toList());
        }
        // The reading thread of each call ends with its call (a failed call too): none waits for a client.
        for (int i = 0; i < 500 && receiverThreadsAlive(); i++) {
            Thread.sleep(10);
        }
        assertThat(receiverThreadsAlive()).isFalse();
    }

    private static boolean receiverThreadsAlive() {
        return Thread.getAllStackTraces().values().stream().anyMatch(stack -> Arrays.stream(stack)
                .anyMatch(frame -> frame.getClassName().equals("io.flock.flight.BatchReceiver")));
    }

    private IngestTarget open(String streamId) {
        return engine.openStream(admin(), "main", "events", Optional.of(streamId), StreamMode.APPEND_ONLY).target();
    }

    private static Session admin() {
        return engine.session(engine.principal("admin"), Optional.of("default_db"));
    }

    /** A batch of (id, name) rows; id -1 stands for NULL. */
    private IngestBatch batch(long sequence, long... ids) {
        BigIntVector id = new BigIntVector("id", allocator);
        VarCharVector name = new VarCharVector("name", allocator);
        VectorSchemaRoot root = VectorSchemaRoot.of(id, name);
        roots.add(root);
        root.allocateNew();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0) {
                id.setNull(i);
            } else {
                id.set(i, ids[i]);
            }
            name.setSafe(i, ("row " + ids[i]).getBytes(StandardCharsets.UTF_8));
        }
        root.setRowCount(ids.length);
        return new IngestBatch(sequence, -1, root);
    }

    /** A CDC batch of (operation, id, name) triples. */
    private IngestBatch changes(long sequence, Object... triples) {
        BigIntVector id = new BigIntVector("id", allocator);
        VarCharVector name = new VarCharVector("name", allocator);
        VarCharVector op = new VarCharVector("__flock_op", allocator);
        VectorSchemaRoot root = VectorSchemaRoot.of(id, name, op);
        roots.add(root);
        root.allocateNew();
        int rows = triples.length / 3;
        for (int i = 0; i < rows; i++) {
            op.setSafe(i, ((String) triples[3 * i]).getBytes(StandardCharsets.UTF_8));
            id.set(i, ((Number) triples[3 * i + 1]).longValue());
            if (triples[3 * i + 2] == null) {
                name.setNull(i);
            } else {
                name.setSafe(i, ((String) triples[3 * i + 2]).getBytes(StandardCharsets.UTF_8));
            }
        }
        root.setRowCount(rows);
        return new IngestBatch(sequence, -1, root);
    }

    private static List<Long> ids() {
        List<Long> ids = new ArrayList<>();
        try (QueryResult result = client.execute("SELECT id FROM events ORDER BY id")) {
            result.rows().forEachRemaining(row -> ids.add(row.getLong(0)));
        }
        return ids;
    }

    /** Writes of Arrow rows into the table so far, from the query history. */
    private static long writes() {
        try (FlockClient system = FlockClient.builder().host(server.host()).port(server.port())
                .token(server.adminToken()).database("flock").build();
             QueryResult result = system.execute("SELECT count(*) FROM queries WHERE sql LIKE"
                     + " 'INSERT INTO \"main\".\"events\" BY NAME%'")) {
            return result.rows().next().getLong(0);
        }
    }
}

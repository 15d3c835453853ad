package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.flock.client.FlockClient;
import io.flock.client.QueryResult;
import io.flock.client.ingest.IngestOptions;
import io.flock.client.ingest.IngestStream;
import io.flock.client.ingest.RowOperation;
import io.flock.client.ingest.StreamMode;
import io.flock.testing.TestingFlockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/**
 * Exactly once under faults: duplicate sends and re-sends after a lost acknowledgement (raw Flight,
 * as a client that lost the ack would send), and a server restart in the middle of an SDK stream.
 */
class TestIngestExactlyOnce {
    @Test
    void duplicateAndResentBatchesAreAcknowledgedWithoutBeingAppliedTwice() throws Exception {
        try (TestingFlockServer server = TestingFlockServer.create();
             BufferAllocator allocator = new RootAllocator();
             FlightClient flight = FlightClient.builder(allocator, Location.forGrpcInsecure(server.host(), server.port()))
                     .build()) {
            try (FlockClient client = client(server)) {
                client.executeUpdate("CREATE TABLE t (id BIGINT NOT NULL)");
            }
            Iterator<Result> opened = flight.doAction(new Action("flock.open-stream",
                    "{\"database\":\"default_db\",\"table\":\"t\",\"mode\":\"APPEND_ONLY\",\"streamId\":\"s-1\"}"
                            .getBytes(StandardCharsets.UTF_8)), TestingFlockServer.bearer(server.adminToken()));
            assertThat(new String(opened.next().getBody(), StandardCharsets.UTF_8)).contains("\"nextSequence\":0");
            opened.forEachRemaining(r -> { });

            // One call: 0, 1, 2, then 1 and 2 again (a duplicated send), then 3.
            List<long[]> acks = put(flight, allocator, server, new long[] {0, 1, 2, 1, 2, 3});
            assertThat(acks).extracting(a -> a[0]).containsExactly(0L, 1L, 2L, 1L, 2L, 3L);
            assertThat(acks).extracting(a -> a[2]).containsExactly(0L, 0L, 0L, 1L, 1L, 0L);
            assertThat(acks).extracting(a -> a[1]).containsExactly(10L, 10L, 10L, 0L, 0L, 10L);
            // A new call after a lost acknowledgement of 3 re-sends it: skipped; 4 is applied.
            acks = put(flight, allocator, server, new long[] {3, 4});
            assertThat(acks).extracting(a -> a[2]).containsExactly(1L, 0L);

            try (FlockClient system = AdminClients.of(server, "flock")) {
                // 1 and 2 sent again on the first call, 3 again on the second: three batches re-sent
                assertThat(count(system, "SELECT retries FROM ingest_streams WHERE stream_id = 's-1'")).isEqualTo(3);
                assertThat(count(system, "SELECT duplicates FROM ingest_streams WHERE stream_id = 's-1'")).isEqualTo(3);
            }
            try (FlockClient client = client(server)) {
                assertThat(count(client, "SELECT count(*) FROM t")).isEqualTo(50);
                assertThat(count(client, "SELECT count(DISTINCT id) FROM t")).isEqualTo(50);
                // the stream resumes after its last applied batch, also after a restart
                server.restart();
            }
            try (FlightClient again = FlightClient.builder(allocator,
                    Location.forGrpcInsecure(server.host(), server.port())).build()) {
                Iterator<Result> resumed = again.doAction(new Action("flock.open-stream",
                        "{\"database\":\"default_db\",\"table\":\"t\",\"mode\":\"APPEND_ONLY\",\"streamId\":\"s-1\"}"
                                .getBytes(StandardCharsets.UTF_8)), TestingFlockServer.bearer(server.adminToken()));
                assertThat(new String(resumed.next().getBody(), StandardCharsets.UTF_8)).contains("\"nextSequence\":5");
                resumed.forEachRemaining(r -> { });
                assertThat(put(again, allocator, server, new long[] {2, 4, 5})).extracting(a -> a[2])
                        .containsExactly(1L, 1L, 0L);
            }
            try (FlockClient client = client(server)) {
                assertThat(count(client, "SELECT count(*) FROM t")).isEqualTo(60);
                assertThat(count(client, "SELECT count(DISTINCT id) FROM t")).isEqualTo(60);
            }
        }
    }

    /** Sends batches of 10 rows (ids sequence·10 …) with the given sequences on one DoPut; returns the acks. */
    private static List<long[]> put(FlightClient flight, BufferAllocator allocator, TestingFlockServer server,
                                    long[] sequences) throws Exception {
        Schema schema = new Schema(List.of(new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null)));
        LinkedBlockingQueue<long[]> acks = new LinkedBlockingQueue<>();
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            FlightClient.PutListener listener = new org.apache.arrow.flight.AsyncPutListener() {
                @Override
                public void onNext(PutResult result) {
                    ArrowBuf metadata = result.getApplicationMetadata();
                    byte[] bytes = new byte[17];
                    metadata.getBytes(0, bytes);
                    ByteBuffer b = ByteBuffer.wrap(bytes);
                    acks.add(new long[] {b.getLong(), b.getLong(), b.get()});
                }
            };
            FlightClient.ClientStreamListener out = flight.startPut(FlightDescriptor.path("flock.ingest", "default_db",
                    "main", "t", "s-1", "APPEND_ONLY"), root, listener, TestingFlockServer.bearer(server.adminToken()));
            for (long sequence : sequences) {
                BigIntVector ids = (BigIntVector) root.getVector("id");
                ids.allocateNew(10);
                for (int i = 0; i < 10; i++) {
                    ids.set(i, sequence * 10 + i);
                }
                root.setRowCount(10);
                ArrowBuf metadata = allocator.buffer(16);
                metadata.writeBytes(ByteBuffer.allocate(16).putLong(sequence).putLong(sequence * 10).array());
                out.putNext(metadata);
            }
            out.completed();
            listener.getResult();
        }
        return new ArrayList<>(acks);
    }

    @Test
    void aServerRestartInTheMiddleOfAStreamLosesAndDuplicatesNothing() throws Exception {
        Path data = Files.createTempDirectory("flock-ingest-restart-");
        try (TestingFlockServer server = TestingFlockServer.builder().dataDirectory(data)
                .property("flight.port", Integer.toString(freePort())).build();
             FlockClient client = client(server)) {
            client.executeUpdate("CREATE TABLE t (id BIGINT NOT NULL, payload VARCHAR)");
            IngestOptions options = IngestOptions.builder().maxBufferRows(1_000).maxAttempts(100)
                    .backoff(Duration.ofMillis(50), Duration.ofMillis(500)).build();
            long acknowledgedBeforeRestart;
            try (IngestStream stream = client.openStream("default_db", "t", StreamMode.APPEND_ONLY, options)) {
                for (int i = 0; i < 20_000; i++) {
                    stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", i).setString("payload", "p" + i));
                }
                stream.flush();
                acknowledgedBeforeRestart = stream.acknowledgedRows();
                for (int i = 20_000; i < 25_000; i++) {
                    stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", i).setString("payload", "p" + i));
                }
                // The server restarts while rows keep coming: batches in flight and buffered rows ride through.
                java.util.concurrent.FutureTask<Void> restart = new java.util.concurrent.FutureTask<>(server::restart, null);
                new Thread(restart, "restart").start();
                for (int i = 25_000; i < 40_000; i++) {
                    stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", i).setString("payload", "p" + i));
                }
                restart.get();
                stream.flush();
                assertThat(stream.acknowledgedRows()).isEqualTo(40_000);
            }
            assertThat(acknowledgedBeforeRestart).isEqualTo(20_000);
            assertThat(count(client, "SELECT count(*) FROM t")).isEqualTo(40_000);
            assertThat(count(client, "SELECT count(DISTINCT id) FROM t")).isEqualTo(40_000);
            assertThat(count(client, "SELECT max(id) FROM t")).isEqualTo(39_999);
        }
    }

    @Test
    void aFullServerThrottlesWithoutUsingAttemptsAndEveryRowGetsThroughOnceInOrder() throws Exception {
        try (TestingFlockServer limited = TestingFlockServer.builder()
                .property("query.max-running", "1").property("query.max-queued", "0").build();
             FlockClient client = client(limited)) {
            client.executeUpdate("CREATE TABLE t (id BIGINT NOT NULL)");
            QueryResult slow = client.execute(TestQueryLifecycle.SLOW_QUERY); // holds the only slot
            try (IngestStream noRetry = client.openStream("default_db", "t", StreamMode.APPEND_ONLY,
                    IngestOptions.builder().flushMode(io.flock.client.ingest.FlushMode.MANUAL_FLUSH).retry(false).build())) {
                noRetry.apply(noRetry.createRow(RowOperation.INSERT).setLong("id", 1));
                org.assertj.core.api.Assertions.assertThatThrownBy(noRetry::flush)
                        .isInstanceOfSatisfying(io.flock.client.ingest.FlockIngestException.class, e -> {
                            assertThat(e.status()).isEqualTo(io.flock.client.ingest.IngestStatus.THROTTLED);
                            assertThat(e.errorName()).isEqualTo("TOO_MANY_QUERIES");
                        });
                assertThat(noRetry.pendingErrors().errors()).singleElement()
                        .satisfies(r -> assertThat(r.status()).isEqualTo(io.flock.client.ingest.IngestStatus.THROTTLED));
            }
            // Two attempts only: throttles must not use them up, however many there are.
            String streamId;
            try (IngestStream stream = client.openStream("default_db", "t", StreamMode.APPEND_ONLY,
                    IngestOptions.builder().maxAttempts(2).maxBufferRows(10)
                            .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build())) {
                streamId = stream.streamId();
                java.util.concurrent.FutureTask<Void> writer = new java.util.concurrent.FutureTask<>(() -> {
                    for (int i = 0; i < 100; i++) {
                        stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", i));
                    }
                    stream.flush();
                }, null);
                new Thread(writer, "writer").start();
                // keep the server full until the stream was throttled well beyond its attempt limit
                while (stream.retries() < 10 && !writer.isDone()) {
                    Thread.sleep(5);
                }
                assertThat(writer.isDone()).as("the writer waits while the server is full").isFalse();
                assertThat(stream.acknowledgedRows()).isZero();
                assertThat(stream.countPendingErrors()).as("a throttled batch is not failed").isZero();
                slow.cancel();
                slow.close();
                writer.get();
                assertThat(stream.retries()).isGreaterThanOrEqualTo(10);
                assertThat(stream.acknowledgedRows()).isEqualTo(100);
                assertThat(stream.countPendingErrors()).isZero();
            }
            try (FlockClient system = FlockClient.builder().host(limited.host()).port(limited.port())
                    .token(limited.adminToken()).database("flock").build()) {
                assertThat(count(system, "SELECT throttles FROM ingest_streams WHERE stream_id = '" + streamId + "'"))
                        .as("the server counted the throttles").isGreaterThanOrEqualTo(10);
            }
            // every row once, in the order applied (rowid is the order of insertion)
            assertThat(count(client, "SELECT count(*) FROM t")).isEqualTo(100);
            assertThat(count(client, "SELECT count(*) FROM (SELECT id, row_number() OVER (ORDER BY rowid) - 1 AS pos"
                    + " FROM t) WHERE id = pos")).isEqualTo(100);
        }
    }

    static FlockClient client(TestingFlockServer server) {
        return AdminClients.of(server);
    }

    static long count(FlockClient client, String sql) {
        try (QueryResult result = client.execute(sql)) {
            return result.rows().next().getLong(0);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.client.FlockClient;
import io.flock.client.FlockException;
import io.flock.client.ingest.FlockIngestException;
import io.flock.client.ingest.FlushMode;
import io.flock.client.ingest.IngestOptions;
import io.flock.client.ingest.IngestStatus;
import io.flock.client.ingest.IngestStream;
import io.flock.client.ingest.RowError;
import io.flock.client.ingest.RowOperation;
import io.flock.client.ingest.StreamMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.apache.arrow.flight.ErrorFlightMetadata;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The row of an ingest batch the server rejects, as structured error data end to end: the server
 * sends it as Flight metadata ({@code flock-error-row}, {@code flock-error-column}), the SDK's
 * exception holds it ({@link FlockException#row()} in the batch, {@link FlockIngestException#failedRow()}
 * in the stream) and so does the error collector ({@link RowError#failedRow()}), for Flock's own
 * checks, the keyed storage's checks of a CDC write and a value DuckDB cannot convert.
 */
class TestIngestRowLocation {
    @RegisterExtension
    static final FlockServerExtension flock = new FlockServerExtension();
    private static BufferAllocator allocator;

    @BeforeAll
    static void start() {
        allocator = new RootAllocator();
    }

    @AfterAll
    static void stop() {
        allocator.close();
    }

    @Test
    void aNullInANotNullColumnNamesItsRowInTheBatchAndInTheStream() {
        client().executeUpdate("CREATE TABLE appended (id BIGINT NOT NULL, name VARCHAR)");
        IngestOptions options = IngestOptions.builder().flushMode(FlushMode.MANUAL_FLUSH).build();
        try (IngestStream stream = client().openStream("default_db", "appended", StreamMode.APPEND_ONLY, options)) {
            for (int id = 0; id < 3; id++) {
                stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", id));
            }
            stream.flush(); // rows 0-2 of the stream
            stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", 3));
            stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", 4));
            stream.apply(stream.createRow(RowOperation.INSERT).setNull("id").setString("name", "no id"));
            stream.apply(stream.createRow(RowOperation.INSERT).setLong("id", 6));
            assertThatThrownBy(stream::flush).isInstanceOfSatisfying(FlockIngestException.class, e -> {
                assertThat(e.status()).isEqualTo(IngestStatus.PRECHECK_FAILED);
                assertThat(e.firstRow()).isEqualTo(3);
                assertThat(e.row()).isEqualTo(OptionalLong.of(2));
                assertThat(e.column()).contains("id");
                assertThat(e.failedRow()).isEqualTo(OptionalLong.of(5));
                // the message still names the row for people
                assertThat(e.serverMessage()).contains("row 2 of the batch (row 5 of the stream)");
                assertThat(cause(e).row()).isEqualTo(OptionalLong.of(2));
                assertMetadata(e, "2", "id");
            });
            List<RowError> errors = stream.pendingErrors().errors();
            assertThat(errors).extracting(RowError::rowIndex).containsExactly(3L, 4L, 5L, 6L);
            assertThat(errors).allSatisfy(error -> {
                assertThat(error.failedRow()).isEqualTo(OptionalLong.of(5));
                assertThat(error.failedColumn()).contains("id");
            });
            assertThat(errors).filteredOn(RowError::isFailedRow).extracting(RowError::rowIndex).containsExactly(5L);
        }
    }

    @Test
    void aCdcRowTheKeyedChecksRefuseIsNamedRelativeToItsBatch() {
        client().executeUpdate("CREATE TABLE keyed (id BIGINT PRIMARY KEY, name VARCHAR NOT NULL)");
        IngestOptions options = IngestOptions.builder().flushMode(FlushMode.MANUAL_FLUSH).build();
        try (IngestStream stream = client().openStream("default_db", "keyed", StreamMode.CDC, options)) {
            stream.apply(stream.createRow(RowOperation.UPSERT).setLong("id", 1).setString("name", "a"));
            stream.apply(stream.createRow(RowOperation.UPSERT).setLong("id", 2).setString("name", "b"));
            stream.flush(); // rows 0-1 of the stream
            // Without the NOT NULL column 'name': the DELETE rows need none, the UPSERT (row 2 of
            // the batch) does. Flock's batch check passes it; the keyed storage's checks refuse it.
            try (VectorSchemaRoot changes = changes("id", List.of("DELETE", "DELETE", "UPSERT", "DELETE"),
                    List.of(1L, 2L, 3L, 4L))) {
                stream.apply(changes);
            }
            assertThatThrownBy(stream::flush).isInstanceOfSatisfying(FlockIngestException.class, e -> {
                assertThat(e.status()).isEqualTo(IngestStatus.PRECHECK_FAILED);
                assertThat(e.serverMessage()).contains("Row 3 of the CHANGES write")
                        .contains("lacks NOT NULL column 'name'");
                assertThat(e.row()).isEqualTo(OptionalLong.of(2));
                assertThat(e.column()).contains("name");
                assertThat(e.firstRow()).isEqualTo(2);
                assertThat(e.failedRow()).isEqualTo(OptionalLong.of(4));
                assertMetadata(e, "2", "name");
            });
            List<RowError> errors = stream.pendingErrors().errors();
            assertThat(errors).singleElement().satisfies(error -> {
                assertThat(error.row()).isEmpty(); // applied as a VectorSchemaRoot: one entry for the batch
                assertThat(error.failedRow()).isEqualTo(OptionalLong.of(4));
                assertThat(error.failedColumn()).contains("name");
            });
            // an operation the keyed storage does not know, in the operation column
            try (VectorSchemaRoot changes = changes("id", List.of("UPSERT", "MERGE"), List.of(5L, 6L))) {
                try (VectorSchemaRoot withName = withColumn(changes, varchar("name", "e", "f"))) {
                    stream.apply(withName);
                }
            }
            assertThatThrownBy(stream::flush).isInstanceOfSatisfying(FlockIngestException.class, e -> {
                assertThat(e.serverMessage()).contains("Row 2 of the CHANGES write");
                assertThat(e.row()).isEqualTo(OptionalLong.of(1));
                assertThat(e.column()).contains("__flock_op");
                assertThat(e.failedRow()).isEqualTo(OptionalLong.of(e.firstRow() + 1));
            });
        }
    }

    @Test
    void textThatIsNoIntegerNamesItsRowAndColumn() {
        client().executeUpdate("CREATE TABLE typed (id INTEGER, name VARCHAR)");
        IngestOptions options = IngestOptions.builder().flushMode(FlushMode.MANUAL_FLUSH).build();
        try (IngestStream stream = client().openStream("default_db", "typed", StreamMode.APPEND_ONLY, options);
             VectorSchemaRoot good = texts("id", "1", "2");
             VectorSchemaRoot bad = texts("id", "3", "4", "abc", "6")) {
            stream.apply(good);
            stream.flush();
            stream.apply(bad);
            assertThatThrownBy(stream::flush).isInstanceOfSatisfying(FlockIngestException.class, e -> {
                assertThat(e.serverMessage()).contains("'abc' is not a valid INTEGER");
                assertThat(e.row()).isEqualTo(OptionalLong.of(2));
                assertThat(e.column()).contains("id");
                assertThat(e.firstRow()).isEqualTo(2);
                assertThat(e.failedRow()).isEqualTo(OptionalLong.of(4));
                assertMetadata(e, "2", "id");
            });
            assertThat(stream.pendingErrors().errors()).singleElement()
                    .satisfies(error -> assertThat(error.failedRow()).isEqualTo(OptionalLong.of(4)));
        }
        // the same in a CDC stream: the keyed storage's conversion check
        client().executeUpdate("CREATE TABLE typed_keyed (k BIGINT PRIMARY KEY, n INTEGER)");
        try (IngestStream stream = client().openStream("default_db", "typed_keyed", StreamMode.CDC,
                IngestOptions.builder().flushMode(FlushMode.MANUAL_FLUSH).build());
             VectorSchemaRoot changes = changes("k", List.of("UPSERT", "UPSERT"), List.of(1L, 2L))) {
            try (VectorSchemaRoot rows = withColumn(changes, varchar("n", "7", "x7"))) {
                stream.apply(rows);
            }
            assertThatThrownBy(stream::flush).isInstanceOfSatisfying(FlockIngestException.class, e -> {
                assertThat(e.serverMessage()).contains("not a valid INTEGER");
                assertThat(e.row()).isEqualTo(OptionalLong.of(1));
                assertThat(e.column()).contains("n");
                assertThat(e.failedRow()).isEqualTo(OptionalLong.of(1));
            });
        }
    }

    @Test
    void aColumnNameBeyondAsciiArrivesIntact() {
        client().executeUpdate("CREATE TABLE measures (\"größe %\" BIGINT NOT NULL)");
        try (IngestStream stream = client().openStream("default_db", "measures", StreamMode.APPEND_ONLY,
                IngestOptions.builder().flushMode(FlushMode.MANUAL_FLUSH).build())) {
            stream.apply(stream.createRow(RowOperation.INSERT).setLong("größe %", 1));
            stream.apply(stream.createRow(RowOperation.INSERT).setNull("größe %"));
            assertThatThrownBy(stream::flush).isInstanceOfSatisfying(FlockIngestException.class, e -> {
                assertThat(e.column()).contains("größe %");
                assertThat(e.failedRow()).isEqualTo(OptionalLong.of(1));
                // gRPC metadata is ASCII: the column travels percent-encoded
                assertMetadata(e, "1", "gr%C3%B6%C3%9Fe %25");
            });
        }
    }

    @Test
    void aBatchRejectedForNoRowNamesNone() {
        client().executeUpdate("CREATE TABLE plain (id BIGINT)");
        try (IngestStream stream = client().openStream("default_db", "plain", StreamMode.APPEND_ONLY,
                IngestOptions.builder().flushMode(FlushMode.MANUAL_FLUSH).build());
             VectorSchemaRoot unknown = texts("nope", "1")) {
            stream.apply(unknown);
            assertThatThrownBy(stream::flush).isInstanceOfSatisfying(FlockIngestException.class, e -> {
                assertThat(e.serverMessage()).contains("column 'nope' does not exist");
                assertThat(e.row()).isEmpty();
                assertThat(e.column()).isEmpty();
                assertThat(e.failedRow()).isEmpty();
                assertThat(flight(e).status().metadata().containsKey("flock-error-row")).isFalse();
            });
            assertThat(stream.pendingErrors().errors()).singleElement().satisfies(error -> {
                assertThat(error.failedRow()).isEmpty();
                assertThat(error.isFailedRow()).isFalse();
            });
        }
    }

    private static FlockClient client() {
        return flock.client();
    }

    /** The server's error as the SDK mapped it (the ingest exception's cause). */
    private static FlockException cause(FlockIngestException e) {
        assertThat(e.getCause()).isInstanceOf(FlockException.class);
        return (FlockException) e.getCause();
    }

    /** The Flight call's error, as the client received it. */
    private static FlightRuntimeException flight(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FlightRuntimeException flight) {
                return flight;
            }
        }
        throw new AssertionError("no Flight error in the causes of " + e);
    }

    private static void assertMetadata(FlockIngestException e, String row, String column) {
        ErrorFlightMetadata metadata = flight(e).status().metadata();
        assertThat(metadata.get("flock-error-row")).isEqualTo(row);
        assertThat(metadata.get("flock-error-column")).isEqualTo(column);
        assertThat(metadata.get("flock-error-name")).isEqualTo("PRECHECK_FAILED");
    }

    /** One VARCHAR column {@code name} of {@code values}. */
    private static VectorSchemaRoot texts(String name, String... values) {
        VectorSchemaRoot root = VectorSchemaRoot.of(varchar(name, values));
        root.setRowCount(values.length);
        return root;
    }

    /** A CDC batch of (operation, key) rows, the key in BIGINT column {@code key}. */
    private static VectorSchemaRoot changes(String key, List<String> operations, List<Long> ids) {
        BigIntVector id = new BigIntVector(key, allocator);
        VarCharVector op = new VarCharVector("__flock_op", allocator);
        id.allocateNew(ids.size());
        op.allocateNew();
        for (int i = 0; i < ids.size(); i++) {
            id.set(i, ids.get(i));
            op.setSafe(i, operations.get(i).getBytes(StandardCharsets.UTF_8));
        }
        id.setValueCount(ids.size());
        op.setValueCount(ids.size());
        VectorSchemaRoot root = VectorSchemaRoot.of(id, op);
        root.setRowCount(ids.size());
        return root;
    }

    /** {@code root}'s columns and {@code column}, as a new root owning all of them. */
    private static VectorSchemaRoot withColumn(VectorSchemaRoot root, FieldVector column) {
        List<FieldVector> vectors = new java.util.ArrayList<>();
        for (FieldVector vector : root.getFieldVectors()) {
            var pair = vector.getTransferPair(allocator);
            pair.transfer();
            vectors.add((FieldVector) pair.getTo());
        }
        vectors.add(column);
        VectorSchemaRoot combined = new VectorSchemaRoot(vectors);
        combined.setRowCount(root.getRowCount());
        return combined;
    }

    /** A VARCHAR vector of {@code values}. */
    private static VarCharVector varchar(String name, String... values) {
        VarCharVector vector = new VarCharVector(name, allocator);
        vector.allocateNew();
        for (int i = 0; i < values.length; i++) {
            vector.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
        }
        vector.setValueCount(values.length);
        return vector;
    }
}

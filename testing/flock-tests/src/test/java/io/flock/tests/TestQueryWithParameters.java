package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.flock.client.FlockClient;
import io.flock.client.FlockTransaction;
import io.flock.client.PreparedQuery;
import io.flock.client.QueryResult;
import io.flock.testing.TestingFlockServer;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flock's one-call parameterized query (docs/flight-sql.md): the wire format as any Flight client
 * would send it, its refusals, and the SDK's use of it for kept statements inside a transaction.
 */
class TestQueryWithParameters {
    private static final String TYPE_URL = "type.flock.io/flock.QueryWithParameters";

    private static TestingFlockServer server;
    private static BufferAllocator allocator;
    private static FlightClient flight;
    private static FlightSqlClient sql;
    private static FlockClient client;

    @BeforeAll
    static void start() {
        server = TestingFlockServer.create();
        allocator = new RootAllocator();
        flight = FlightClient.builder(allocator, Location.forGrpcInsecure(server.host(), server.port())).build();
        sql = new FlightSqlClient(flight);
        client = AdminClients.of(server);
        client.executeUpdate("CREATE TABLE items (id INTEGER, name VARCHAR)");
        client.executeUpdate("INSERT INTO items VALUES (1, 'one'), (2, 'two'), (3, 'three')");
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        sql.close(); // and the FlightClient under it
        allocator.close();
        server.close();
    }

    @Test
    void aPlainFlightClientStartsAQueryWithItsParametersInOneCall() {
        FlightDescriptor command = command(Map.of("flock.sql", "SELECT name FROM items WHERE id >= ? AND name <> ? ORDER BY id"),
                2, "three", 1);
        FlightInfo info = flight.getInfo(command, bearer());
        assertThat(FlightTestSupport.rows(sql, info, bearer())).containsExactly(List.of("two"));
    }

    @Test
    void malformedCommandsAreRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> flight.getInfo(command(Map.of(), 1, "x", 1), bearer()))
                .isInstanceOfSatisfying(FlightRuntimeException.class,
                        e -> assertThat(e.status().code()).isEqualTo(FlightStatusCode.INVALID_ARGUMENT))
                .hasMessageContaining("has no 'flock.sql'");
        assertThatThrownBy(() -> flight.getInfo(command(Map.of("flock.sql", "SELECT ?, ?"), 1, "x", 2), bearer()))
                .hasMessageContaining("exactly one row of parameter values");
        FlightDescriptor garbage = FlightDescriptor.command(Any.newBuilder().setTypeUrl(TYPE_URL)
                .setValue(ByteString.copyFromUtf8("not arrow")).build().toByteArray());
        assertThatThrownBy(() -> flight.getInfo(garbage, bearer()))
                .hasMessageContaining("not a readable Arrow IPC stream");
        assertThatThrownBy(() -> flight.getInfo(command(Map.of("flock.sql", "SELECT name FROM items WHERE id = ?"),
                1, "x", 1)))
                .isInstanceOfSatisfying(FlightRuntimeException.class,
                        e -> assertThat(e.status().code()).isEqualTo(FlightStatusCode.UNAUTHENTICATED));
    }

    @Test
    void keptStatementsWithParametersRunInsideTheirTransaction() {
        try (FlockTransaction transaction = client.beginTransaction();
                PreparedQuery lookup = transaction.prepareStatement("SELECT name FROM items WHERE id = ?")) {
            transaction.executeUpdate("INSERT INTO items VALUES (?, ?)", 10, "ten");
            try (QueryResult inside = lookup.execute(10)) {
                assertThat(inside.fetchAll()).extracting(row -> row.get(0)).containsExactly("ten");
            }
            try (QueryResult outside = client.execute("SELECT name FROM items WHERE id = ?", 10)) {
                assertThat(outside.fetchAll()).isEmpty();
            }
            transaction.rollback();
        }
        try (QueryResult after = client.execute("SELECT count(*) FROM items WHERE id = ?", 10)) {
            assertThat(after.fetchAll()).extracting(row -> row.get(0)).containsExactly(0L);
        }
    }

    @Test
    void rememberedParameterTypesFollowATableChange() {
        client.executeUpdate("CREATE TABLE shapes (c INTEGER, label VARCHAR)");
        client.executeUpdate("INSERT INTO shapes VALUES (1, 'number')");
        String sql = "SELECT label FROM shapes WHERE c = ?";
        try (QueryResult first = client.execute(sql, 1)) {
            assertThat(first.fetchAll()).extracting(row -> row.get(0)).containsExactly("number");
        }
        client.executeUpdate("ALTER TABLE shapes ALTER c TYPE VARCHAR");
        client.executeUpdate("INSERT INTO shapes VALUES ('x', 'text')");
        // The INTEGER the client remembered no longer fits 'x': it asks the server again.
        try (QueryResult again = client.execute(sql, "x")) {
            assertThat(again.fetchAll()).extracting(row -> row.get(0)).containsExactly("text");
        }
        assertThatThrownBy(() -> client.execute(sql, "x", "y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The statement has 1 parameter, but 2 values were given");
    }

    /** The command with {@code metadata} on its schema and {@code rows} rows of (INTEGER, VARCHAR) values. */
    private static FlightDescriptor command(Map<String, String> metadata, int id, String name, int rows) {
        Schema schema = new Schema(List.of(Field.nullable("p1", new ArrowType.Int(32, true)),
                Field.nullable("p2", ArrowType.Utf8.INSTANCE)), metadata);
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            root.allocateNew();
            for (int row = 0; row < rows; row++) {
                ((IntVector) root.getVector(0)).setSafe(row, id);
                ((VarCharVector) root.getVector(1)).setSafe(row, name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            root.setRowCount(rows);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(bytes))) {
                writer.start();
                writer.writeBatch();
                writer.end();
            }
            return FlightDescriptor.command(Any.newBuilder().setTypeUrl(TYPE_URL)
                    .setValue(ByteString.copyFrom(bytes.toByteArray())).build().toByteArray());
        } catch (java.io.IOException e) {
            throw CallStatus.INTERNAL.withCause(e).toRuntimeException();
        }
    }

    private static org.apache.arrow.flight.CallOption bearer() {
        return TestingFlockServer.bearer(server.adminToken());
    }
}

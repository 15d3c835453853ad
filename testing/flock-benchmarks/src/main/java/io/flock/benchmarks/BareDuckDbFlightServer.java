package io.flock.benchmarks;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.NoOpFlightProducer;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;

/**
 * A practical lower bound for any Flight SQL server over DuckDB on this machine: the bare
 * transport ({@link BareFlightServer}) with embedded DuckDB behind it and no server logic at all.
 * GetFlightInfo only echoes the SQL as the ticket (with an empty schema: no planning); DoGet runs
 * it on the network thread's own DuckDB connection (keeping recent statements prepared, as Flock
 * does) and streams DuckDB's Arrow export. No authentication, admission, query tracking, profile
 * or cancel, and no thread hand-off: what a real server such as Flock spends beyond this is its
 * own overhead, and what this limit cannot reach, no such server on these two cores can.
 */
final class BareDuckDbFlightServer extends BareFlightServer {
    private static final int BATCH_ROWS = 1024;

    private final Connections connections;

    private BareDuckDbFlightServer(BufferAllocator allocator, Connections connections) {
        super(allocator, new Producer(allocator, connections), "Arrow Flight over embedded DuckDB without server logic,"
                + " in the benchmark JVM");
        this.connections = connections;
    }

    /** A server over the database of {@code duckDb}, which must outlive it. */
    static BareDuckDbFlightServer over(BufferAllocator allocator, EmbeddedDuckDb duckDb) {
        return new BareDuckDbFlightServer(allocator, new Connections(duckDb.connection()));
    }

    @Override
    public void close() {
        super.close();
        connections.close();
    }

    private static final class Producer extends NoOpFlightProducer {
        private final BufferAllocator allocator;
        private final Connections connections;

        Producer(BufferAllocator allocator, Connections connections) {
            this.allocator = allocator;
            this.connections = connections;
        }

        @Override
        public FlightInfo getFlightInfo(CallContext context, FlightDescriptor descriptor) {
            String sql;
            try {
                sql = Any.parseFrom(descriptor.getCommand()).unpack(CommandStatementQuery.class).getQuery();
            } catch (InvalidProtocolBufferException e) {
                throw CallStatus.INVALID_ARGUMENT.withDescription("Not a CommandStatementQuery: " + e.getMessage())
                        .toRuntimeException();
            }
            Ticket ticket = new Ticket(sql.getBytes(StandardCharsets.UTF_8));
            return new FlightInfo(new Schema(List.of()), descriptor, List.of(new FlightEndpoint(ticket)), -1, -1);
        }

        @Override
        public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
            String sql = new String(ticket.getBytes(), StandardCharsets.UTF_8);
            try (DuckDBResultSet result = (DuckDBResultSet) connections.current().statement(sql).executeQuery();
                    ArrowReader reader = (ArrowReader) result.arrowExportStream(allocator, BATCH_ROWS)) {
                listener.start(reader.getVectorSchemaRoot());
                while (reader.loadNextBatch()) {
                    listener.putNext();
                }
                listener.completed();
            } catch (Exception e) {
                listener.error(CallStatus.INTERNAL.withDescription("Query '" + sql + "' failed: " + e.getMessage())
                        .toRuntimeException());
            }
        }
    }

    /**
     * One DuckDB connection per network thread, duplicated from the benchmark's connection, with its
     * recently run statements kept prepared (as Flock keeps them), so that a repeated text is not
     * planned again.
     */
    private static final class Connections implements AutoCloseable {
        private static final int KEPT_STATEMENTS = 256;

        private final DuckDBConnection database;
        private final ConcurrentLinkedQueue<ThreadConnection> opened = new ConcurrentLinkedQueue<>();
        private final ThreadLocal<ThreadConnection> perThread = ThreadLocal.withInitial(this::open);

        Connections(DuckDBConnection database) {
            this.database = database;
        }

        ThreadConnection current() {
            return perThread.get();
        }

        private ThreadConnection open() {
            try {
                DuckDBConnection connection;
                synchronized (database) {
                    connection = (DuckDBConnection) database.duplicate();
                }
                ThreadConnection opening = new ThreadConnection(connection);
                opened.add(opening);
                return opening;
            } catch (SQLException e) {
                throw CallStatus.INTERNAL.withDescription("Cannot open a DuckDB connection: " + e.getMessage())
                        .toRuntimeException();
            }
        }

        @Override
        public void close() {
            opened.forEach(ThreadConnection::close);
        }
    }

    /** A connection used by one thread only, and its kept statements (least recently used first). */
    private static final class ThreadConnection {
        private final DuckDBConnection connection;
        private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() <= Connections.KEPT_STATEMENTS) {
                    return false;
                }
                closeQuietly(eldest.getValue());
                return true;
            }
        };

        ThreadConnection(DuckDBConnection connection) {
            this.connection = connection;
        }

        PreparedStatement statement(String sql) throws SQLException {
            PreparedStatement statement = statements.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                statements.put(sql, statement);
            }
            return statement;
        }

        void close() {
            statements.values().forEach(ThreadConnection::closeQuietly);
            try {
                connection.close();
            } catch (SQLException e) {
                // The benchmark is ending; the database closes with it.
            }
        }

        private static void closeQuietly(PreparedStatement statement) {
            try {
                statement.close();
            } catch (SQLException e) {
                // A statement of a connection that is going away.
            }
        }
    }
}

package io.flock.benchmarks;

import static java.util.Objects.requireNonNull;

import io.flock.testing.TestingFlockServer;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One Flight SQL client of a Flock server (its own gRPC channel), authenticated as admin. Not
 * thread-safe: give each benchmark thread its own.
 */
final class FlockSession implements AutoCloseable {
    private final FlightSqlClient client;
    private final CallOption bearer;

    FlockSession(FlockEndpoint endpoint, BufferAllocator allocator) {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(allocator, "allocator is null");
        this.client = new FlightSqlClient(FlightClient.builder(allocator,
                Location.forGrpcInsecure(endpoint.host(), endpoint.port())).build());
        this.bearer = TestingFlockServer.bearer(endpoint.adminToken());
    }

    /** Runs a statement that returns no rows. */
    void update(String sql) {
        client.executeUpdate(sql, bearer);
    }

    /** Runs a query and reads its result to the end over every endpoint; returns the row count. */
    @SuppressWarnings("try") // FlightStream.close() may throw InterruptedException; callers handle Exception
    long countRows(String sql) throws Exception {
        FlightInfo info = client.execute(sql, bearer);
        long rows = 0;
        for (FlightEndpoint endpoint : info.getEndpoints()) {
            try (FlightStream stream = client.getStream(endpoint.getTicket(), bearer)) {
                while (stream.next()) {
                    rows += stream.getRoot().getRowCount();
                }
            }
        }
        return rows;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while closing a Flight SQL client", e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot close a Flight SQL client: " + e.getMessage(), e);
        }
    }
}

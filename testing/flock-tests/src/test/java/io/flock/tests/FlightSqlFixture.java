package io.flock.tests;

import io.flock.testing.TestingFlockServer;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** A test server with an allocator, a FlightSqlClient of it and the admin's bearer token, closed together. */
final class FlightSqlFixture implements AutoCloseable {
    private final TestingFlockServer server;
    private final BufferAllocator allocator;
    private final FlightSqlClient sql;
    private final CallOption auth;

    private FlightSqlFixture(TestingFlockServer server, BufferAllocator allocator, FlightSqlClient sql) {
        this.server = server;
        this.allocator = allocator;
        this.sql = sql;
        this.auth = TestingFlockServer.bearer(server.adminToken());
    }

    /** A fixture around a new test server with default settings. */
    static FlightSqlFixture start() {
        return start(TestingFlockServer.create());
    }

    /** A fixture around {@code server} (one built with properties, say), which it then owns and closes. */
    static FlightSqlFixture start(TestingFlockServer server) {
        BufferAllocator allocator = new RootAllocator();
        try {
            return new FlightSqlFixture(server, allocator, server.flightSqlClient(allocator));
        } catch (RuntimeException e) {
            try (server; allocator) {
                // closes what was opened before the failure
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The test server. */
    TestingFlockServer server() {
        return server;
    }

    /** The allocator of {@link #sql()}, free for the test's own vectors too. */
    BufferAllocator allocator() {
        return allocator;
    }

    /** A plaintext FlightSqlClient of {@link #server()}. */
    FlightSqlClient sql() {
        return sql;
    }

    /** The call option that authenticates a call as the server's admin. */
    CallOption auth() {
        return auth;
    }

    /** Closes the client, the allocator and the server, in that order, each even if an earlier one failed. */
    @Override
    public void close() throws Exception {
        try (server; allocator; sql) {
            // resources close in reverse order: sql, allocator, server
        }
    }
}

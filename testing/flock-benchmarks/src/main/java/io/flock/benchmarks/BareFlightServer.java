package io.flock.benchmarks;

import java.io.IOException;
import org.apache.arrow.flight.FlightProducer;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A latency limit: an Arrow Flight server in the benchmark's JVM on a free loopback port whose
 * handlers never block, so they run on gRPC's network threads without a hand-off to an executor,
 * the cheapest configuration of the transport. It accepts any credentials.
 */
abstract class BareFlightServer implements FlockEndpoint {
    private final FlightServer server;
    private final String description;

    BareFlightServer(BufferAllocator allocator, FlightProducer producer, String description) {
        this.description = description;
        try {
            this.server = FlightServer.builder(allocator, Location.forGrpcInsecure("127.0.0.1", 0), producer)
                    .executor(new DirectExecutorService())
                    .build()
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return server.getPort();
    }

    @Override
    public String adminToken() {
        return "unused";
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        try {
            server.shutdown();
            server.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

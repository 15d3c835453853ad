package io.flock.benchmarks;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.NoOpFlightProducer;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The transport's own limit for 1-row queries: an Arrow Flight server that runs no SQL at all.
 * Every GetFlightInfo gets the same FlightInfo and every DoGet one batch of one INTEGER, so a
 * Flight SQL client's query (GetFlightInfo, then DoGet) costs only gRPC and Arrow on both ends. It
 * runs in the benchmark's JVM on a free loopback port and accepts any credentials. Its handlers
 * never block, so they run on gRPC's network threads without a hand-off to an executor: the
 * cheapest configuration of the transport, and so a lower bound for any server behind it.
 */
final class NoEngineFlightServer implements FlockEndpoint {
    private static final Schema ONE_INT = new Schema(List.of(Field.nullable("v", new ArrowType.Int(32, true))));

    private final FlightServer server;

    NoEngineFlightServer(BufferAllocator allocator) {
        NoOpFlightProducer producer = new NoOpFlightProducer() {
            @Override
            public FlightInfo getFlightInfo(CallContext context, FlightDescriptor descriptor) {
                return new FlightInfo(ONE_INT, descriptor, List.of(new FlightEndpoint(new Ticket(new byte[] {1}))), -1, -1);
            }

            @Override
            public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
                try (VectorSchemaRoot root = VectorSchemaRoot.create(ONE_INT, allocator)) {
                    IntVector v = (IntVector) root.getVector(0);
                    v.allocateNew(1);
                    v.set(0, 1);
                    root.setRowCount(1);
                    listener.start(root);
                    listener.putNext();
                    listener.completed();
                }
            }
        };
        try {
            this.server = FlightServer.builder(allocator, Location.forGrpcInsecure("127.0.0.1", 0), producer)
                    .executor(new DirectExecutorService())
                    .build()
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the no-engine Flight server: " + e.getMessage(), e);
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
        return "Arrow Flight server without an engine, in the benchmark JVM";
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

    /** Runs each task on the thread that submits it (gRPC's network thread); nothing to shut down. */
    private static final class DirectExecutorService extends AbstractExecutorService {
        private volatile boolean shutdown;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return shutdown;
        }
    }
}

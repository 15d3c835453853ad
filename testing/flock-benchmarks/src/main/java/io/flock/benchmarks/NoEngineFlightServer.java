package io.flock.benchmarks;

import java.util.List;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
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
 * Flight SQL client's query (GetFlightInfo, then DoGet) costs only gRPC and Arrow on both ends: a
 * lower bound for any server behind this transport.
 */
final class NoEngineFlightServer extends BareFlightServer {
    private static final Schema ONE_INT = new Schema(List.of(Field.nullable("v", new ArrowType.Int(32, true))));

    NoEngineFlightServer(BufferAllocator allocator) {
        super(allocator, new NoOpFlightProducer() {
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
        }, "Arrow Flight server without an engine, in the benchmark JVM");
    }
}

package io.flock.flight;

import static java.util.Objects.requireNonNull;

import io.flock.engine.worker.RootSequenceReader;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** The batches a client sends on a {@code DoPut}, as an Arrow stream for the engine's write primitive. */
final class FlightStreamReader extends RootSequenceReader {
    private final FlightStream stream;

    FlightStreamReader(BufferAllocator allocator, FlightStream stream) {
        super(allocator);
        this.stream = requireNonNull(stream, "stream is null");
    }

    @Override
    protected VectorSchemaRoot nextRoot() {
        return stream.next() ? stream.getRoot() : null;
    }

    @Override
    protected Schema readSchema() {
        return stream.getSchema();
    }
}

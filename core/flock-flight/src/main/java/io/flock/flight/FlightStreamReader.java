package io.flock.flight;

import static java.util.Objects.requireNonNull;

import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/** The batches a client sends on a {@code DoPut}, as an {@link ArrowReader} for the engine's write primitive. */
final class FlightStreamReader extends ArrowReader {
    private final FlightStream stream;

    FlightStreamReader(BufferAllocator allocator, FlightStream stream) {
        super(allocator);
        this.stream = requireNonNull(stream, "stream is null");
    }

    @Override
    public boolean loadNextBatch() throws java.io.IOException {
        ensureInitialized();
        if (!stream.next()) {
            return false;
        }
        try (ArrowRecordBatch batch = new VectorUnloader(stream.getRoot()).getRecordBatch()) {
            loadRecordBatch(batch);
        }
        return true;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
    }

    @Override
    protected Schema readSchema() {
        return stream.getSchema();
    }
}

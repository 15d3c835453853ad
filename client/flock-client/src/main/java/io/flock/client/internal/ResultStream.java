package io.flock.client.internal;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The row stream of one query (a Flight {@code DoGet}), opened on first use and read one batch
 * at a time, so memory stays bounded by a batch whatever the result size. Not thread-safe.
 */
public final class ResultStream implements AutoCloseable {
    private final Supplier<FlightStream> opener;
    private FlightStream stream;
    private boolean completed;
    private boolean closed;

    /** @param opener opens the stream; called at most once */
    public ResultStream(Supplier<FlightStream> opener) {
        this.opener = requireNonNull(opener, "opener is null");
    }

    /** Moves to the next batch; false at the end of the result. */
    public boolean nextBatch() {
        if (completed) {
            return false;
        }
        try {
            if (!open().next()) {
                completed = true;
                return false;
            }
            return true;
        } catch (FlightRuntimeException e) {
            completed = true;
            throw ErrorMapper.map(e);
        }
    }

    /** The current batch; its contents change with each {@link #nextBatch()}. */
    public VectorSchemaRoot root() {
        return open().getRoot();
    }

    /** The schema of the stream, the authoritative one (opens the stream). */
    public Schema schema() {
        try {
            return open().getSchema();
        } catch (FlightRuntimeException e) {
            completed = true;
            throw ErrorMapper.map(e);
        }
    }

    /** Whether the end of the result was reached (or the stream failed). */
    public boolean completed() {
        return completed;
    }

    private FlightStream open() {
        if (closed) {
            throw new IllegalStateException("The query result is closed");
        }
        if (stream == null) {
            try {
                stream = opener.get();
            } catch (FlightRuntimeException e) {
                completed = true;
                throw ErrorMapper.map(e);
            }
        }
        return stream;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (stream != null) {
            try {
                if (!completed) {
                    stream.cancel("closed by the client before the end of the result", null);
                }
                stream.close();
            } catch (Exception e) {
                // The stream was cancelled or failed already; nothing is left to free.
            }
        }
    }
}

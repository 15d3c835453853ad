package io.flock.flight;

import io.flock.engine.ingest.BatchOutcome;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.arrow.flight.ActionType;

/**
 * The wire format of ingest streams over Arrow Flight (docs/ingest.md): the open action, the
 * {@code DoPut} descriptor path, each batch's {@code app_metadata} and each acknowledgement's.
 * The SDK holds its own copy of these constants (it depends on no server module).
 */
final class IngestProtocol {
    /** Opens or resumes a stream. Body: JSON; results: JSON, then the table's Arrow schema. */
    static final ActionType OPEN_STREAM = new ActionType("flock.open-stream",
            "Open or resume an ingest stream. Body: JSON {database, schema, table, streamId?, mode}."
                    + " Results: JSON {database, schema, table, streamId, nextSequence, committedRows, opening, primaryKey},"
                    + " then the table's Arrow schema (IPC).");
    /** The first element of the path of an ingest {@code DoPut} descriptor. */
    static final String PATH_MARKER = "flock.ingest";
    /**
     * The path: marker, database, schema, table, stream id, mode, and optionally the opening token
     * the open action answered (a call without it fences every earlier opening of the stream).
     */
    static final int PATH_LENGTH = 6;
    /** A batch's app_metadata: sequence (8 bytes), index of its first row in the stream (8 bytes; -1 unknown). */
    static final int BATCH_METADATA_BYTES = 16;
    /** An acknowledgement: sequence (8), rows applied (8), duplicate flag (1). */
    static final int ACK_BYTES = 17;

    private IngestProtocol() {
    }

    static boolean isIngest(List<String> path) {
        return !path.isEmpty() && path.get(0).equals(PATH_MARKER);
    }

    /** The batch's sequence and first row index from its app_metadata. */
    static long[] batchMetadata(byte[] metadata) {
        if (metadata == null || metadata.length < 8) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT, "An ingest batch needs its sequence in the"
                    + " batch's app_metadata (8 bytes big-endian, then optionally the first row index)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(metadata);
        long sequence = buffer.getLong();
        long firstRow = metadata.length >= BATCH_METADATA_BYTES ? buffer.getLong() : -1;
        return new long[] {sequence, firstRow};
    }

    static byte[] ack(BatchOutcome outcome) {
        return ByteBuffer.allocate(ACK_BYTES).putLong(outcome.sequence()).putLong(outcome.rows())
                .put((byte) (outcome.duplicate() ? 1 : 0)).array();
    }
}

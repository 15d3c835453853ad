package io.flock.client.internal.ingest;

import java.nio.ByteBuffer;
import org.apache.arrow.flight.FlightDescriptor;

/**
 * The SDK's copy of the ingest wire format (docs/ingest.md; the server's is
 * {@code io.flock.flight.IngestProtocol}): the open action, the {@code DoPut} descriptor path, a
 * batch's app_metadata and an acknowledgement's.
 */
final class IngestWire {
    static final String OPEN_STREAM_ACTION = "flock.open-stream";
    static final String PATH_MARKER = "flock.ingest";
    static final int ACK_BYTES = 17;

    private IngestWire() {
    }

    /**
     * The {@code DoPut} descriptor of a stream's batches; {@code opening} is the token the open action
     * answered (0 from a server that answers none: the path then has no opening).
     */
    static FlightDescriptor descriptor(String database, String schema, String table, String streamId, String mode,
                                       long opening) {
        return opening == 0 ? FlightDescriptor.path(PATH_MARKER, database, schema, table, streamId, mode)
                : FlightDescriptor.path(PATH_MARKER, database, schema, table, streamId, mode, Long.toString(opening));
    }

    static byte[] batchMetadata(long sequence, long firstRow) {
        return ByteBuffer.allocate(16).putLong(sequence).putLong(firstRow).array();
    }

    /** An acknowledgement: sequence, rows applied, duplicate flag. */
    record Ack(long sequence, long rows, boolean duplicate) {
        static Ack parse(byte[] bytes) {
            if (bytes == null || bytes.length < ACK_BYTES) {
                throw new IllegalStateException("The server sent an ingest acknowledgement of "
                        + (bytes == null ? 0 : bytes.length) + " bytes; expected " + ACK_BYTES);
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new Ack(buffer.getLong(), buffer.getLong(), buffer.get() != 0);
        }
    }
}

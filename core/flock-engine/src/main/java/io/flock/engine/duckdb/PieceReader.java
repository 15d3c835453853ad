package io.flock.engine.duckdb;

import static java.util.Objects.requireNonNull;

import io.flock.engine.bulk.UploadPiece;
import io.flock.engine.bulk.UploadPieces;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The rows of an upload that arrives in pieces, as one Arrow stream: each piece is read by a query
 * of its own when the stream gets to it, in upload order, and its batches are moved (not copied)
 * into this reader's root. A piece read to its end is given back ({@link UploadPieces#done}).
 *
 * <p>Not thread-safe: one consumer reads it, as any {@link ArrowReader}.
 */
final class PieceReader extends ArrowReader {
    /** Opens the rows of one piece; the reader it returns maps errors to the lines of the upload. */
    @FunctionalInterface
    interface PieceOpener {
        ArrowReader open(UploadPiece piece);
    }

    private final UploadPieces pieces;
    private final PieceOpener opener;
    private UploadPiece piece;
    private ArrowReader current;

    /** Starts with the first piece, which is opened at once (its schema is the stream's). */
    PieceReader(BufferAllocator allocator, UploadPieces pieces, UploadPiece first, PieceOpener opener) {
        super(allocator);
        this.pieces = requireNonNull(pieces, "pieces is null");
        this.opener = requireNonNull(opener, "opener is null");
        this.piece = requireNonNull(first, "first is null");
        this.current = opener.open(first);
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        VectorSchemaRoot root = getVectorSchemaRoot();
        while (current != null) {
            if (current.loadNextBatch()) {
                VectorSchemaRoot batch = current.getVectorSchemaRoot();
                List<FieldVector> from = batch.getFieldVectors();
                for (int i = 0; i < from.size(); i++) {
                    from.get(i).makeTransferPair(root.getVector(i)).transfer();
                }
                root.setRowCount(batch.getRowCount());
                return true;
            }
            closeCurrent();
            pieces.done(piece);
            Optional<UploadPiece> next = pieces.next();
            if (next.isEmpty()) {
                break;
            }
            piece = next.get();
            current = opener.open(piece);
        }
        root.setRowCount(0);
        return false;
    }

    private void closeCurrent() throws IOException {
        ArrowReader closing = current;
        current = null;
        closing.close();
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() throws IOException {
        if (current != null) {
            closeCurrent();
        }
    }

    @Override
    protected Schema readSchema() throws IOException {
        return current.getVectorSchemaRoot().getSchema();
    }
}

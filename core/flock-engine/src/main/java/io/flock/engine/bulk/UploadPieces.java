package io.flock.engine.bulk;

import java.util.Optional;

/**
 * The pieces of a CSV or TSV upload, handed out in order while the upload still arrives, so that
 * reading it overlaps receiving it ({@link BulkCodec#readPieces}).
 *
 * <p>Implementations are thread-safe: one thread adds pieces while another takes them.
 */
public interface UploadPieces {
    /**
     * The next piece, waiting until it has arrived; empty once the upload is complete and every
     * piece was handed out.
     *
     * @throws io.flock.spi.FlockException when the upload broke off or was abandoned (the message
     *     says why); the import must then fail
     */
    Optional<UploadPiece> next();

    /** Tells that {@code piece} was read to its end and its file may be deleted. */
    void done(UploadPiece piece);
}

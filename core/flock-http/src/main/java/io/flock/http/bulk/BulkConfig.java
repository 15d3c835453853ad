package io.flock.http.bulk;

import static java.util.Objects.requireNonNull;

import io.flock.spi.DataSize;
import java.time.Duration;

/**
 * Settings of the bulk endpoints.
 *
 * @param idleTimeout how long a parallel import or a parallel export may stay unused before it is
 *     discarded and its spool files deleted
 * @param importPieceSize the size of the pieces a CSV or TSV import is cut into while it arrives
 *     (each is parsed while the next arrives); a piece ends at the first record end from this size
 */
public record BulkConfig(Duration idleTimeout, DataSize importPieceSize) {
    /** The default {@link #importPieceSize}. */
    public static final DataSize DEFAULT_IMPORT_PIECE_SIZE = DataSize.ofMegabytes(32);

    public BulkConfig {
        requireNonNull(idleTimeout, "idleTimeout is null");
        requireNonNull(importPieceSize, "importPieceSize is null");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
        if (importPieceSize.bytes() < 1) {
            throw new IllegalArgumentException("importPieceSize must be positive");
        }
    }

    /** Settings with the default {@link #importPieceSize}. */
    public BulkConfig(Duration idleTimeout) {
        this(idleTimeout, DEFAULT_IMPORT_PIECE_SIZE);
    }
}

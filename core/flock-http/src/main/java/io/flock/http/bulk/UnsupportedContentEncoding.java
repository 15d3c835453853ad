package io.flock.http.bulk;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;

/**
 * An upload whose {@code Content-Encoding} the server cannot decode. HTTP answers that with 415
 * Unsupported Media Type and an {@code Accept-Encoding} header naming the codings it can decode
 * (RFC 9110, section 15.5.16), not with the status its error code (NOT_SUPPORTED) has elsewhere:
 * {@link BulkEndpoints} sends that answer ({@link HttpBodies#unsupportedEncoding}). It is raised
 * before any byte of the body is read, so nothing is imported or staged.
 */
final class UnsupportedContentEncoding extends FlockException {
    static final int STATUS = 415;
    /** The codings an upload may carry, as the {@code Accept-Encoding} header of the answer lists them. */
    static final String ACCEPTED = "gzip, zstd, identity";

    UnsupportedContentEncoding(String encoding) {
        super(ErrorCode.NOT_SUPPORTED, "The Content-Encoding '" + encoding + "' is not supported; the server"
                + " decodes gzip and zstd (Content-Encoding gzip or zstd, or the query parameter compression=gzip"
                + " or zstd), or takes the body as it is (no Content-Encoding, or identity); nothing was read");
    }
}

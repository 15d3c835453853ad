package io.flock.http.bulk;

import io.flock.http.HttpErrors;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;

/**
 * An upload whose {@code Content-Encoding} the server cannot decode. HTTP answers that with 415
 * Unsupported Media Type and an {@code Accept-Encoding} header naming the codings it can decode
 * (RFC 9110, section 15.5.16), not with the status its error code (NOT_SUPPORTED) has elsewhere
 * ({@link HttpErrors.HttpAnswer}). It is raised before any byte of the body is read, so nothing is
 * imported or staged.
 */
final class UnsupportedContentEncoding extends FlockException implements HttpErrors.HttpAnswer {
    /** The codings an upload may carry, as the {@code Accept-Encoding} header of the answer lists them. */
    private static final String ACCEPTED = "gzip, zstd, identity";

    UnsupportedContentEncoding(String encoding) {
        super(ErrorCode.NOT_SUPPORTED, "The Content-Encoding '" + encoding + "' is not supported; the server"
                + " decodes gzip and zstd (Content-Encoding gzip or zstd, or the query parameter compression=gzip"
                + " or zstd), or takes the body as it is (no Content-Encoding, or identity); nothing was read");
    }

    @Override
    public int httpStatus() {
        return 415;
    }

    @Override
    public Map<HttpHeader, String> httpHeaders() {
        return Map.of(HttpHeader.ACCEPT_ENCODING, ACCEPTED);
    }
}

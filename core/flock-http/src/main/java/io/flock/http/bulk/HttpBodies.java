package io.flock.http.bulk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flock.http.HttpErrors;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the bodies of bulk responses: small JSON answers, and streamed files. */
final class HttpBodies {
    private static final Logger log = LoggerFactory.getLogger(HttpBodies.class);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROWS_TRAILER = "x-flock-rows";
    static final String STATUS_TRAILER = "x-flock-status";

    private HttpBodies() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static void json(Response response, Callback callback, int status, ObjectNode body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body.toString().getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** Writes a streamed body; returns its row count. */
    @FunctionalInterface
    interface BodyWriter {
        long write(BodyOutput out) throws IOException;
    }

    /**
     * Sends a 200 response whose body {@code writer} produces, compressed with {@code compression}.
     * A complete body ends with the trailers {@code x-flock-status: ok} and {@code x-flock-rows}; a
     * failure once the body has begun aborts the response (no terminating chunk), so no client
     * mistakes a cut-off body for a complete one. Returns the failure, or null on success.
     */
    static Throwable stream(Response response, Callback callback, String contentType, String fileName,
                            Compression compression, BodyWriter writer) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, compression.mediaType(contentType));
        response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName
                + compression.suffix() + "\"");
        HttpFields.Mutable trailers = HttpFields.build();
        response.setTrailersSupplier(() -> trailers);
        try {
            BodyOutput body = BodyOutput.of(response, compression);
            long rows = writer.write(body);
            trailers.put(ROWS_TRAILER, Long.toString(rows));
            trailers.put(STATUS_TRAILER, "ok");
            body.close();
            callback.succeeded();
            return null;
        } catch (Throwable e) {
            if (!response.isCommitted()) {
                // nothing was sent yet: the status and a problem JSON can still say what went wrong
                problem(response, callback, e);
                return e;
            }
            log.debug("Aborting a bulk response: {}", e.toString());
            callback.failed(e);
            return e;
        }
    }

    private static void problem(Response response, Callback callback, Throwable e) {
        FlockException error = e instanceof IOException
                ? new FlockException(ErrorCode.IO_ERROR, "The export failed: " + e.getMessage(), e)
                : HttpErrors.toFlock(e);
        response.setTrailersSupplier(null);
        response.getHeaders().remove(HttpHeader.CONTENT_DISPOSITION);
        response.setStatus(HttpErrors.status(error));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        response.write(true, ByteBuffer.wrap(HttpErrors.problemJson(error).getBytes(StandardCharsets.UTF_8)), callback);
    }
}

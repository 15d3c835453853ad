package io.flock.flight;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.ErrorFlightMetadata;
import org.apache.arrow.flight.FlightRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapping from Flock's error model to Flight status. The status code tells generic
 * clients what kind of failure it was; the metadata tells Flock's clients exactly:
 * {@code flock-error-code}, {@code flock-error-name}, {@code flock-error-type},
 * {@code flock-sqlstate}, {@code flock-query-id} and, when one row of a write failed it,
 * {@code flock-error-row} (0-based within the write or ingest batch as sent) and
 * {@code flock-error-column} (percent-encoded UTF-8, as gRPC's ASCII metadata needs). No stack
 * trace leaves the server.
 */
public final class FlightErrors {
    public static final String ERROR_CODE = "flock-error-code";
    public static final String ERROR_NAME = "flock-error-name";
    public static final String ERROR_TYPE = "flock-error-type";
    public static final String SQLSTATE = "flock-sqlstate";
    public static final String QUERY_ID = "flock-query-id";
    public static final String ERROR_ROW = "flock-error-row";
    public static final String ERROR_COLUMN = "flock-error-column";
    private static final Logger log = LoggerFactory.getLogger(FlightErrors.class);

    private FlightErrors() {
    }

    public static FlightRuntimeException toFlight(Throwable error) {
        if (error instanceof FlightRuntimeException flight) {
            return flight;
        }
        FlockException flock;
        if (error instanceof FlockException f) {
            flock = f;
        } else {
            log.error("Unexpected error in a Flight call", error);
            flock = new FlockException(ErrorCode.INTERNAL, "Internal error: " + error.getClass().getSimpleName()
                    + (error.getMessage() == null ? "" : ": " + error.getMessage()));
        }
        ErrorFlightMetadata metadata = new ErrorFlightMetadata();
        ErrorCode code = flock.errorCode();
        metadata.insert(ERROR_CODE, Integer.toString(code.code()));
        metadata.insert(ERROR_NAME, code.name());
        metadata.insert(ERROR_TYPE, code.type().name());
        metadata.insert(SQLSTATE, code.sqlState());
        flock.queryId().ifPresent(id -> metadata.insert(QUERY_ID, id.value()));
        flock.rowLocation().ifPresent(location -> {
            metadata.insert(ERROR_ROW, Long.toString(location.row()));
            location.column().ifPresent(column -> metadata.insert(ERROR_COLUMN, percentEncoded(column)));
        });
        String message = flock.queryId().map(id -> "Query failed (#" + id + "): ").orElse("") + flock.getMessage();
        return statusOf(code).withDescription(bounded(message)).withMetadata(metadata).toRuntimeException();
    }

    private static CallStatus statusOf(ErrorCode code) {
        return switch (code) {
            case NOT_FOUND, DATABASE_NOT_FOUND, QUERY_NOT_FOUND, STATEMENT_NOT_FOUND -> CallStatus.NOT_FOUND;
            case ALREADY_EXISTS -> CallStatus.ALREADY_EXISTS;
            case PERMISSION_DENIED -> CallStatus.UNAUTHORIZED;
            case AUTHENTICATION_FAILED -> CallStatus.UNAUTHENTICATED;
            case QUERY_CANCELLED -> CallStatus.CANCELLED;
            case QUERY_TIMEOUT -> CallStatus.TIMED_OUT;
            case TOO_MANY_QUERIES, OUT_OF_MEMORY -> CallStatus.RESOURCE_EXHAUSTED;
            case SERVER_SHUTTING_DOWN -> CallStatus.UNAVAILABLE;
            case NOT_SUPPORTED -> CallStatus.UNIMPLEMENTED;
            case INTERNAL, IO_ERROR -> CallStatus.INTERNAL;
            default -> CallStatus.INVALID_ARGUMENT;
        };
    }

    /**
     * {@code text} as printable ASCII for a gRPC metadata value: each byte of the UTF-8 of a
     * character outside {@code ' '..'~'}, and of {@code '%'}, becomes {@code %XX}.
     */
    private static String percentEncoded(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            if (b >= ' ' && b <= '~' && b != '%') {
                out.append((char) b);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    /** gRPC status descriptions travel in a header: keep them well under its size limit (4 KiB of UTF-8). */
    private static String bounded(String message) {
        if (message.getBytes(StandardCharsets.UTF_8).length <= 4096) {
            return message;
        }
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < message.length(); ) {
            int codePoint = message.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > 4000) {
                break;
            }
            out.appendCodePoint(codePoint);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return out.append(" … (truncated)").toString();
    }
}

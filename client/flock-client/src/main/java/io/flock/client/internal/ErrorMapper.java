package io.flock.client.internal;

import io.flock.client.FlockAuthenticationException;
import io.flock.client.FlockCancelledException;
import io.flock.client.FlockConnectionException;
import io.flock.client.FlockErrorType;
import io.flock.client.FlockException;
import io.flock.client.FlockPermissionException;
import io.flock.client.FlockQueryException;
import io.flock.client.FlockThrottledException;
import io.flock.client.FlockTimeoutException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.arrow.flight.ErrorFlightMetadata;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;

/**
 * The one place where a Flight error becomes a {@link FlockException}: reads Flock's error
 * metadata ({@code flock-error-code}, …) from the gRPC status and picks the subclass. A failing
 * row the server named ({@code flock-error-row}, {@code flock-error-column}) goes to
 * {@link FlockException#row()} and {@link FlockException#column()}.
 */
public final class ErrorMapper {
    static final String ERROR_CODE = "flock-error-code";
    static final String ERROR_NAME = "flock-error-name";
    static final String ERROR_TYPE = "flock-error-type";
    static final String SQLSTATE = "flock-sqlstate";
    static final String QUERY_ID = "flock-query-id";
    static final String ERROR_ROW = "flock-error-row";
    static final String ERROR_COLUMN = "flock-error-column";

    private static final int PERMISSION_DENIED = 10;
    private static final int AUTHENTICATION_FAILED = 11;
    private static final int QUERY_CANCELLED = 14;
    private static final int QUERY_TIMEOUT = 100;
    private static final int TOO_MANY_QUERIES = 101;
    private static final int OUT_OF_MEMORY = 102;
    private static final int SERVER_SHUTTING_DOWN = 103;

    private ErrorMapper() {
    }

    /** The Flock exception for a failed Flight call, keeping the server's message. */
    public static FlockException map(FlightRuntimeException e) {
        return map(e, null);
    }

    /** As {@link #map(FlightRuntimeException)}, with {@code message} instead of the server's. */
    public static FlockException map(FlightRuntimeException e, String message) {
        ErrorFlightMetadata metadata = e.status().metadata();
        FlightStatusCode status = e.status().code();
        String text = message != null ? message : describe(e);
        String codeText = get(metadata, ERROR_CODE);
        if (codeText == null) {
            return unclassified(e, status, text);
        }
        int code = parseCode(codeText);
        String name = orElse(get(metadata, ERROR_NAME), status.name());
        FlockErrorType type = parseType(get(metadata, ERROR_TYPE));
        String sqlState = orElse(get(metadata, SQLSTATE), "HY000");
        String queryId = get(metadata, QUERY_ID);
        boolean retryable = code == TOO_MANY_QUERIES || code == OUT_OF_MEMORY || code == SERVER_SHUTTING_DOWN;
        return switch (code) {
            case AUTHENTICATION_FAILED ->
                    new FlockAuthenticationException(text, queryId, code, name, type, sqlState, false, e);
            case PERMISSION_DENIED -> new FlockPermissionException(text, queryId, code, name, type, sqlState, false, e);
            case QUERY_CANCELLED -> new FlockCancelledException(text, queryId, code, name, type, sqlState, false, e);
            case QUERY_TIMEOUT -> new FlockTimeoutException(text, queryId, code, name, type, sqlState, false, e);
            case TOO_MANY_QUERIES, OUT_OF_MEMORY ->
                    new FlockThrottledException(text, queryId, code, name, type, sqlState, true, e);
            case SERVER_SHUTTING_DOWN ->
                    new FlockConnectionException(text, queryId, code, name, type, sqlState, true, e);
            default -> new FlockQueryException(text, queryId, code, name, type, sqlState, retryable,
                    parseRow(get(metadata, ERROR_ROW)), parseColumn(get(metadata, ERROR_COLUMN)), e);
        };
    }

    /** Whether the call failed because the server could not be reached or is going away. */
    public static boolean isUnavailable(FlightRuntimeException e) {
        if (e.status().code() == FlightStatusCode.UNAVAILABLE) {
            return true;
        }
        // A server that goes away mid-call resets its HTTP/2 streams; gRPC reports that as INTERNAL
        // with no Flock error metadata. It is a transport failure, as retryable as UNAVAILABLE.
        String description = e.status().description();
        return e.status().code() == FlightStatusCode.INTERNAL && description != null
                && description.contains("RST_STREAM") && e.status().metadata().get("flock-error-code") == null;
    }

    private static FlockException unclassified(FlightRuntimeException e, FlightStatusCode status, String text) {
        int code = FlockException.UNKNOWN_CODE;
        String name = status.name();
        return switch (status) {
            case UNAUTHENTICATED ->
                    new FlockAuthenticationException(text, null, code, name, FlockErrorType.USER_ERROR, "28000", false, e);
            case UNAUTHORIZED ->
                    new FlockPermissionException(text, null, code, name, FlockErrorType.USER_ERROR, "42501", false, e);
            case UNAVAILABLE ->
                    new FlockConnectionException(text, null, code, name, FlockErrorType.EXTERNAL, "08006", true, e);
            case TIMED_OUT ->
                    new FlockTimeoutException(text, null, code, name, FlockErrorType.EXTERNAL, "57014", false, e);
            case CANCELLED ->
                    new FlockCancelledException(text, null, code, name, FlockErrorType.USER_ERROR, "57014", false, e);
            case RESOURCE_EXHAUSTED -> new FlockThrottledException(text, null, code, name,
                    FlockErrorType.INSUFFICIENT_RESOURCES, "53000", true, e);
            case INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, UNIMPLEMENTED ->
                    new FlockQueryException(text, null, code, name, FlockErrorType.USER_ERROR, "42000", false, e);
            default -> new FlockException(text, null, code, name, FlockErrorType.INTERNAL_ERROR, "XX000", false, e);
        };
    }

    private static String describe(FlightRuntimeException e) {
        String description = e.status().description();
        if (description != null && !description.isBlank()) {
            return description;
        }
        Throwable cause = e.status().cause() != null ? e.status().cause() : e.getCause();
        return e.status().code() + (cause != null ? ": " + cause : "");
    }

    private static int parseCode(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return FlockException.UNKNOWN_CODE;
        }
    }

    /** The failing row the server named; empty when absent or not a row number. */
    private static OptionalLong parseRow(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        try {
            long row = Long.parseLong(text.trim());
            return row < 0 ? OptionalLong.empty() : OptionalLong.of(row);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The column the server named, percent-decoded (the server encodes what is not printable ASCII). */
    private static Optional<String> parseColumn(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                bytes.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c);
            }
        }
        return Optional.of(bytes.toString(StandardCharsets.UTF_8));
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static FlockErrorType parseType(String text) {
        if (text == null) {
            return FlockErrorType.INTERNAL_ERROR;
        }
        try {
            return FlockErrorType.valueOf(text.trim());
        } catch (IllegalArgumentException e) {
            return FlockErrorType.INTERNAL_ERROR;
        }
    }

    /** The value of {@code key}, or null: ErrorFlightMetadata.get throws for absent keys. */
    private static String get(ErrorFlightMetadata metadata, String key) {
        return metadata != null && metadata.containsKey(key) ? metadata.get(key) : null;
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}

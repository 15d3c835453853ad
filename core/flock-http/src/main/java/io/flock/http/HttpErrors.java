package io.flock.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapping from Flock's error model to HTTP: a status code and an RFC 9457 problem-JSON
 * body with Flock's code, name, type, SQLSTATE and query id, and, when one row of a write failed
 * it, that row ({@code row}, 0-based within the write as sent) and column ({@code column}). No
 * stack trace leaves the server.
 */
public final class HttpErrors {
    private static final Logger log = LoggerFactory.getLogger(HttpErrors.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpErrors() {
    }

    /** The error as Flock's error model; unexpected ones are logged and become INTERNAL. */
    public static FlockException toFlock(Throwable error) {
        if (error instanceof FlockException flock) {
            return flock;
        }
        log.error("Unexpected error in an HTTP call", error);
        return new FlockException(ErrorCode.INTERNAL, "Internal error: " + error.getClass().getSimpleName());
    }

    /**
     * An error whose HTTP answer differs from its code's: its own status, and headers the answer
     * carries (e.g. 415 with {@code Accept-Encoding} for an encoding the server cannot decode).
     */
    public interface HttpAnswer {
        int httpStatus();

        Map<HttpHeader, String> httpHeaders();
    }

    /** The HTTP status of an error: its own if it has one ({@link HttpAnswer}), else its code's. */
    public static int status(FlockException error) {
        return error instanceof HttpAnswer answer ? answer.httpStatus() : status(error.errorCode());
    }

    /** The HTTP status of an error code. */
    public static int status(ErrorCode code) {
        return switch (code) {
            case AUTHENTICATION_FAILED -> 401;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND, DATABASE_NOT_FOUND, QUERY_NOT_FOUND -> 404;
            case ALREADY_EXISTS, TRANSACTION_CONFLICT -> 409;
            case TOO_MANY_QUERIES -> 429;
            case NOT_SUPPORTED -> 501;
            case SERVER_SHUTTING_DOWN -> 503;
            case QUERY_TIMEOUT -> 504;
            case OUT_OF_MEMORY, INTERNAL, IO_ERROR -> 500;
            default -> 400;
        };
    }

    /** The RFC 9457 problem-JSON body of an error. */
    public static String problemJson(FlockException error) {
        ErrorCode code = error.errorCode();
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "https://flock.dev/errors/" + code.name().toLowerCase(java.util.Locale.ROOT));
        node.put("title", code.name());
        node.put("status", status(error));
        node.put("detail", error.getMessage());
        node.put("code", code.code());
        node.put("errorType", code.type().name());
        node.put("sqlState", code.sqlState());
        error.queryId().ifPresent(id -> node.put("queryId", id.value()));
        error.rowLocation().ifPresent(location -> {
            node.put("row", location.row());
            location.column().ifPresent(column -> node.put("column", column));
        });
        return node.toString();
    }

    /**
     * An error answer to a request with a body ends the connection, and says so: the body may be
     * unread (a refused upload: bad credentials, no grant, a bad parameter), Jetty cannot keep such a
     * connection, and a client that reuses it without being told (Java's HttpClient, pooled clients)
     * fails its next request on a connection the server already closed. Whether the body was read
     * to its end is not tracked: a failed upload costs its client one new connection.
     */
    public static void closeIfRequestHasBody(Request request, Response response) {
        if (request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
    }

    /** The headers of an error's own HTTP answer ({@link HttpAnswer}), if it has one. */
    public static void addHeaders(FlockException error, Response response) {
        if (error instanceof HttpAnswer answer) {
            answer.httpHeaders().forEach((name, value) -> response.getHeaders().put(name, value));
        }
    }
}

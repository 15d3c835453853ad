package io.flock.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flock.client.FlockAuthenticationException;
import io.flock.client.FlockCancelledException;
import io.flock.client.FlockConnectionException;
import io.flock.client.FlockErrorType;
import io.flock.client.FlockException;
import io.flock.client.FlockPermissionException;
import io.flock.client.FlockQueryException;
import io.flock.client.FlockThrottledException;
import io.flock.client.FlockTimeoutException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Maps an HTTP error answer (problem JSON, docs/http-api.md) to the client's exceptions. */
final class ProblemErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemErrors() {
    }

    static FlockException map(int status, byte[] body, String what) {
        JsonNode problem = null;
        try {
            problem = body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            // not problem JSON: described by status and text below
        }
        String detail = text(problem, "detail", new String(body, StandardCharsets.UTF_8).strip());
        String message = "The " + what + " failed (HTTP " + status + "): " + (detail.isEmpty() ? "no details" : detail);
        String queryId = text(problem, "queryId", null);
        int code = problem != null && problem.hasNonNull("code") ? problem.get("code").asInt() : FlockException.UNKNOWN_CODE;
        String name = text(problem, "title", "HTTP_" + status);
        String sqlState = text(problem, "sqlState", "HY000");
        FlockErrorType type = type(text(problem, "errorType", null), status);
        return switch (status) {
            case 401 -> new FlockAuthenticationException(message, queryId, code, name, type, sqlState, false, null);
            case 403 -> new FlockPermissionException(message, queryId, code, name, type, sqlState, false, null);
            case 429 -> new FlockThrottledException(message, queryId, code, name, type, sqlState, true, null);
            case 503 -> new FlockConnectionException(message, queryId, code, name, type, sqlState, true, null);
            case 504 -> new FlockTimeoutException(message, queryId, code, name, type, sqlState, false, null);
            default -> code == 14 ? new FlockCancelledException(message, queryId, code, name, type, sqlState, false, null)
                    : new FlockQueryException(message, queryId, code, name, type, sqlState, false, null);
        };
    }

    private static FlockErrorType type(String text, int status) {
        if (text != null) {
            try {
                return FlockErrorType.valueOf(text);
            } catch (IllegalArgumentException e) {
                // fall through
            }
        }
        return status >= 500 ? FlockErrorType.INTERNAL_ERROR : FlockErrorType.USER_ERROR;
    }

    private static String text(JsonNode node, String field, String fallback) {
        return node != null && node.hasNonNull(field) ? node.get(field).asText() : fallback;
    }
}

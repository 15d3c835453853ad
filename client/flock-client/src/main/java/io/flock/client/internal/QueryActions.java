package io.flock.client.internal;

import static java.util.Objects.requireNonNull;

import io.flock.client.QueryState;
import io.flock.client.QueryStats;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.Result;

/** Flock's own Flight actions on a query id: {@code flock.cancel-query} and {@code flock.explain-analyze}. Thread-safe. */
public final class QueryActions {
    static final String CANCEL_QUERY = "flock.cancel-query";
    static final String EXPLAIN_ANALYZE = "flock.explain-analyze";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Transport transport;
    private final Retrier retrier;

    public QueryActions(Transport transport, Retrier retrier) {
        this.transport = requireNonNull(transport, "transport is null");
        this.retrier = requireNonNull(retrier, "retrier is null");
    }

    /** Cancels the query; returns its state afterwards. Cancelling twice is harmless, so it is retried. */
    public QueryState cancel(String queryId) {
        JsonNode result = retrier.idempotent("Cancelling query " + queryId, () -> call(CANCEL_QUERY, queryId));
        return QueryState.valueOf(result.path("state").asText());
    }

    public QueryStats explainAnalyze(String queryId) {
        JsonNode json = retrier.idempotent("Explaining query " + queryId, () -> call(EXPLAIN_ANALYZE, queryId));
        JsonNode profile = json.path("profile");
        return new QueryStats(
                json.path("queryId").asText(),
                QueryState.valueOf(json.path("state").asText()),
                Duration.ofMillis(json.path("queuedMillis").asLong()),
                Duration.ofMillis(json.path("planningMillis").asLong()),
                Duration.ofMillis(json.path("executionMillis").asLong()),
                Duration.ofMillis(json.path("fetchMillis").asLong()),
                json.path("rows").asLong(),
                json.path("bytes").asLong(),
                text(json, "errorName"),
                text(json, "errorMessage"),
                profile.isMissingNode() || profile.isNull() ? Optional.empty()
                        : Optional.of(profile.isTextual() ? profile.asText() : profile.toString()));
    }

    private static Optional<String> text(JsonNode json, String name) {
        JsonNode value = json.path(name);
        return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private JsonNode call(String type, String queryId) {
        requireNonNull(queryId, "queryId is null");
        Iterator<Result> results = transport.flight()
                .doAction(new Action(type, queryId.getBytes(StandardCharsets.UTF_8)), transport.call());
        if (!results.hasNext()) {
            throw new IllegalStateException("The server returned no result for action " + type);
        }
        byte[] body = results.next().getBody();
        results.forEachRemaining(ignored -> {
        });
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("The server answered action " + type + " with invalid JSON", e);
        }
    }
}

package io.flock.client.internal;

import static java.util.Objects.requireNonNull;

import io.flock.client.QueryState;
import io.flock.client.QueryStats;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.Result;

/** Flock's own Flight actions on a query id: {@code flock.cancel-query} and {@code flock.explain-analyze}. Thread-safe. */
public final class QueryActions {
    static final String CANCEL_QUERY = "flock.cancel-query";
    static final String EXPLAIN_ANALYZE = "flock.explain-analyze";

    private final Transport transport;
    private final Retrier retrier;

    public QueryActions(Transport transport, Retrier retrier) {
        this.transport = requireNonNull(transport, "transport is null");
        this.retrier = requireNonNull(retrier, "retrier is null");
    }

    /** Cancels the query; returns its state afterwards. Cancelling twice is harmless, so it is retried. */
    public QueryState cancel(String queryId) {
        Map<String, JsonObjectReader.Member> result = retrier.idempotent("Cancelling query " + queryId,
                () -> call(CANCEL_QUERY, queryId));
        return QueryState.valueOf((String) result.get("state").value());
    }

    public QueryStats explainAnalyze(String queryId) {
        Map<String, JsonObjectReader.Member> json = retrier.idempotent("Explaining query " + queryId,
                () -> call(EXPLAIN_ANALYZE, queryId));
        JsonObjectReader.Member profile = json.get("profile");
        return new QueryStats(
                (String) value(json, "queryId"),
                QueryState.valueOf((String) value(json, "state")),
                millis(json, "queuedMillis"),
                millis(json, "planningMillis"),
                millis(json, "executionMillis"),
                millis(json, "fetchMillis"),
                number(json, "rows"),
                number(json, "bytes"),
                Optional.ofNullable((String) value(json, "errorName")),
                Optional.ofNullable((String) value(json, "errorMessage")),
                profile == null || profile.value() == null ? Optional.empty()
                        : Optional.of(profile.value() instanceof String text ? text : profile.json()));
    }

    private Map<String, JsonObjectReader.Member> call(String type, String queryId) {
        requireNonNull(queryId, "queryId is null");
        Iterator<Result> results = transport.flight()
                .doAction(new Action(type, queryId.getBytes(StandardCharsets.UTF_8)), transport.call());
        if (!results.hasNext()) {
            throw new IllegalStateException("The server returned no result for action " + type);
        }
        String body = new String(results.next().getBody(), StandardCharsets.UTF_8);
        results.forEachRemaining(ignored -> {
        });
        return JsonObjectReader.read(body);
    }

    private static Object value(Map<String, JsonObjectReader.Member> json, String name) {
        JsonObjectReader.Member member = json.get(name);
        return member == null ? null : member.value();
    }

    private static long number(Map<String, JsonObjectReader.Member> json, String name) {
        Object value = value(json, name);
        return value == null ? 0 : ((BigDecimal) value).longValue();
    }

    private static Duration millis(Map<String, JsonObjectReader.Member> json, String name) {
        return Duration.ofMillis(number(json, name));
    }
}

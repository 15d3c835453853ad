package io.flock.client;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * The timings and counts of one query, from {@link FlockClient#explainAnalyze(String)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param queryId the query's id
 * @param state its state when asked
 * @param queued time spent waiting for a query slot (millisecond precision)
 * @param planning time spent checking and preparing the statement
 * @param execution time until the first batch was ready (for a GROUP BY nearly all the work)
 * @param fetch time from the first batch to the last one handed to the client
 * @param rows rows returned so far
 * @param bytes bytes of Arrow data returned so far
 * @param errorName the Flock error name when the query failed, e.g. {@code QUERY_CANCELLED}
 * @param errorMessage the error message when the query failed
 * @param profileJson DuckDB's per-operator profile (operator names, timings, cardinalities) as
 *     JSON text, when the server recorded one
 */
public record QueryStats(
        String queryId,
        QueryState state,
        Duration queued,
        Duration planning,
        Duration execution,
        Duration fetch,
        long rows,
        long bytes,
        Optional<String> errorName,
        Optional<String> errorMessage,
        Optional<String> profileJson) {
    public QueryStats {
        requireNonNull(queryId, "queryId is null");
        requireNonNull(state, "state is null");
        requireNonNull(queued, "queued is null");
        requireNonNull(planning, "planning is null");
        requireNonNull(execution, "execution is null");
        requireNonNull(fetch, "fetch is null");
        requireNonNull(errorName, "errorName is null");
        requireNonNull(errorMessage, "errorMessage is null");
        requireNonNull(profileJson, "profileJson is null");
    }
}

package io.flock.flight;

import org.apache.arrow.flight.ActionType;

/**
 * Flock's own Flight actions, beside the Flight SQL ones. The body of each is the UTF-8 query id;
 * the result is one JSON document (docs/flight-sql.md).
 */
public final class FlockActions {
    /** Cancels a query of the caller (any query, for an admin). */
    public static final ActionType CANCEL_QUERY = new ActionType("flock.cancel-query",
            "Cancel a running query by id. Body: the query id. Result: JSON {queryId, state}.");
    /** The timings, counts and DuckDB operator profile of a query. */
    public static final ActionType EXPLAIN_ANALYZE = new ActionType("flock.explain-analyze",
            "Timings, rows, bytes and the per-operator profile of a query. Body: the query id. Result: JSON.");

    private FlockActions() {
    }
}

package io.flock.engine.query;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import io.flock.spi.QueryId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns any failure of a query into Flock's error model, tagged with the query id. */
final class QueryErrors {
    private static final Logger log = LoggerFactory.getLogger(QueryErrors.class);

    private QueryErrors() {
    }

    /** The failure as a FlockException carrying the query id; unknown failures are INTERNAL and logged. */
    static FlockException toFlock(Throwable error, QueryId id) {
        if (error instanceof FlockException flock) {
            return flock.withQueryId(id);
        }
        log.error("Query {} failed unexpectedly", id, error);
        return new FlockException(ErrorCode.INTERNAL, "Internal error in query " + id + ": "
                + error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage()),
                id, error);
    }
}

package io.flock.http.bulk;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Settings of the bulk endpoints.
 *
 * @param idleTimeout how long a parallel import or a parallel export may stay unused before it is
 *     discarded and its spool files deleted
 */
public record BulkConfig(Duration idleTimeout) {
    public BulkConfig {
        requireNonNull(idleTimeout, "idleTimeout is null");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
    }
}

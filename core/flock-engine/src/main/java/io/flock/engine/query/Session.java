package io.flock.engine.query;

import static java.util.Objects.requireNonNull;

import io.flock.engine.catalog.Principal;

/**
 * Who runs a statement and in which database.
 *
 * @param principal the authenticated user
 * @param database the database statements run in
 */
public record Session(Principal principal, String database) {
    public Session {
        requireNonNull(principal, "principal is null");
        requireNonNull(database, "database is null");
    }
}

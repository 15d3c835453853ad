package io.flock.engine.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A user of Flock. Admins may run administration statements and use every database. */
public record User(String name, boolean admin, Instant createdAt) {
    public User {
        requireNonNull(name, "name is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}

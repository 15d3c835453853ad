package io.flock.engine.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A database as the catalog records it. */
public record DatabaseEntry(String name, Instant createdAt) {
    public DatabaseEntry {
        requireNonNull(name, "name is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}

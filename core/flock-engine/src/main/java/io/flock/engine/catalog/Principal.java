package io.flock.engine.catalog;

import static java.util.Objects.requireNonNull;

/** The authenticated caller of a request. */
public record Principal(String user, boolean admin) {
    public Principal {
        requireNonNull(user, "user is null");
    }
}

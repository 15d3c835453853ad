package io.flock.jdbc;

import java.sql.SQLException;

/** The one implementation of {@link java.sql.Wrapper#unwrap} for the driver's objects. */
final class Wrappers {
    private Wrappers() {
    }

    /**
     * {@code self} as {@code type}, or an error naming what {@code self} is.
     *
     * @param what how the error names {@code self}, e.g. "A Flock statement"
     */
    static <T> T unwrap(Object self, Class<T> type, String what) throws SQLException {
        if (type.isInstance(self)) {
            return type.cast(self);
        }
        throw new SQLException(what + " is not a " + type.getName(), "HY000");
    }
}

package io.flock.engine.catalog;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates and normalizes the names of databases and users: lower case, a letter or underscore
 * first, then letters, digits or underscores, at most 63 characters. Database names become file
 * names, so nothing else is allowed.
 */
public final class Names {
    /** The database that holds Flock's system tables. */
    public static final String SYSTEM_DATABASE = "flock";
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Set<String> RESERVED_DATABASES = Set.of(SYSTEM_DATABASE, "system", "temp", "main", "memory");

    private Names() {
    }

    /** A valid database name, lower-cased; system names are refused. */
    public static String database(String name) {
        String normalized = normalize(name, "database");
        if (RESERVED_DATABASES.contains(normalized)) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT,
                    "Database name '" + normalized + "' is reserved; choose another name");
        }
        return normalized;
    }

    /** A database name as given by a client: a user database or the system database. */
    public static String databaseReference(String name) {
        String normalized = normalize(name, "database");
        return normalized.equals(SYSTEM_DATABASE) ? normalized : database(normalized);
    }

    public static String user(String name) {
        return normalize(name, "user");
    }

    private static String normalize(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT, "The " + what + " name is empty");
        }
        String normalized = name.toLowerCase(Locale.ROOT);
        if (!NAME.matcher(normalized).matches()) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT, "Invalid " + what + " name '" + name
                    + "': use a letter or '_' first, then letters, digits or '_', at most 63 characters");
        }
        return normalized;
    }
}

package io.flock.spi;

/**
 * Who is to blame for an error, which decides how clients react to it.
 */
public enum ErrorType {
    /** The request was wrong: bad SQL, a missing table, no permission. Retrying the same call fails again. */
    USER_ERROR,
    /** The server hit a limit: too many queries, memory, time. Retrying later may succeed. */
    INSUFFICIENT_RESOURCES,
    /** Something outside Flock failed (a disk, the network). */
    EXTERNAL,
    /** A bug or broken invariant inside Flock. */
    INTERNAL_ERROR
}

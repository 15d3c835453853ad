package io.flock.client;

/**
 * Who is to blame for an error, as the server reports it in {@code flock-error-type}
 * (docs/error-codes.md). Errors raised by the client itself (connection, deadline) are
 * {@link #EXTERNAL}.
 */
public enum FlockErrorType {
    /** The request is wrong: SQL, names, grants, credentials. */
    USER_ERROR,
    /** The server lacked a resource: query slots, memory, time. Often worth retrying later. */
    INSUFFICIENT_RESOURCES,
    /** Something outside Flock failed: files, the network. */
    EXTERNAL,
    /** A bug in Flock. */
    INTERNAL_ERROR
}

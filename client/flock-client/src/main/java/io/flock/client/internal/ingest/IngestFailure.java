package io.flock.client.internal.ingest;

import static java.util.Objects.requireNonNull;

import io.flock.client.FlockException;
import io.flock.client.ingest.IngestStatus;

/**
 * Why a batch finally failed.
 *
 * @param status the classified status
 * @param error the error, with the server's message
 * @param attempts how many times the batch was sent
 */
public record IngestFailure(IngestStatus status, FlockException error, int attempts) {
    public IngestFailure {
        requireNonNull(status, "status is null");
        requireNonNull(error, "error is null");
    }
}

package io.flock.engine.ingest;

import static java.util.Objects.requireNonNull;

/**
 * The answer to opening (or resuming) an ingest stream.
 *
 * @param target the stream's table, checked and authorized
 * @param nextSequence the sequence the stream's next batch should carry: the last applied one plus
 *     one, 0 for a new stream
 */
public record StreamOpening(IngestTarget target, long nextSequence) {
    public StreamOpening {
        requireNonNull(target, "target is null");
    }
}

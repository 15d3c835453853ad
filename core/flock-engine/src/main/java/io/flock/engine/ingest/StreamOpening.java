package io.flock.engine.ingest;

import static java.util.Objects.requireNonNull;

/**
 * The answer to opening (or resuming) an ingest stream.
 *
 * @param target the stream's table, checked and authorized
 * @param nextSequence the sequence the stream's next batch should carry: the last applied one plus
 *     one, 0 for a new stream
 * @param committedRows the rows the stream has committed in all, in the order it sent them (0 for a
 *     new stream): a client resuming the stream after a restart skips that many rows of its source;
 *     -1 when unknown (the stream last wrote before Flock counted them)
 */
public record StreamOpening(IngestTarget target, long nextSequence, long committedRows) {
    public StreamOpening {
        requireNonNull(target, "target is null");
    }
}

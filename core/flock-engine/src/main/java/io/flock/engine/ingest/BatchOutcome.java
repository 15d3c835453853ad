package io.flock.engine.ingest;

/**
 * The acknowledgement of one ingest batch, sent only after its transaction committed.
 *
 * @param sequence the batch's sequence
 * @param rows the rows applied; 0 for a duplicate
 * @param duplicate whether the batch had been applied before and was skipped
 */
public record BatchOutcome(long sequence, long rows, boolean duplicate) {
}

package io.flock.engine.ingest;

import static java.util.Objects.requireNonNull;

import io.flock.spi.FlockException;
import java.util.List;
import java.util.Optional;

/**
 * What became of consecutive batches of one stream applied together
 * ({@link IngestStreams#applyAll}): the outcomes of the leading batches that were applied (or
 * skipped as duplicates), in order, each acknowledgeable; and, when a batch failed, its error —
 * that batch and every later one of the group were not applied.
 *
 * @param applied the outcomes of the batches before the failed one (all, when none failed)
 * @param failure the error of the first batch that failed
 */
public record GroupOutcome(List<BatchOutcome> applied, Optional<FlockException> failure) {
    public GroupOutcome {
        applied = List.copyOf(applied);
        requireNonNull(failure, "failure is null");
    }
}

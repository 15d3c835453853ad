package io.flock.client.ingest;

import java.util.List;

/**
 * The failed rows an {@link IngestStream} collected since they were last taken.
 *
 * @param errors the collected failures, oldest first
 * @param overflowed whether more rows failed than {@link IngestOptions#maxCollectedErrors()}
 *     allowed to keep (the oldest were dropped)
 */
public record RowErrors(List<RowError> errors, boolean overflowed) {
    public RowErrors {
        errors = List.copyOf(errors);
    }
}

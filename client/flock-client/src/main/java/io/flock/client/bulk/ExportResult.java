package io.flock.client.bulk;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The outcome of a complete export.
 *
 * @param queryId the id of the export's query (in {@code flock.queries})
 * @param bytes bytes received, as sent (compressed when compression was asked for)
 * @param rows rows exported, when the server said (parallel exports); empty otherwise
 */
public record ExportResult(String queryId, long bytes, Optional<Long> rows) {
    public ExportResult {
        requireNonNull(queryId, "queryId is null");
        requireNonNull(rows, "rows is null");
    }
}

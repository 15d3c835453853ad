package io.flock.client.bulk;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of a committed import.
 *
 * @param table the table written, as {@code database.schema.table}
 * @param rows rows written
 * @param parts uploads the import consisted of (1 for a single import)
 */
public record ImportResult(String table, long rows, int parts) {
    public ImportResult {
        requireNonNull(table, "table is null");
    }
}

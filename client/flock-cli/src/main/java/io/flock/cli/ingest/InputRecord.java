package io.flock.cli.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One input record of {@code flock ingest}.
 *
 * @param line the input line it starts on (1-based)
 * @param values column name → value: text for CSV (null for an empty field), any JSON for JSON Lines
 */
public record InputRecord(long line, Map<String, JsonNode> values) {
    public InputRecord {
        requireNonNull(values, "values is null");
    }
}

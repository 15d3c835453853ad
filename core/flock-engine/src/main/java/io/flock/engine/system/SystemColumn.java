package io.flock.engine.system;

/** A column of a system table, with its DuckDB type. */
public record SystemColumn(String name, String duckDbType) {
}

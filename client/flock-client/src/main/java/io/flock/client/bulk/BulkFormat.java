package io.flock.client.bulk;

import java.util.Locale;

/** File formats of bulk import and export (docs/bulk.md). */
public enum BulkFormat {
    /** Comma-separated values with a header line by default. */
    CSV,
    /** Tab-separated values. */
    TSV,
    /** One JSON object per line. */
    JSONL,
    /** Apache Parquet. */
    PARQUET,
    /** The Arrow IPC stream format. */
    ARROW;

    /** The name the HTTP API uses, e.g. {@code csv}. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The usual file name extension, without the dot. */
    public String extension() {
        return this == ARROW ? "arrows" : parameter();
    }
}

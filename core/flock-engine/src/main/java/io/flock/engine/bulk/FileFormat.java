package io.flock.engine.bulk;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A file format of bulk import and export. */
public enum FileFormat {
    /** Comma-separated values (RFC 4180), with options for header, delimiter, quote and null string. */
    CSV("text/csv; charset=utf-8", "csv"),
    /** CSV with a tab as the delimiter. */
    TSV("text/tab-separated-values; charset=utf-8", "tsv"),
    /** One JSON object per line. */
    JSONL("application/x-ndjson", "jsonl"),
    /** Apache Parquet. */
    PARQUET("application/vnd.apache.parquet", "parquet"),
    /** The Arrow IPC stream format. */
    ARROW("application/vnd.apache.arrow.stream", "arrows");

    private final String mediaType;
    private final String extension;

    FileFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** The media type of an uncompressed file of this format. */
    public String mediaType() {
        return mediaType;
    }

    /** The usual file name extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** Whether the format is text read and written by DuckDB's CSV reader and writer. */
    public boolean isDelimited() {
        return this == CSV || this == TSV;
    }

    /**
     * The format named {@code name} (case-insensitive).
     *
     * @throws FlockException INVALID_ARGUMENT naming the accepted formats
     */
    public static FileFormat parse(String name) {
        for (FileFormat format : values()) {
            if (format.name().equalsIgnoreCase(name.trim())) {
                return format;
            }
        }
        throw new FlockException(ErrorCode.INVALID_ARGUMENT, "Unknown format '" + name + "'; use one of "
                + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}

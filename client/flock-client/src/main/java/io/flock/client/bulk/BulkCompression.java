package io.flock.client.bulk;

import java.util.Locale;

/** Whole-file compression of bulk transfers. */
public enum BulkCompression {
    NONE,
    GZIP,
    ZSTD;

    /** The name the HTTP API uses, e.g. {@code gzip}. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The file name suffix, e.g. {@code .gz}; empty for none. */
    public String suffix() {
        return switch (this) {
            case NONE -> "";
            case GZIP -> ".gz";
            case ZSTD -> ".zst";
        };
    }
}

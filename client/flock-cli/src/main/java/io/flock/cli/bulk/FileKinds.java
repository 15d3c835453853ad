package io.flock.cli.bulk;

import io.flock.client.bulk.BulkCompression;
import io.flock.client.bulk.BulkFormat;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Guesses a bulk file's format and compression from its name, e.g. {@code orders.csv.gz}. */
public final class FileKinds {
    private FileKinds() {
    }

    public static BulkCompression compression(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            return BulkCompression.GZIP;
        }
        if (name.endsWith(".zst") || name.endsWith(".zstd")) {
            return BulkCompression.ZSTD;
        }
        return BulkCompression.NONE;
    }

    public static Optional<BulkFormat> format(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("\\.(gz|zst|zstd)$", "");
        if (name.endsWith(".csv")) {
            return Optional.of(BulkFormat.CSV);
        }
        if (name.endsWith(".tsv") || name.endsWith(".tab")) {
            return Optional.of(BulkFormat.TSV);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return Optional.of(BulkFormat.JSONL);
        }
        if (name.endsWith(".parquet")) {
            return Optional.of(BulkFormat.PARQUET);
        }
        if (name.endsWith(".arrow") || name.endsWith(".arrows")) {
            return Optional.of(BulkFormat.ARROW);
        }
        return Optional.empty();
    }
}

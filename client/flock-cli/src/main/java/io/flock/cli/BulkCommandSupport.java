package io.flock.cli;

import io.flock.client.FlockException;
import io.flock.client.bulk.BulkCompression;
import io.flock.client.bulk.BulkFormat;
import io.flock.client.bulk.BulkOptions;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Options and error handling shared by {@code flock export} and {@code flock import}. */
final class BulkCommandSupport {
    private BulkCommandSupport() {
    }

    /** The CSV/TSV text options. */
    static final class TextOptions {
        @Option(names = "--no-header", description = "CSV/TSV without a header line.")
        boolean noHeader;

        @Option(names = "--delimiter", paramLabel = "CHAR", description = "CSV field delimiter (default ',').")
        String delimiter;

        @Option(names = "--quote", paramLabel = "CHAR", description = "CSV quote character (default '\"').")
        String quote;

        @Option(names = "--null", paramLabel = "TEXT", description = "Text of a NULL in CSV/TSV (default empty).")
        String nullString;

        BulkOptions apply(BulkOptions options) {
            BulkOptions result = options;
            if (noHeader) {
                result = result.withHeader(false);
            }
            if (delimiter != null) {
                result = result.withDelimiter(delimiter);
            }
            if (quote != null) {
                result = result.withQuote(quote);
            }
            if (nullString != null) {
                result = result.withNullString(nullString);
            }
            return result;
        }
    }

    /** The file options of {@code flock export} and {@code flock import}: format, compression, CSV options, progress. */
    static final class FileOptions {
        @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
                description = "csv, tsv, jsonl, parquet or arrow (default: from the file name, else csv).")
        BulkFormat format;

        @Option(names = "--compression", paramLabel = "KIND", converter = CompressionConverter.class,
                description = "none, gzip or zstd (default: from the file name, else none).")
        BulkCompression compression;

        @Option(names = "--no-progress",
                description = "No progress bar (none is drawn when standard error is not a terminal).")
        boolean noProgress;

        @ArgGroup(exclusive = false, heading = "CSV options%n")
        TextOptions text = new TextOptions();

        /** The transfer options: the given format and compression unless the flags chose them. */
        BulkOptions options(BulkFormat defaultFormat, BulkCompression defaultCompression) {
            return (text == null ? new TextOptions() : text).apply(BulkOptions.of(format != null ? format : defaultFormat)
                    .withCompression(compression != null ? compression : defaultCompression));
        }
    }

    static final class FormatConverter implements ITypeConverter<BulkFormat> {
        @Override
        public BulkFormat convert(String value) {
            try {
                return BulkFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a format: use csv, tsv, jsonl, parquet or arrow");
            }
        }
    }

    static final class CompressionConverter implements ITypeConverter<BulkCompression> {
        @Override
        public BulkCompression convert(String value) {
            try {
                return BulkCompression.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a compression: use none, gzip or zstd");
            }
        }
    }

    static int failed(FlockException error, PrintWriter err) {
        ErrorReporter.report(error, err);
        return ErrorReporter.exitCode(error);
    }
}

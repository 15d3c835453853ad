package io.flock.cli;

import io.flock.client.FlockException;
import io.flock.client.bulk.BulkCompression;
import io.flock.client.bulk.BulkFormat;
import io.flock.client.bulk.BulkOptions;
import java.io.PrintWriter;
import java.util.Locale;
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

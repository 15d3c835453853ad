package io.flock.cli.format;

/** The output formats of {@code flock sql --format}. */
public enum OutputFormat {
    /** A table with a header, columns padded to their widest value, numbers right-aligned. */
    ALIGNED,
    /** Comma-separated values, quoted per RFC 4180. */
    CSV,
    /** Tab-separated values, quoted per RFC 4180 with a tab as separator. */
    TSV,
    /** JSON Lines: one JSON object per row, keyed by column name. */
    JSON,
    /** A GitHub-flavoured Markdown table. */
    MARKDOWN;

    /** The formatter of this format; {@code header} matters only for CSV and TSV. */
    public ResultFormatter formatter(boolean header) {
        return switch (this) {
            case ALIGNED -> new AlignedFormatter();
            case CSV -> new DelimitedFormatter(',', header);
            case TSV -> new DelimitedFormatter('\t', header);
            case JSON -> new JsonLinesFormatter();
            case MARKDOWN -> new MarkdownFormatter();
        };
    }
}

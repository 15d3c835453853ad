package io.flock.client.bulk;

import static java.util.Objects.requireNonNull;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How a bulk file is laid out: format, compression and, for CSV and TSV, the text options (the
 * server's defaults when empty: header on, comma or tab, double quote, empty null string).
 * Immutable; derive variants with the {@code with…} methods.
 *
 * @param format the file format
 * @param compression whole-file compression
 * @param header whether the first line names the columns (CSV/TSV)
 * @param delimiter the field delimiter (CSV/TSV)
 * @param quote the quote character (CSV/TSV)
 * @param nullString the text of a NULL (CSV/TSV)
 */
public record BulkOptions(BulkFormat format, BulkCompression compression, Optional<Boolean> header,
                          Optional<String> delimiter, Optional<String> quote, Optional<String> nullString) {
    public BulkOptions {
        requireNonNull(format, "format is null");
        requireNonNull(compression, "compression is null");
        requireNonNull(header, "header is null");
        requireNonNull(delimiter, "delimiter is null");
        requireNonNull(quote, "quote is null");
        requireNonNull(nullString, "nullString is null");
    }

    /** {@code format}, uncompressed, with the server's default text options. */
    public static BulkOptions of(BulkFormat format) {
        return new BulkOptions(format, BulkCompression.NONE, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public BulkOptions withCompression(BulkCompression value) {
        return new BulkOptions(format, value, header, delimiter, quote, nullString);
    }

    public BulkOptions withHeader(boolean value) {
        return new BulkOptions(format, compression, Optional.of(value), delimiter, quote, nullString);
    }

    public BulkOptions withDelimiter(String value) {
        return new BulkOptions(format, compression, header, Optional.of(value), quote, nullString);
    }

    public BulkOptions withQuote(String value) {
        return new BulkOptions(format, compression, header, delimiter, Optional.of(value), nullString);
    }

    public BulkOptions withNullString(String value) {
        return new BulkOptions(format, compression, header, delimiter, quote, Optional.of(value));
    }

    /** The options as URL query parameters, e.g. {@code format=csv&compression=gzip}. */
    public String queryParameters() {
        StringBuilder query = new StringBuilder("format=").append(format.parameter())
                .append("&compression=").append(compression.parameter());
        header.ifPresent(h -> query.append("&header=").append(h));
        delimiter.ifPresent(d -> query.append("&delimiter=").append(encode(d)));
        quote.ifPresent(q -> query.append("&quote=").append(encode(q)));
        nullString.ifPresent(n -> query.append("&null=").append(encode(n)));
        return query.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

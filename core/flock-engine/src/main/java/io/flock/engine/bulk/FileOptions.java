package io.flock.engine.bulk;

import static java.util.Objects.requireNonNull;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;

/**
 * How a bulk file is laid out. The text options apply to {@link FileFormat#CSV} and
 * {@link FileFormat#TSV} only.
 *
 * @param format the file format
 * @param header whether the first line names the columns (CSV/TSV)
 * @param delimiter the field delimiter, one character (CSV/TSV)
 * @param quote the quote character, one character (CSV/TSV)
 * @param nullString the text of a SQL NULL (CSV/TSV); empty by default
 */
public record FileOptions(FileFormat format, boolean header, String delimiter, String quote, String nullString) {
    public FileOptions {
        requireNonNull(format, "format is null");
        requireNonNull(delimiter, "delimiter is null");
        requireNonNull(quote, "quote is null");
        requireNonNull(nullString, "nullString is null");
        checkOneCharacter("delimiter", delimiter);
        checkOneCharacter("quote", quote);
        if (delimiter.equals(quote)) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT, "The delimiter and the quote must differ (both are '"
                    + delimiter + "')");
        }
    }

    /** The defaults of {@code format}: header on, comma (tab for TSV), double quote, empty null string. */
    public static FileOptions defaults(FileFormat format) {
        return new FileOptions(format, true, format == FileFormat.TSV ? "\t" : ",", "\"", "");
    }

    private static void checkOneCharacter(String name, String value) {
        if (value.length() != 1 || value.equals("\n") || value.equals("\r")) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT, "The " + name + " must be exactly one character other"
                    + " than a line break, not '" + value + "'");
        }
    }
}

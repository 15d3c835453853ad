package io.flock.spi;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of bytes with its unit, parsed from text such as {@code 512MB}, {@code 2GB} or
 * {@code 64kB}. Units are binary (1 kB = 1024 B), like DuckDB's own settings.
 */
public record DataSize(long bytes) implements Comparable<DataSize> {
    private static final Pattern FORMAT = Pattern.compile("\\s*(\\d+)\\s*([a-zA-Z]*)\\s*");

    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes is negative: " + bytes);
        }
    }

    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    public static DataSize ofMegabytes(long megabytes) {
        return new DataSize(Math.multiplyExact(megabytes, 1024L * 1024));
    }

    /**
     * Parses {@code <number><unit>} with unit B, kB, MB, GB or TB (case-insensitive).
     *
     * @throws IllegalArgumentException naming the text when it is not a size
     */
    public static DataSize parse(String text) {
        requireNonNull(text, "text is null");
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a data size (expected e.g. 512MB or 2GB)");
        }
        long value = Long.parseLong(m.group(1));
        long unit = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "", "B" -> 1L;
            case "KB", "K" -> 1L << 10;
            case "MB", "M" -> 1L << 20;
            case "GB", "G" -> 1L << 30;
            case "TB", "T" -> 1L << 40;
            default -> throw new IllegalArgumentException(
                    "'" + text + "' has an unknown unit '" + m.group(2) + "' (use B, kB, MB, GB or TB)");
        };
        return new DataSize(Math.multiplyExact(value, unit));
    }

    /** The size in the form DuckDB settings accept, e.g. {@code 536870912B}. */
    public String toDuckDbSetting() {
        return bytes + "B";
    }

    @Override
    public int compareTo(DataSize other) {
        return Long.compare(bytes, other.bytes);
    }

    @Override
    public String toString() {
        if (bytes % (1L << 30) == 0 && bytes > 0) {
            return (bytes >> 30) + "GB";
        }
        if (bytes % (1L << 20) == 0 && bytes > 0) {
            return (bytes >> 20) + "MB";
        }
        if (bytes % (1L << 10) == 0 && bytes > 0) {
            return (bytes >> 10) + "kB";
        }
        return bytes + "B";
    }
}

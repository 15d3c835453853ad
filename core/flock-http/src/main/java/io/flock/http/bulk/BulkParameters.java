package io.flock.http.bulk;

import io.flock.engine.bulk.FileFormat;
import io.flock.engine.bulk.FileOptions;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.util.Locale;
import org.eclipse.jetty.util.Fields;

/** Reads the query parameters shared by the bulk endpoints. */
final class BulkParameters {
    private BulkParameters() {
    }

    /** {@code format}, {@code header}, {@code delimiter}, {@code quote}, {@code null}; CSV by default. */
    static FileOptions fileOptions(Fields parameters) {
        String formatName = parameters.getValue("format");
        FileFormat format = formatName == null || formatName.isBlank() ? FileFormat.CSV : FileFormat.parse(formatName);
        FileOptions defaults = FileOptions.defaults(format);
        return new FileOptions(format, bool(parameters, "header", defaults.header()),
                text(parameters, "delimiter", defaults.delimiter()), text(parameters, "quote", defaults.quote()),
                text(parameters, "null", defaults.nullString()));
    }

    /** {@code compression}: none by default. */
    static Compression compression(Fields parameters) {
        String value = parameters.getValue("compression");
        return Compression.byName(value, Compression.NONE).orElseThrow(() -> new FlockException(
                ErrorCode.INVALID_ARGUMENT, "The query parameter 'compression' must be " + Compression.NAMES
                        + ", not '" + value + "'"));
    }

    /** A required parameter. */
    static String required(Fields parameters, String name) {
        String value = parameters.getValue(name);
        if (value == null || value.isBlank()) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT, "The query parameter '" + name + "' is required");
        }
        return value;
    }

    static int positiveInt(Fields parameters, String name, int fallback, int max) {
        String value = parameters.getValue(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new FlockException(ErrorCode.INVALID_ARGUMENT, "The query parameter '" + name + "' must be a whole"
                + " number from 1 to " + max + ", not '" + value + "'");
    }

    /** The query string that carries the file options and compression on to a part URL. */
    static String formatQuery(FileOptions options, Compression compression) {
        StringBuilder query = new StringBuilder("format=").append(options.format().name().toLowerCase(Locale.ROOT));
        if (compression != Compression.NONE) {
            query.append("&compression=").append(compression.name().toLowerCase(Locale.ROOT));
        }
        if (options.format().isDelimited()) {
            query.append("&header=").append(options.header())
                    .append("&delimiter=").append(encode(options.delimiter()))
                    .append("&quote=").append(encode(options.quote()))
                    .append("&null=").append(encode(options.nullString()));
        }
        return query.toString();
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static boolean bool(Fields parameters, String name, boolean fallback) {
        String value = parameters.getValue(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new FlockException(ErrorCode.INVALID_ARGUMENT, "The query parameter '" + name
                    + "' must be true or false, not '" + value + "'");
        };
    }

    private static String text(Fields parameters, String name, String fallback) {
        String value = parameters.getValue(name);
        return value == null ? fallback : value;
    }
}

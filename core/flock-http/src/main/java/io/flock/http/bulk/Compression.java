package io.flock.http.bulk;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Whole-body compression of bulk files: gzip through {@code java.util.zip}, zstd through zstd-jni. */
enum Compression {
    NONE(""),
    GZIP(".gz"),
    ZSTD(".zst");

    /** The names an upload or export may give its compression, for messages. */
    static final String NAMES = "none, gzip or zstd";
    private static final int BUFFER = 256 * 1024;

    private final String suffix;

    Compression(String suffix) {
        this.suffix = suffix;
    }

    /** The file name suffix, e.g. {@code .gz}; empty for none. */
    String suffix() {
        return suffix;
    }

    /** The media type of a compressed body; {@code uncompressed} for none. */
    String mediaType(String uncompressed) {
        return switch (this) {
            case NONE -> uncompressed;
            case GZIP -> "application/gzip";
            case ZSTD -> "application/zstd";
        };
    }

    /**
     * Compresses what is written into {@code out}; closing the returned stream ends the compressed
     * stream and closes {@code out}. Speed first: gzip level 1, zstd level 1.
     */
    OutputStream compress(OutputStream out) throws IOException {
        return switch (this) {
            case NONE -> out;
            case GZIP -> new GZIPOutputStream(out, BUFFER) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
            case ZSTD -> new java.io.BufferedOutputStream(new ZstdOutputStream(out, 1), BUFFER);
        };
    }

    /** Decompresses {@code in}; a truncated stream fails with an IOException at its end. */
    InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, BUFFER);
            case ZSTD -> new ZstdInputStream(in);
        };
    }

    /**
     * The compression of an upload's {@code Content-Encoding} header (its values, each possibly a
     * comma-separated list): none when absent or only {@code identity}; empty when it names a coding
     * this server does not decode, or more than one.
     */
    static Optional<Compression> ofContentEncoding(List<String> values) {
        List<String> codings = values.stream().flatMap(value -> Arrays.stream(value.split(","))).map(String::trim)
                .filter(coding -> !coding.isEmpty() && !coding.equalsIgnoreCase("identity")).toList();
        return codings.size() > 1 ? Optional.empty()
                : byName(codings.isEmpty() ? null : codings.get(0), NONE);
    }

    /**
     * The compression named by {@code name} ({@code none} or {@code identity}, {@code gzip} or
     * {@code x-gzip}, {@code zstd}; any case); {@code fallback} when absent or blank, empty when the
     * name is none of these.
     */
    static Optional<Compression> byName(String name, Compression fallback) {
        if (name == null || name.isBlank()) {
            return Optional.of(fallback);
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "none", "identity" -> Optional.of(NONE);
            case "gzip", "x-gzip" -> Optional.of(GZIP);
            case "zstd" -> Optional.of(ZSTD);
            default -> Optional.empty();
        };
    }
}

package io.flock.http.bulk;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Whole-body compression of bulk files: gzip through {@code java.util.zip}, zstd through zstd-jni. */
enum Compression {
    NONE(""),
    GZIP(".gz"),
    ZSTD(".zst");

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
     * The compression named by {@code name} ({@code none}, {@code gzip}, {@code zstd});
     * {@code fallback} when absent.
     */
    static Compression parse(String name, Compression fallback) {
        if (name == null || name.isBlank()) {
            return fallback;
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "none", "identity" -> NONE;
            case "gzip", "x-gzip" -> GZIP;
            case "zstd" -> ZSTD;
            default -> throw new FlockException(ErrorCode.INVALID_ARGUMENT, "Unknown compression '" + name
                    + "'; use none, gzip or zstd");
        };
    }
}

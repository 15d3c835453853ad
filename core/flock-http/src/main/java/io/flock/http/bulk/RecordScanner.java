package io.flock.http.bulk;

import io.flock.engine.bulk.LineBreak;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Follows a CSV byte stream to know where its records end: a line feed outside quotes (the quote
 * character doubled inside a quoted value, as RFC 4180 and DuckDB's reader with
 * {@code escape = quote} have it). Counts the records so far, which is how DuckDB's CSV reader
 * numbers the lines in its errors (a line break inside quotes starts no new line), and finds the
 * first record end at or after a position, so an upload can be cut into pieces of whole records.
 *
 * <p>Eight bytes at a time: the quote and line-feed bytes of a word become bit masks, a prefix XOR
 * of the quote mask tells which bytes lie inside quotes, and the line feeds outside quotes are
 * counted with one bit count — no branch per byte.
 *
 * <p>Not thread-safe: one thread feeds it the stream in order.
 */
final class RecordScanner {
    private static final long ONES = 0x0101010101010101L;
    private static final long LOW_SEVEN = 0x7F7F7F7F7F7F7F7FL;
    private static final long LINE_FEEDS = '\n' * ONES;

    private final byte quote;
    private final long quotes;
    private boolean inQuotes;
    private long records;
    private byte lastByte;
    private Optional<LineBreak> lineBreak = Optional.empty();

    /** A scanner for CSV quoted with {@code quote}, a single-byte (ASCII) character. */
    RecordScanner(char quote) {
        if (quote > 0x7F || quote == '\n') {
            throw new IllegalArgumentException("The quote must be an ASCII character other than a line feed");
        }
        this.quote = (byte) quote;
        this.quotes = quote * ONES;
    }

    /** Whether {@code quote} can be followed byte by byte (an ASCII character). */
    static boolean supports(String quote) {
        return quote.length() == 1 && quote.charAt(0) <= 0x7F && quote.charAt(0) != '\n';
    }

    /** Record ends (line feeds outside quotes) in the bytes scanned so far. */
    long records() {
        return records;
    }

    /**
     * How the first record of the stream ends ({@code \r\n} or {@code \n}); empty until a record
     * end was scanned.
     */
    Optional<LineBreak> lineBreak() {
        return lineBreak;
    }

    /**
     * Scans the bytes {@code [from, to)} of {@code bytes} (absolute indexes; its position is left
     * alone), stopping after the first record end when {@code stopAtRecordEnd}. Returns the index
     * after that record end, or -1 when it scanned every byte without stopping.
     */
    int scan(ByteBuffer bytes, int from, int to, boolean stopAtRecordEnd) {
        ByteBuffer words = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int i = from;
        long carry = inQuotes ? ONES : 0;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = words.getLong(i);
            long quoteBytes = equalBytes(word, quotes);
            long lineFeeds = equalBytes(word, LINE_FEEDS);
            if ((quoteBytes | carry | (stopAtRecordEnd || records == 0 ? lineFeeds : 0)) == 0) {
                // outside quotes, no quote: every line feed ends a record (the common word)
                records += Long.bitCount(lineFeeds);
                continue;
            }
            // the low bit of byte k: the parity of the quotes in bytes 0..k, then inside quotes or not
            long inside = quoteBytes;
            inside ^= inside << 8;
            inside ^= inside << 16;
            inside ^= inside << 32;
            inside ^= carry;
            long recordEnds = lineFeeds & ~inside & ONES;
            if (recordEnds != 0 && records == 0) {
                noteLineBreak(bytes, from, i + Long.numberOfTrailingZeros(recordEnds) / 8);
            }
            if (stopAtRecordEnd && recordEnds != 0) {
                // a record end is outside quotes: the state after it is outside quotes
                records++;
                inQuotes = false;
                int end = i + Long.numberOfTrailingZeros(recordEnds) / 8 + 1;
                lastByte = '\n';
                return end;
            }
            records += Long.bitCount(recordEnds);
            carry = (inside >>> 56 & 1) * ONES;
        }
        inQuotes = carry != 0;
        for (; i < to; i++) {
            byte b = bytes.get(i);
            if (b == quote) {
                inQuotes = !inQuotes;
            } else if (b == '\n' && !inQuotes) {
                if (records == 0) {
                    noteLineBreak(bytes, from, i);
                }
                records++;
                if (stopAtRecordEnd) {
                    lastByte = b;
                    return i + 1;
                }
            }
        }
        if (to > from) {
            lastByte = bytes.get(to - 1);
        }
        return -1;
    }

    /** Notes how the first record ends, at the line feed {@code at}. */
    private void noteLineBreak(ByteBuffer bytes, int from, int at) {
        byte before = at > from ? bytes.get(at - 1) : lastByte;
        lineBreak = Optional.of(before == '\r' ? LineBreak.CRLF : LineBreak.LF);
    }

    /** The low bit of each byte of {@code word} that equals the byte repeated in {@code pattern}. */
    private static long equalBytes(long word, long pattern) {
        long x = word ^ pattern;
        long zeroHigh = ~(((x & LOW_SEVEN) + LOW_SEVEN) | x | LOW_SEVEN);
        return zeroHigh >>> 7;
    }
}

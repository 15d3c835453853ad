package io.flock.spi;

import static java.util.Objects.requireNonNull;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The id of one query, e.g. {@code 20261122_103512_00042_k3x9q}: sortable by start time, unique
 * within a server, and safe to put in logs, headers and URLs.
 */
public record QueryId(String value) implements Comparable<QueryId> {
    private static final Pattern FORMAT = Pattern.compile("[0-9]{8}_[0-9]{6}_[0-9]{5}_[a-z0-9]{5}");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    public QueryId {
        requireNonNull(value, "value is null");
        if (!FORMAT.matcher(value).matches()) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT,
                    "Invalid query id '" + value + "': expected the form yyyyMMdd_HHmmss_NNNNN_xxxxx");
        }
    }

    /**
     * Creates the id of the {@code sequence}-th query started at {@code now}. The random suffix
     * tells apart ids of servers (or restarts) that reach the same sequence in the same second; it
     * is not a secret, as every use of an id checks who may see the query. Built by hand: this
     * runs for every query, and formatters cost more than the rest of the id.
     */
    public static QueryId create(LocalDateTime now, long sequence) {
        StringBuilder id = new StringBuilder(27);
        digits(id, now.getYear(), 4);
        digits(id, now.getMonthValue(), 2);
        digits(id, now.getDayOfMonth(), 2);
        id.append('_');
        digits(id, now.getHour(), 2);
        digits(id, now.getMinute(), 2);
        digits(id, now.getSecond(), 2);
        id.append('_');
        digits(id, Math.floorMod(sequence, 100_000L), 5);
        id.append('_');
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 5; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new QueryId(id.toString());
    }

    /** Appends the last {@code width} decimal digits of {@code value} (not negative), zero-padded. */
    private static void digits(StringBuilder target, long value, int width) {
        int start = target.length();
        for (int i = 0; i < width; i++) {
            target.append('0');
        }
        long rest = value;
        for (int i = target.length() - 1; i >= start && rest > 0; i--) {
            target.setCharAt(i, (char) ('0' + rest % 10));
            rest /= 10;
        }
    }

    public static QueryId createNow(long sequence) {
        return create(LocalDateTime.now(ZoneOffset.UTC), sequence);
    }

    @Override
    public int compareTo(QueryId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

package io.flock.spi;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * The id of one query, e.g. {@code 20261122_103512_00042_k3x9q}: sortable by start time, unique
 * within a server, and safe to put in logs, headers and URLs.
 */
public record QueryId(String value) implements Comparable<QueryId> {
    private static final Pattern FORMAT = Pattern.compile("[0-9]{8}_[0-9]{6}_[0-9]{5}_[a-z0-9]{5}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    public QueryId {
        requireNonNull(value, "value is null");
        if (!FORMAT.matcher(value).matches()) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT,
                    "Invalid query id '" + value + "': expected the form yyyyMMdd_HHmmss_NNNNN_xxxxx");
        }
    }

    /** Creates the id of the {@code sequence}-th query started at {@code now}. */
    public static QueryId create(LocalDateTime now, long sequence) {
        StringBuilder suffix = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            suffix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new QueryId(STAMP.format(now) + "_" + String.format("%05d", sequence % 100_000) + "_" + suffix);
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

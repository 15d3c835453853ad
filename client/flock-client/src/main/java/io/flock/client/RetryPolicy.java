package io.flock.client;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How often and how patiently the client repeats an idempotent call that failed because the
 * server was unavailable (gRPC {@code UNAVAILABLE}: not reachable, restarting, shutting down).
 * Idempotent calls are metadata calls, {@code cancel}, {@code explainAnalyze}, {@code prepare}
 * and starting a query (before any row was returned). Updates are never retried.
 *
 * <p>The wait before attempt {@code n + 1} is {@code initialBackoff · 2^(n-1)}, at most
 * {@code maxBackoff}. Defaults: 3 attempts, 100 ms initial backoff, 2 s maximum backoff
 * ({@link ClientProperty#RETRY_ATTEMPTS} and the following properties).
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxAttempts attempts in all, the first one included; at least 1 (1 = no retry)
 * @param initialBackoff the wait before the second attempt; not negative
 * @param maxBackoff the longest wait between two attempts; at least {@code initialBackoff}
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    /** 3 attempts, 100 ms then 200 ms apart. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2));
    /** A single attempt. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        requireNonNull(initialBackoff, "initialBackoff is null");
        requireNonNull(maxBackoff, "maxBackoff is null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, but is " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("Backoff must satisfy 0 <= initialBackoff (" + initialBackoff
                    + ") <= maxBackoff (" + maxBackoff + ")");
        }
    }

    /** The wait after failed attempt {@code attempt} (1-based). */
    public Duration backoffAfter(int attempt) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}

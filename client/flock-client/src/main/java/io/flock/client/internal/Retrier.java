package io.flock.client.internal;

import static java.util.Objects.requireNonNull;

import io.flock.client.FlockConnectionException;
import io.flock.client.FlockErrorType;
import io.flock.client.FlockException;
import io.flock.client.RetryPolicy;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.arrow.flight.FlightRuntimeException;

/**
 * The one place where calls are attempted and retried. {@link #idempotent} repeats a call that
 * failed with {@code UNAVAILABLE} as the {@link RetryPolicy} allows; {@link #once} never repeats
 * (writes). Both turn Flight errors into {@link FlockException}s. Thread-safe.
 */
public final class Retrier {
    private static final System.Logger LOG = System.getLogger(Retrier.class.getName());

    private final RetryPolicy policy;
    private final String address;
    private final Runnable beforeRetry;

    /**
     * @param beforeRetry runs before each repeated attempt (resets the channel's reconnect backoff)
     */
    public Retrier(RetryPolicy policy, String address, Runnable beforeRetry) {
        this.policy = requireNonNull(policy, "policy is null");
        this.address = requireNonNull(address, "address is null");
        this.beforeRetry = requireNonNull(beforeRetry, "beforeRetry is null");
    }

    /** Runs an idempotent call, repeating it on UNAVAILABLE. {@code what} names it in messages. */
    public <T> T idempotent(String what, Supplier<T> call) {
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (FlightRuntimeException e) {
                if (!ErrorMapper.isUnavailable(e)) {
                    throw ErrorMapper.map(e);
                }
                if (attempt >= policy.maxAttempts()) {
                    throw unavailable(what, attempt, start, e);
                }
                Duration wait = policy.backoffAfter(attempt);
                int failed = attempt;
                LOG.log(Level.DEBUG, () -> what + " at " + address + " failed with UNAVAILABLE (attempt " + failed
                        + " of " + policy.maxAttempts() + "); retrying in " + wait.toMillis() + " ms");
                sleep(wait, what);
                beforeRetry.run();
            }
        }
    }

    /** Runs a call exactly once (a write: never repeated blindly). */
    public <T> T once(Supplier<T> call) {
        try {
            return call.get();
        } catch (FlightRuntimeException e) {
            throw ErrorMapper.map(e);
        }
    }

    private FlockException unavailable(String what, int attempts, long start, FlightRuntimeException e) {
        long elapsedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        String message = what + " failed: Flock at " + address + " is unavailable after " + attempts
                + (attempts == 1 ? " attempt" : " attempts") + " in " + elapsedMillis + " ms: "
                + ErrorMapper.map(e).getMessage();
        return ErrorMapper.map(e, message);
    }

    private void sleep(Duration wait, String what) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlockConnectionException(what + " at " + address + " was interrupted while waiting to retry",
                    null, FlockException.UNKNOWN_CODE, "INTERRUPTED", FlockErrorType.EXTERNAL, "08006", true, e);
        }
    }
}

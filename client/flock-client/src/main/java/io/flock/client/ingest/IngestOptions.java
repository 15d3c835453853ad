package io.flock.client.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * How an {@link IngestStream} buffers, sends and retries. Build with {@link #builder()}; every
 * default is chosen for throughput (docs/ingest.md lists them):
 *
 * <ul>
 *   <li>{@link FlushMode#AUTO_FLUSH_BACKGROUND}</li>
 *   <li>batches of at most {@value #DEFAULT_MAX_BUFFER_ROWS} rows (one DuckDB row group) and 16 MiB of Arrow data</li>
 *   <li>4 batches in flight (sent, not yet acknowledged)</li>
 *   <li>a partly filled buffer is sent after 1 s (background mode)</li>
 *   <li>retries on: 10 attempts in all, backoff from 100 ms doubling up to 5 s, on
 *       {@link IngestStatus#THROTTLED}, {@link IngestStatus#INTERNAL_ERROR} and {@link IngestStatus#FAILED};
 *       a THROTTLED answer uses no attempt (see {@link #maxAttempts()})</li>
 *   <li>the last 1,000 failed rows kept for {@link IngestStream#pendingErrors()}</li>
 *   <li>a batch that failed for good does not stop the batches after it ({@link #stopOnFailure()})</li>
 *   <li>a new stream id made by the server</li>
 * </ul>
 *
 * <p>A stream holds at most {@code (maxBuffersInFlight + 1) × maxBufferBytes} of row data (plus
 * up to {@code maxBufferRows} rows being built); past that, {@code apply} blocks. Immutable and
 * thread-safe.
 */
public final class IngestOptions {
    /**
     * The default {@link #maxBufferRows()}: 122,880 rows, the size of one row group of the server's
     * storage (DuckDB). A write whose rows fill whole row groups is written compressed straight to
     * the database file; any other write goes through the write-ahead log and is compressed and
     * written again at the next checkpoint (or, from about one row group on, leaves a partial row
     * group that the checkpoint rewrites). Measured on the benchmark's rows, 122,880-row batches
     * cost about half the CPU per row of 50,000-row ones, checkpoints included (docs/ingest.md).
     * Arrow producers calling {@link IngestStream#apply(org.apache.arrow.vector.VectorSchemaRoot)}
     * get the same by sending batches of a multiple of this many rows.
     */
    public static final int DEFAULT_MAX_BUFFER_ROWS = 122_880;

    private final FlushMode flushMode;
    private final int maxBufferRows;
    private final long maxBufferBytes;
    private final int maxBuffersInFlight;
    private final Duration flushInterval;
    private final boolean retry;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Set<IngestStatus> retryStatuses;
    private final int maxCollectedErrors;
    private final boolean stopOnFailure;
    private final Optional<String> streamId;

    private IngestOptions(Builder builder) {
        this.flushMode = builder.flushMode;
        this.maxBufferRows = builder.maxBufferRows;
        this.maxBufferBytes = builder.maxBufferBytes;
        this.maxBuffersInFlight = builder.maxBuffersInFlight;
        this.flushInterval = builder.flushInterval;
        this.retry = builder.retry;
        this.maxAttempts = builder.maxAttempts;
        this.initialBackoff = builder.initialBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.retryStatuses = Set.copyOf(builder.retryStatuses);
        this.maxCollectedErrors = builder.maxCollectedErrors;
        this.stopOnFailure = builder.stopOnFailure;
        this.streamId = builder.streamId;
    }

    /** Every option at its default. */
    public static IngestOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.flushMode = flushMode;
        builder.maxBufferRows = maxBufferRows;
        builder.maxBufferBytes = maxBufferBytes;
        builder.maxBuffersInFlight = maxBuffersInFlight;
        builder.flushInterval = flushInterval;
        builder.retry = retry;
        builder.maxAttempts = maxAttempts;
        builder.initialBackoff = initialBackoff;
        builder.maxBackoff = maxBackoff;
        builder.retryStatuses = EnumSet.noneOf(IngestStatus.class);
        builder.retryStatuses.addAll(retryStatuses);
        builder.maxCollectedErrors = maxCollectedErrors;
        builder.stopOnFailure = stopOnFailure;
        builder.streamId = streamId;
        return builder;
    }

    public FlushMode flushMode() {
        return flushMode;
    }

    /** Rows per batch at most; default {@value #DEFAULT_MAX_BUFFER_ROWS} (see there). */
    public int maxBufferRows() {
        return maxBufferRows;
    }

    /** Bytes of Arrow data per batch at most (estimated while rows are buffered). */
    public long maxBufferBytes() {
        return maxBufferBytes;
    }

    /** Batches sent and not yet acknowledged, at most; also the batches waiting to be sent. */
    public int maxBuffersInFlight() {
        return maxBuffersInFlight;
    }

    /** In background mode, a non-empty buffer is sent once its first row is this old. */
    public Duration flushInterval() {
        return flushInterval;
    }

    /** Whether failed batches are sent again (with the same sequence, so never applied twice). */
    public boolean retry() {
        return retry;
    }

    /**
     * Attempts per batch in all, the first included (1 when retries are off). Sends the server
     * answered {@link IngestStatus#THROTTLED} (it is full) do not count: while retries are on and
     * THROTTLED is one of the {@link #retryStatuses()}, a throttled batch is sent again after the
     * backoff for as long as the stream is open — {@code flush} and {@code close} wait for it — and
     * the batches after it wait behind it ({@code apply} blocks at {@link #maxBuffersInFlight()}), so
     * an overloaded server never makes a stream drop or reorder rows.
     */
    public int maxAttempts() {
        return retry ? maxAttempts : 1;
    }

    /** The wait before the second attempt; it doubles per attempt up to {@link #maxBackoff()}. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** The statuses after which a batch is sent again. */
    public Set<IngestStatus> retryStatuses() {
        return retryStatuses;
    }

    /** Failed rows kept for {@link IngestStream#pendingErrors()}; older ones are dropped (overflow). */
    public int maxCollectedErrors() {
        return maxCollectedErrors;
    }

    /**
     * Whether the stream stops at the first batch that fails for good. Off (the default): the
     * failed batch's rows go to {@link IngestStream#pendingErrors()} and the batches after it are
     * still sent. On: nothing after the failed batch is applied — the batches queued behind it and
     * every batch sealed later (the rows buffered or applied afterwards) are not sent but failed at
     * once with {@link IngestStatus#FAILED}, their rows in {@code pendingErrors()} too — so the
     * table holds exactly the rows before the failed batch. For a producer that must not write past
     * bad input, like {@code flock ingest}.
     */
    public boolean stopOnFailure() {
        return stopOnFailure;
    }

    /** The stream id to open or resume; empty: the server makes a new one. */
    public Optional<String> streamId() {
        return streamId;
    }

    /** The wait after failed attempt {@code attempt} (1-based). */
    public Duration backoffAfter(int attempt) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    @Override
    public String toString() {
        return "IngestOptions{flushMode=" + flushMode + ", maxBufferRows=" + maxBufferRows + ", maxBufferBytes="
                + maxBufferBytes + ", maxBuffersInFlight=" + maxBuffersInFlight + ", flushInterval=" + flushInterval
                + ", retry=" + retry + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
                + ", maxBackoff=" + maxBackoff + ", retryStatuses=" + retryStatuses + ", maxCollectedErrors="
                + maxCollectedErrors + ", stopOnFailure=" + stopOnFailure + ", streamId=" + streamId.orElse("(new)") + "}";
    }

    /** Builds {@link IngestOptions}; each setter checks its value at once. Not thread-safe. */
    public static final class Builder {
        private FlushMode flushMode = FlushMode.AUTO_FLUSH_BACKGROUND;
        private int maxBufferRows = DEFAULT_MAX_BUFFER_ROWS;
        private long maxBufferBytes = 16L << 20;
        private int maxBuffersInFlight = 4;
        private Duration flushInterval = Duration.ofSeconds(1);
        private boolean retry = true;
        private int maxAttempts = 10;
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private EnumSet<IngestStatus> retryStatuses =
                EnumSet.of(IngestStatus.THROTTLED, IngestStatus.INTERNAL_ERROR, IngestStatus.FAILED);
        private int maxCollectedErrors = 1000;
        private boolean stopOnFailure;
        private Optional<String> streamId = Optional.empty();

        private Builder() {
        }

        public Builder flushMode(FlushMode flushMode) {
            this.flushMode = requireNonNull(flushMode, "flushMode is null");
            return this;
        }

        /** Rows per batch, at least 1. */
        public Builder maxBufferRows(int rows) {
            this.maxBufferRows = positive(rows, "maxBufferRows");
            return this;
        }

        /** Bytes of Arrow data per batch, at least 1. */
        public Builder maxBufferBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxBufferBytes must be at least 1, but is " + bytes);
            }
            this.maxBufferBytes = bytes;
            return this;
        }

        /** Batches in flight, at least 1. */
        public Builder maxBuffersInFlight(int buffers) {
            this.maxBuffersInFlight = positive(buffers, "maxBuffersInFlight");
            return this;
        }

        /** Positive. */
        public Builder flushInterval(Duration interval) {
            requireNonNull(interval, "interval is null");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("flushInterval must be positive, but is " + interval);
            }
            this.flushInterval = interval;
            return this;
        }

        public Builder retry(boolean retry) {
            this.retry = retry;
            return this;
        }

        /** Attempts in all, at least 1; THROTTLED answers do not count ({@link IngestOptions#maxAttempts()}). */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = positive(attempts, "maxAttempts");
            return this;
        }

        /** The first wait and the longest wait between attempts: {@code 0 <= initial <= max}. */
        public Builder backoff(Duration initial, Duration max) {
            requireNonNull(initial, "initial is null");
            requireNonNull(max, "max is null");
            if (initial.isNegative() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("Backoff must satisfy 0 <= initial (" + initial + ") <= max ("
                        + max + ")");
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** The statuses that are retried (replaces the default set). */
        public Builder retryStatuses(Set<IngestStatus> statuses) {
            requireNonNull(statuses, "statuses is null");
            this.retryStatuses = statuses.isEmpty() ? EnumSet.noneOf(IngestStatus.class) : EnumSet.copyOf(statuses);
            return this;
        }

        /** Failed rows kept for {@link IngestStream#pendingErrors()}, at least 1. */
        public Builder maxCollectedErrors(int errors) {
            this.maxCollectedErrors = positive(errors, "maxCollectedErrors");
            return this;
        }

        /** Stop at the first batch that fails for good ({@link IngestOptions#stopOnFailure()}). */
        public Builder stopOnFailure(boolean stop) {
            this.stopOnFailure = stop;
            return this;
        }

        /** Resume (or create) the stream with this id; the server tells where it continues. */
        public Builder streamId(String streamId) {
            requireNonNull(streamId, "streamId is null");
            if (streamId.isBlank()) {
                throw new IllegalArgumentException("streamId must not be blank");
            }
            this.streamId = Optional.of(streamId);
            return this;
        }

        public IngestOptions build() {
            return new IngestOptions(this);
        }

        private static int positive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, but is " + value);
            }
            return value;
        }
    }
}

package io.flock.engine.duckdb;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background compaction of primary-key tables: every interval, folds the pending deltas of
 * every open database into their tables ({@link DuckDbDeltas#foldPending()}), so the deltas stay
 * small and a statement seldom has much to fold before it runs. Between two runs the deltas
 * collect every write of the interval, so each fold handles a large batch. A database whose
 * pending rows reach the backlog limit ({@link DuckDbDeltas#compactAt}) {@linkplain
 * #wake() wakes} it at once: under heavy writes the folds run back to back, each taking what
 * arrived during the last, instead of idling until the interval ends.
 *
 * <p>Thread-safe.
 */
final class DuckDbCompaction implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DuckDbCompaction.class);

    private final Collection<DuckDbInstance> instances;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "flock-compaction");
        thread.setDaemon(true);
        return thread;
    });
    /** Whether a run asked for by {@link #wake()} is queued and has not started yet. */
    private final AtomicBoolean woken = new AtomicBoolean();

    /**
     * @param instances the open databases, a live view
     * @param interval the pause between two runs
     */
    DuckDbCompaction(Collection<DuckDbInstance> instances, Duration interval) {
        this.instances = requireNonNull(instances, "instances is null");
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::run, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Runs the compaction as soon as the one running (if any) ends; returns at once. */
    void wake() {
        if (woken.compareAndSet(false, true)) {
            try {
                executor.execute(this::run);
            } catch (RejectedExecutionException e) {
                woken.set(false); // closing
            }
        }
    }

    private void run() {
        woken.set(false);
        for (DuckDbInstance instance : instances) {
            try {
                instance.deltas().foldPending();
            } catch (RuntimeException e) {
                // The next run or the next statement tries again; the delta keeps every row meanwhile.
                log.warn("Compaction of database '{}' failed: {}", instance.name(), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("Compaction still running after 30 s at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

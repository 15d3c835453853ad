package io.flock.engine.transaction;

import static java.util.Objects.requireNonNull;

import io.flock.engine.catalog.Principal;
import io.flock.engine.query.Session;
import io.flock.engine.worker.Worker;
import io.flock.engine.worker.WorkerTransaction;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open transactions by id. A transaction belongs to the user who began it and to one database;
 * one left idle longer than the idle timeout is rolled back, so an abandoned client cannot hold a
 * connection forever.
 *
 * <p>Thread-safe.
 */
public final class Transactions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Transactions.class);

    private final Worker worker;
    private final Duration idleTimeout;
    private final int maxOpen;
    private final Map<String, Open> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "flock-transaction-reaper");
        t.setDaemon(true);
        return t;
    });

    /** An open transaction. */
    public static final class Open {
        private final String id;
        private final Session session;
        private final WorkerTransaction transaction;
        private volatile long lastUsedNanos = System.nanoTime();

        Open(String id, Session session, WorkerTransaction transaction) {
            this.id = id;
            this.session = session;
            this.transaction = transaction;
        }

        public String id() {
            return id;
        }

        /** The session that began it; its statements run in this session's database. */
        public Session session() {
            return session;
        }

        public WorkerTransaction transaction() {
            return transaction;
        }
    }

    /**
     * @param maxOpen open transactions allowed at once; each holds a pooled connection of its
     *     database, so this must stay below the pool size to leave room for autocommit statements
     */
    public Transactions(Worker worker, Duration idleTimeout, int maxOpen) {
        this.worker = requireNonNull(worker, "worker is null");
        this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout is null");
        this.maxOpen = maxOpen;
        reaper.scheduleWithFixedDelay(this::rollbackIdle, 1, 1, TimeUnit.SECONDS);
    }

    /** Begins a transaction in the session's database and returns its id. */
    public synchronized String begin(Session session) {
        if (open.size() >= maxOpen) {
            throw new FlockException(ErrorCode.TOO_MANY_QUERIES, maxOpen + " transactions are open, the most"
                    + " allowed (transaction.max-open); commit or roll back one first");
        }
        String id = UUID.randomUUID().toString();
        open.put(id, new Open(id, session, worker.begin(session.database())));
        return id;
    }

    /**
     * The open transaction {@code id} of {@code principal}.
     *
     * @throws FlockException NOT_FOUND if it does not exist, ended, or belongs to someone else
     */
    public Open get(Principal principal, String id) {
        Open transaction = open.get(id);
        if (transaction == null || !transaction.session.principal().user().equals(principal.user())) {
            throw new FlockException(ErrorCode.NOT_FOUND, "Transaction '" + id
                    + "' does not exist: it was never begun, has ended, or was rolled back after "
                    + idleTimeout.toSeconds() + " s idle");
        }
        transaction.lastUsedNanos = System.nanoTime();
        return transaction;
    }

    /** Commits; the transaction stays open (and can be retried) if its statement still streams. */
    public void commit(Principal principal, String id) {
        Open transaction = get(principal, id);
        transaction.transaction.commit();
        open.remove(id, transaction);
    }

    public void rollback(Principal principal, String id) {
        Open transaction = get(principal, id);
        transaction.transaction.rollback();
        open.remove(id, transaction);
    }

    private void rollbackIdle() {
        long now = System.nanoTime();
        for (Open transaction : open.values()) {
            if (transaction.transaction.busy()) {
                transaction.lastUsedNanos = now; // a statement still streams: not idle
                continue;
            }
            if (now - transaction.lastUsedNanos > idleTimeout.toNanos() && open.remove(transaction.id, transaction)) {
                log.info("Rolling back transaction {} of user '{}': idle for more than {} s", transaction.id,
                        transaction.session.principal().user(), idleTimeout.toSeconds());
                rollbackQuietly(transaction);
            }
        }
    }

    private static void rollbackQuietly(Open transaction) {
        try {
            transaction.transaction.rollback();
        } catch (RuntimeException e) {
            log.warn("Rollback of transaction {} failed: {}", transaction.id, e.getMessage());
        }
    }

    /** Rolls back every open transaction. */
    @Override
    public void close() {
        reaper.shutdownNow();
        open.values().forEach(Transactions::rollbackQuietly);
        open.clear();
    }
}

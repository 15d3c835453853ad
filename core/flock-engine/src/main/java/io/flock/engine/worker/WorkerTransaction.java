package io.flock.engine.worker;

/**
 * A transaction open on one database of a worker: its statements run one after another on a
 * connection reserved for it, and see their own uncommitted changes; nobody else does until
 * {@link #commit()}. Thread-safe: statements of one transaction are serialized.
 */
public interface WorkerTransaction {
    String database();

    /** Whether a statement of the transaction is running or streaming right now. */
    boolean busy();

    /**
     * Makes the transaction's changes durable and visible, and frees its connection. Fails with
     * TRANSACTION_CONFLICT, leaving the transaction open, while a statement of it still streams.
     */
    void commit();

    /** Discards the transaction's changes and frees its connection. Safe to call more than once. */
    void rollback();
}

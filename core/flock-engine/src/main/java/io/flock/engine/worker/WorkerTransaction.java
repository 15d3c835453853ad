package io.flock.engine.worker;

/**
 * A transaction open on one database of a worker: its statements run one after another on a
 * connection reserved for it, and see their own uncommitted changes; nobody else does until
 * {@link #commit()}. Thread-safe: statements of one transaction are serialized.
 */
public interface WorkerTransaction {
    String database();

    /** Makes the transaction's changes durable and visible, and frees its connection. */
    void commit();

    /** Discards the transaction's changes and frees its connection. Safe to call more than once. */
    void rollback();
}

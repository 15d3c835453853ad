package io.flock.engine.worker;

import io.flock.engine.sql.ClassifiedStatement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Owns the storage of databases and executes statements on them. In the embedded single node the
 * worker runs in the coordinator's JVM ({@code role=all}); in a cluster the same interface is
 * served over Arrow Flight. Statements reaching a worker have already been authenticated,
 * authorized and classified by the coordinator.
 *
 * <p>Implementations are thread-safe.
 */
public interface Worker extends AutoCloseable {
    /** Creates the empty storage of a new database. */
    void createDatabase(String database);

    /** Closes and deletes the storage of a database. */
    void dropDatabase(String database);

    /** The result and parameter shapes of a statement, without running it. */
    PreparedShape describe(String database, ClassifiedStatement statement);

    /**
     * Prepares a statement with the given parameter values (Java values: Boolean, Number, String,
     * BigDecimal, byte[], java.time types, UUID) bound; {@link Execution#run()} then executes it.
     */
    Execution prepare(String database, ClassifiedStatement statement, List<Object> parameters,
                      BufferAllocator allocator);

    /**
     * Starts a one-off statement: no parameters, outside any transaction, run once. A worker may
     * skip preparing a query: {@link Execution#run()} then plans and runs it in one step (DuckDB's prepare is
     * a full planning pass of its own), and {@link Execution#schema()}, which may be called while
     * {@code run()} works on another thread, waits briefly for the run to learn the result schema
     * and otherwise describes the statement separately. By default the statement is prepared.
     */
    default Execution startOneOff(String database, ClassifiedStatement statement, BufferAllocator allocator) {
        return prepare(database, statement, List.of(), allocator);
    }

    /** Opens a transaction on {@code database}. */
    WorkerTransaction begin(String database);

    /**
     * Like {@link #prepare(String, ClassifiedStatement, List, BufferAllocator)}, inside an open
     * transaction; waits while another statement of the same transaction still runs or streams.
     */
    Execution prepare(WorkerTransaction transaction, ClassifiedStatement statement, List<Object> parameters,
                      BufferAllocator allocator);

    /**
     * Prepares an update to run once per parameter row, all in one transaction: on
     * {@link Execution#run()} either every row is applied or none; the update count is the total.
     */
    Execution prepareBatch(String database, ClassifiedStatement statement, List<List<Object>> parameterRows);

    /**
     * Prepares writing Arrow rows into a table: on {@link Execution#run()} every batch of
     * {@code rows} is inserted, columns matched by name (missing columns get their defaults), in
     * one transaction: either all rows are applied or none. The update count is the number of rows.
     * {@code allocator} is the one {@code rows} allocates from.
     */
    Execution prepareAppend(String database, TableWrite write, ArrowReader rows, BufferAllocator allocator);

    /**
     * Like {@link #prepareAppend(String, TableWrite, ArrowReader, BufferAllocator)}, inside an open
     * transaction: the rows become visible to others on its commit.
     */
    Execution prepareAppend(WorkerTransaction transaction, TableWrite write, ArrowReader rows,
                            BufferAllocator allocator);

    /**
     * Where the ingest stream {@code streamId} stands in {@code database}: its last applied batch
     * sequence and committed rows (recorded by writes {@linkplain TableWrite#withStream with a
     * stream position}); {@link StreamProgress#NONE} for a stream that never applied a batch.
     */
    StreamProgress streamProgress(String database, String streamId);

    /**
     * The compaction backlog and folds of every primary-key table that took keyed writes, in the
     * databases open on this worker (docs/primary-key-tables.md).
     */
    List<CompactionStats> compactions();

    /**
     * Checks that keyed writes ({@link TableWrite.Operation#keyed() UPSERT, CHANGES}) can go into
     * the table of {@code write}: it has a primary key and no constraint they cannot check when a row
     * is acknowledged (CHECK, UNIQUE, FOREIGN KEY).
     *
     * @throws io.flock.spi.FlockException NOT_FOUND or NOT_SUPPORTED, naming what stops them
     */
    void checkKeyedWrites(String database, TableWrite write);

    /**
     * After a write of {@code rows} into the table of {@code write} failed on a value DuckDB could
     * not convert: the first such value (its row in {@code rows}, its column, the column's type),
     * tried column by column with the table's types; empty if every value converts (the write failed
     * for another reason). Consumes {@code rows}.
     */
    Optional<BadValue> firstBadValue(String database, TableWrite write, ArrowReader rows, BufferAllocator allocator);

    /** The lengths Flock enforces on the {@code VARCHAR(n)} columns of a table: column name → n. */
    Map<String, Integer> maxLengths(String database, String schema, String table);

    /** Tables and views of a database with their columns and primary keys. */
    List<TableInfo> tables(String database);

    /** Schemas of a database. */
    List<String> schemas(String database);

    /** Writes everything durable to the database files. */
    void checkpoint();

    @Override
    void close();
}

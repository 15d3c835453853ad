package io.flock.engine.duckdb;

import static java.util.Objects.requireNonNull;

import io.flock.engine.sql.ClassifiedStatement;
import io.flock.engine.sql.StatementKind;
import io.flock.engine.worker.CompactionStats;
import io.flock.engine.worker.BadValue;
import io.flock.engine.worker.Execution;
import io.flock.engine.worker.PreparedShape;
import io.flock.engine.worker.StreamProgress;
import io.flock.engine.worker.TableInfo;
import io.flock.engine.worker.TableWrite;
import io.flock.engine.worker.Worker;
import io.flock.engine.worker.WorkerTransaction;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.ParameterMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.DuckDBResultSetMetaData;

/**
 * The local worker: each database is a DuckDB file {@code <dir>/<name>.duckdb}, opened on first
 * use and kept open until shutdown or DROP DATABASE.
 */
public final class DuckDbWorker implements Worker {
    private static final String FILE_SUFFIX = ".duckdb";
    /** Tables Flock keeps for itself inside a database ({@link DuckDbStreamPositions}); not listed. */
    private static final String HIDDEN_PREFIX = "__flock_";
    /** Hides the delta tables of primary-key tables from the metadata (docs/primary-key-tables.md). */
    private static final String NOT_DELTA = " AND schema_name <> '" + DuckDbKeyedTable.DELTA_SCHEMA + "'";

    private final Path directory;
    private final DuckDbSettings settings;
    private final Map<String, DuckDbInstance> instances = new ConcurrentHashMap<>();
    /** Serializes opening, creating and dropping databases, so a drop never races an open. */
    private final Object lifecycle = new Object();
    private final DuckDbCompaction compaction;

    public DuckDbWorker(Path directory, DuckDbSettings settings) {
        this.directory = requireNonNull(directory, "directory is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.compaction = new DuckDbCompaction(instances.values(), settings.compactionInterval());
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new FlockException(ErrorCode.IO_ERROR, "Cannot create the database directory " + directory, e);
        }
    }

    @Override
    public void createDatabase(String database) {
        synchronized (lifecycle) {
            Path file = fileOf(database);
            if (instances.containsKey(database) || Files.exists(file)) {
                throw new FlockException(ErrorCode.ALREADY_EXISTS, "The storage of database '" + database
                        + "' already exists; drop the database first or choose another name");
            }
            instances.put(database, withCompaction(DuckDbInstance.open(database, file, settings, true)));
        }
    }

    @Override
    public void dropDatabase(String database) {
        synchronized (lifecycle) {
            DuckDbInstance instance = instances.remove(database);
            if (instance != null) {
                instance.close();
            }
            deleteFiles(database);
        }
    }

    private void deleteFiles(String database) {
        Path file = fileOf(database);
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".wal"));
        } catch (IOException e) {
            throw new FlockException(ErrorCode.IO_ERROR, "Cannot delete the files of database '" + database + "': "
                    + e.getMessage(), e);
        }
    }

    @Override
    public PreparedShape describe(String database, ClassifiedStatement statement) {
        DuckDbInstance instance = instance(database);
        // refuses what a table whose key Flock keeps cannot do before DuckDB reports it less clearly
        IndexFreeStatement.of(instance.indexFreeKeys(), statement, Optional.empty());
        if (statement.kind() == StatementKind.DDL) {
            return withoutRows(describe(instance, statement.sql()));
        }
        PreparedShape shape = instance.shapes().get(statement.sql(), () -> describe(instance, statement.sql()));
        return statement.returnsRows() ? shape : withoutRows(shape);
    }

    /**
     * The shape of a statement that returns no rows. DuckDB reports a result column for a DML
     * statement whose parameter types it cannot infer before binding (e.g. {@code SET v = v - ?}),
     * which would make clients treat it as a query.
     */
    private static PreparedShape withoutRows(PreparedShape shape) {
        return shape.resultSchema().getFields().isEmpty() ? shape
                : new PreparedShape(new Schema(List.of()), shape.parameterSchema());
    }

    /**
     * Prepares {@code sql} to learn its shapes, on a spare connection of {@code instance} (callers
     * may hold a pooled connection already: a one-off query describes itself while it runs).
     */
    static PreparedShape describe(DuckDbInstance instance, String sql) {
        return instance.withSpareConnection(connection -> {
            try (DuckDBPreparedStatement prepared = (DuckDBPreparedStatement) connection.prepareStatement(sql)) {
                Schema columns = DuckDbExecution.resultSchema((DuckDBResultSetMetaData) prepared.getMetaData());
                ParameterMetaData parameters = prepared.getParameterMetaData();
                List<Field> parameterFields = new ArrayList<>();
                for (int i = 1; i <= parameters.getParameterCount(); i++) {
                    parameterFields.add(DuckDbTypes.parameterField("parameter_" + i, parameters.getParameterTypeName(i)));
                }
                return new PreparedShape(columns, new Schema(parameterFields));
            }
        });
    }

    @Override
    public Execution prepare(String database, ClassifiedStatement statement, List<Object> parameters,
                             BufferAllocator allocator) {
        DuckDbInstance instance = merged(database);
        StatementHooks hooks = IndexFreeStatement.of(instance.indexFreeKeys(), statement, Optional.empty());
        return watchSchema(instance, statement,
                DuckDbExecution.prepare(instance, statement.sql(), parameters, allocator, settings.batchRows(), hooks));
    }

    /** Queries run unprepared (see {@link DuckDbExecution#oneOff}); other statements are prepared as usual. */
    @Override
    public Execution startOneOff(String database, ClassifiedStatement statement, BufferAllocator allocator) {
        if (statement.kind() != StatementKind.QUERY) {
            return prepare(database, statement, List.of(), allocator);
        }
        return DuckDbExecution.oneOff(merged(database), statement.sql(), allocator, settings.batchRows());
    }

    /** A DDL statement's execution empties the database's shape cache; others run as they are. */
    private static Execution watchSchema(DuckDbInstance instance, ClassifiedStatement statement, Execution execution) {
        return statement.kind() == StatementKind.DDL ? new SchemaChangeExecution(execution, instance.shapes()) : execution;
    }

    @Override
    public WorkerTransaction begin(String database) {
        return DuckDbTransaction.begin(merged(database));
    }

    @Override
    public Execution prepare(WorkerTransaction transaction, ClassifiedStatement statement, List<Object> parameters,
                             BufferAllocator allocator) {
        DuckDbTransaction own = own(transaction);
        own.instance().deltas().foldPending();
        StatementHooks hooks = IndexFreeStatement.of(own.instance().indexFreeKeys(), statement, Optional.of(own));
        if (statement.kind() == StatementKind.DDL) {
            own.schemaChanging();
        }
        return watchSchema(own.instance(), statement,
                DuckDbExecution.prepare(own, statement.sql(), parameters, allocator, settings.batchRows(), hooks));
    }

    @Override
    public Execution prepareBatch(String database, ClassifiedStatement statement, List<List<Object>> parameterRows) {
        DuckDbInstance instance = merged(database);
        StatementHooks hooks = IndexFreeStatement.of(instance.indexFreeKeys(), statement, Optional.empty());
        return DuckDbBatchExecution.prepare(instance, statement.sql(), parameterRows,
                hooks == StatementHooks.NONE ? IndexFreeStatement.ownTransaction() : hooks);
    }

    @Override
    public Execution prepareAppend(String database, TableWrite write, ArrowReader rows, BufferAllocator allocator) {
        return DuckDbAppendExecution.prepare(instance(database), write, rows, allocator);
    }

    @Override
    public Execution prepareAppend(WorkerTransaction transaction, TableWrite write, ArrowReader rows,
                                   BufferAllocator allocator) {
        return DuckDbAppendExecution.prepare(own(transaction), write, rows, allocator);
    }

    private static DuckDbTransaction own(WorkerTransaction transaction) {
        if (!(transaction instanceof DuckDbTransaction duckDb)) {
            throw new IllegalArgumentException("Not a transaction of this worker: " + transaction);
        }
        return duckDb;
    }

    @Override
    public List<TableInfo> tables(String database) {
        DuckDbInstance instance = instance(database);
        List<IndexFreeKey> keptKeys = instance.indexFreeKeys().all();
        return instance.withServerConnection(c -> readTables(c, database, keptKeys));
    }

    /** The tables and views of {@code database}; {@code keptKeys}: the keys Flock keeps ({@link IndexFreeKeys}). */
    private static List<TableInfo> readTables(DuckDBConnection c, String database, List<IndexFreeKey> keptKeys)
            throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, List<Field>> columns = new LinkedHashMap<>();
        Map<String, List<String>> keys = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT schema_name, table_name, 'TABLE' FROM duckdb_tables()"
                    + " WHERE database_name = current_database() AND NOT internal" + NOT_DELTA
                    + " UNION ALL SELECT schema_name, view_name, 'VIEW' FROM duckdb_views()"
                    + " WHERE database_name = current_database() AND NOT internal ORDER BY 1, 2")) {
                while (rs.next()) {
                    types.put(key(rs.getString(1), rs.getString(2)), rs.getString(3));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT schema_name, table_name, column_name, data_type, is_nullable"
                    + " FROM duckdb_columns() WHERE database_name = current_database() AND NOT internal" + NOT_DELTA
                    + " ORDER BY schema_name, table_name, column_index")) {
                while (rs.next()) {
                    columns.computeIfAbsent(key(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                            .add(DuckDbTypes.field(rs.getString(3), rs.getString(4), rs.getBoolean(5)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT schema_name, table_name, constraint_column_names"
                    + " FROM duckdb_constraints() WHERE database_name = current_database()"
                    + " AND constraint_type = 'PRIMARY KEY'")) {
                while (rs.next()) {
                    Array names = rs.getArray(3);
                    List<String> list = new ArrayList<>();
                    for (Object name : (Object[]) names.getArray()) {
                        list.add(String.valueOf(name));
                    }
                    keys.put(key(rs.getString(1), rs.getString(2)), list);
                }
            }
        }
        for (IndexFreeKey kept : keptKeys) {
            keys.putIfAbsent(key(kept.schema(), kept.table()), kept.key());
        }
        List<TableInfo> tables = new ArrayList<>(types.size());
        types.forEach((key, type) -> {
            int dot = key.indexOf('\u0000');
            if (key.startsWith(HIDDEN_PREFIX, dot + 1)) {
                return;
            }
            tables.add(new TableInfo(database, key.substring(0, dot), key.substring(dot + 1), type,
                    new Schema(columns.getOrDefault(key, List.of())), keys.getOrDefault(key, List.of())));
        });
        return tables;
    }

    @Override
    public List<CompactionStats> compactions() {
        return instances.values().stream().flatMap(instance -> instance.deltas().stats().stream()).toList();
    }

    @Override
    public StreamProgress streamProgress(String database, String streamId) {
        DuckDbInstance instance = instance(database);
        return instance.withServerConnection(c -> instance.streamPositions().progress(c, streamId));
    }

    @Override
    public Optional<BadValue> firstBadValue(String database, TableWrite write, ArrowReader rows,
                                            BufferAllocator allocator) {
        // a pooled connection, not the server's: the check may read a large upload, and the server
        // connection serves every stream's opening and checkpoint of the database meanwhile
        DuckDbInstance instance = instance(database);
        DuckDBConnection connection = instance.borrow();
        try {
            return DuckDbValueChecks.firstBadValue(connection, write, rows, allocator);
        } catch (SQLException e) {
            throw DuckDbErrors.toFlock(e, "Cannot check the values written into " + write);
        } finally {
            instance.release(connection);
        }
    }

    @Override
    public void checkKeyedWrites(String database, TableWrite write) {
        DuckDbInstance instance = instance(database);
        instance.withServerConnection(c -> instance.keyedTables().get(c, write));
    }

    @Override
    public Map<String, Integer> maxLengths(String database, String schema, String table) {
        return instance(database).withServerConnection(c -> DuckDbColumnLimits.maxLengths(c, schema, table));
    }

    private static String key(String schema, String table) {
        return schema + '\u0000' + table;
    }

    @Override
    public List<String> schemas(String database) {
        return instance(database).withServerConnection(c -> {
            List<String> schemas = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT schema_name FROM duckdb_schemas()"
                         + " WHERE database_name = current_database() AND NOT internal" + NOT_DELTA
                         + " ORDER BY 1")) {
                while (rs.next()) {
                    schemas.add(rs.getString(1));
                }
            }
            return schemas;
        });
    }

    /**
     * Whether writes into primary-key tables of {@code database} wait in deltas to be folded into
     * their tables (the next statement or the background compaction folds them).
     */
    public boolean pendingChanges(String database) {
        return instance(database).deltas().pending();
    }

    /** The delta rows of primary-key tables of {@code database} not folded yet. */
    public long pendingRows(String database) {
        return instance(database).deltas().pendingRows();
    }

    @Override
    public void checkpoint() {
        instances.values().forEach(DuckDbInstance::checkpoint);
    }

    /**
     * The instance of {@code database} with the deltas of its primary-key tables folded in, so the
     * statement about to run sees every acknowledged write (docs/primary-key-tables.md).
     */
    private DuckDbInstance merged(String database) {
        DuckDbInstance instance = instance(database);
        instance.deltas().foldPending();
        return instance;
    }

    private DuckDbInstance instance(String database) {
        DuckDbInstance instance = instances.get(database);
        if (instance != null) {
            return instance;
        }
        synchronized (lifecycle) {
            instance = instances.get(database);
            if (instance == null) {
                Path file = fileOf(database);
                if (!Files.exists(file)) {
                    throw new FlockException(ErrorCode.DATABASE_NOT_FOUND, "Database '" + database
                            + "' has no data file");
                }
                instance = withCompaction(DuckDbInstance.open(database, file, settings, true));
                instances.put(database, instance);
            }
            return instance;
        }
    }

    /**
     * Lets a backlog of {@code compactionRows} pending delta rows wake the background compaction,
     * and folds take at most that many rows each.
     */
    private DuckDbInstance withCompaction(DuckDbInstance instance) {
        instance.deltas().compactAt(settings.compactionRows(), compaction::wake);
        instance.deltas().limitPending(settings.maxPendingRows());
        return instance;
    }

    private Path fileOf(String database) {
        return directory.resolve(database + FILE_SUFFIX);
    }

    @Override
    public void close() {
        compaction.close();
        instances.values().forEach(DuckDbInstance::close);
        instances.clear();
    }

}

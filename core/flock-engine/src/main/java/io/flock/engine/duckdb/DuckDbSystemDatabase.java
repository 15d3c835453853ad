package io.flock.engine.duckdb;

import io.flock.engine.catalog.Names;
import io.flock.engine.system.SystemDatabase;
import io.flock.engine.system.SystemColumn;
import io.flock.engine.system.SystemTable;
import io.flock.engine.worker.TableInfo;
import java.util.ArrayList;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import io.flock.engine.worker.Execution;
import io.flock.engine.worker.PreparedShape;
import io.flock.spi.DataSize;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.duckdb.DuckDBAppender;

/**
 * The system database {@code flock} as an in-memory DuckDB instance with materialized results:
 * each query refills the tables with the caller's rows and runs under one lock, so that no query
 * sees another user's rows.
 */
public final class DuckDbSystemDatabase implements SystemDatabase {
    private static final DuckDbSettings SETTINGS = new DuckDbSettings(DataSize.ofMegabytes(256), 1, 2, 65_536);

    private final DuckDbInstance instance;
    private final List<SystemTable> tables;

    public DuckDbSystemDatabase(List<SystemTable> tables) {
        this.tables = List.copyOf(tables);
        instance = DuckDbInstance.open(Names.SYSTEM_DATABASE, null, SETTINGS, false);
        instance.withServerConnection(c -> {
            try (Statement s = c.createStatement()) {
                for (SystemTable table : tables) {
                    s.execute(table.createStatement());
                }
            }
            return null;
        });
    }

    @Override
    public synchronized Execution execute(Map<SystemTable, List<Object[]>> rows, String sql, List<Object> parameters,
                                          BufferAllocator allocator) {
        instance.withServerConnection(c -> {
            try (Statement s = c.createStatement()) {
                for (Map.Entry<SystemTable, List<Object[]>> table : rows.entrySet()) {
                    s.execute("DELETE FROM " + table.getKey().name());
                    try (DuckDBAppender appender = c.createAppender(Names.SYSTEM_DATABASE, "main", table.getKey().name())) {
                        for (Object[] row : table.getValue()) {
                            appendRow(appender, row);
                        }
                    }
                }
            }
            return null;
        });
        DuckDbExecution execution = DuckDbExecution.prepare(instance, sql, parameters, allocator, SETTINGS.batchRows(),
                StatementHooks.NONE);
        try {
            execution.run();
            return execution;
        } catch (RuntimeException e) {
            execution.close();
            throw e;
        }
    }

    @Override
    public List<TableInfo> tables() {
        List<TableInfo> infos = new ArrayList<>();
        for (SystemTable table : tables) {
            List<Field> fields = new ArrayList<>();
            for (SystemColumn column : table.columns()) {
                fields.add(DuckDbTypes.field(column.name(), column.duckDbType(), true));
            }
            infos.add(new TableInfo(Names.SYSTEM_DATABASE, "main", table.name(), "TABLE", new Schema(fields), List.of()));
        }
        return infos;
    }

    @Override
    public PreparedShape describe(String sql) {
        return DuckDbWorker.describe(instance, sql);
    }

    private static void appendRow(DuckDBAppender appender, Object[] row) throws SQLException {
        appender.beginRow();
        for (Object value : row) {
            if (value == null) {
                appender.appendNull();
            } else if (value instanceof String v) {
                appender.append(v);
            } else if (value instanceof Long v) {
                appender.append(v.longValue());
            } else if (value instanceof Boolean v) {
                appender.append(v.booleanValue());
            } else if (value instanceof OffsetDateTime v) {
                appender.append(v);
            } else if (value instanceof LocalDateTime v) {
                appender.append(v);
            } else {
                appender.append(value.toString());
            }
        }
        appender.endRow();
    }

    @Override
    public void close() {
        instance.close();
    }
}

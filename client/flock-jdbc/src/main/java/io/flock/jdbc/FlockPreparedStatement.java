package io.flock.jdbc;

import io.flock.client.FlockClient;
import io.flock.client.FlockException;
import io.flock.client.FlockTransaction;
import io.flock.client.PreparedQuery;
import io.flock.client.QueryResult;
import io.flock.client.StatementDescription;
import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.function.Function;

/**
 * A prepared statement of Flock. The statement is prepared on the server when created and kept
 * there until closed, so {@link #getMetaData()} and {@link #getParameterMetaData()} are known
 * before it runs and each execution only sends its parameters. Parameters are bound by the types
 * the server announced (docs/types.md). {@link #executeBatch()} sends all parameter rows at once
 * and the server applies them in one transaction: all rows or none.
 *
 * <p>Not thread-safe, except {@link #cancel()}.
 */
public final class FlockPreparedStatement extends FlockStatement implements PreparedStatement {
    private final String sql;
    private final PreparedQuery prepared;
    private final FlockClient owner;
    private final StatementDescription description;
    private final Object[] parameters;
    private final boolean[] bound;
    private final List<Object[]> batchRows = new ArrayList<>();

    FlockPreparedStatement(FlockJdbcConnection connection, String sql) throws SQLException {
        super(connection);
        this.sql = sql;
        this.owner = connection.client();
        this.prepared = connection.takePrepared(sql);
        this.description = prepared.description();
        this.parameters = new Object[description.parameters().size()];
        this.bound = new boolean[parameters.length];
    }

    private Object[] boundParameters() throws SQLException {
        for (int i = 0; i < bound.length; i++) {
            if (!bound[i]) {
                throw new SQLException("Parameter " + (i + 1) + " of " + bound.length + " is not set", "07001");
            }
        }
        return parameters.clone();
    }

    private void set(int index, Object value) throws SQLException {
        checkOpen();
        if (index < 1 || index > parameters.length) {
            throw new SQLException("Parameter index " + index + " is out of range: the statement has "
                    + parameters.length + " parameters", "07009");
        }
        parameters[index - 1] = JdbcValues.parameter(value);
        bound[index - 1] = true;
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        if (!execute()) {
            throw new SQLException("The statement returned no result set; use executeUpdate or execute: " + sql,
                    "07000");
        }
        return getResultSet();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return Math.toIntExact(executeLargeUpdate());
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return update(sql, boundStarter());
    }

    @Override
    public boolean execute() throws SQLException {
        return run(boundStarter());
    }

    /** Runs with the bound parameters: on the kept server handle in autocommit, inside the open transaction otherwise. */
    private Function<FlockClient, QueryResult> boundStarter() throws SQLException {
        Object[] values = boundParameters();
        return connection.transaction() == null ? client -> prepared.execute(values) : starter(sql, values);
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        batchRows.add(boundParameters());
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batchRows.clear();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        return toInts(executeLargeBatch());
    }

    /**
     * Sends every added parameter row at once; the server applies them in one transaction, all or
     * none. The total count is known but not the count per row, so each entry is
     * {@link java.sql.Statement#SUCCESS_NO_INFO} (a batch of one row reports its count). On failure
     * nothing was applied: the {@link BatchUpdateException} has no update counts.
     */
    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<List<Object>> rows = new ArrayList<>(batchRows.size());
        for (Object[] row : batchRows) {
            rows.add(Arrays.asList(row));
        }
        batchRows.clear();
        if (rows.isEmpty()) {
            return new long[0];
        }
        long total;
        FlockTransaction transaction = connection.transaction();
        try {
            if (transaction == null) {
                total = prepared.executeBatch(rows);
            } else {
                try (PreparedQuery inTransaction = transaction.prepareStatement(sql)) {
                    total = inTransaction.executeBatch(rows);
                }
            }
        } catch (FlockException e) {
            throw rolledBack(SqlExceptions.of(e, false), rows.size());
        } catch (RuntimeException e) {
            throw rolledBack(SqlExceptions.of(e), rows.size());
        }
        long[] counts = new long[rows.size()];
        Arrays.fill(counts, rows.size() == 1 ? total : SUCCESS_NO_INFO);
        return counts;
    }

    private static BatchUpdateException rolledBack(SQLException cause, int rows) {
        return new BatchUpdateException("The batch of " + rows + " parameter rows was not applied (none of its rows): "
                + cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), new int[0], cause);
    }

    /** Closes the statement; its server handle stays with the connection for the next statement of the same SQL. */
    @Override
    public void close() {
        if (isClosed()) {
            return;
        }
        super.close();
        connection.givePrepared(prepared, owner);
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        Arrays.fill(parameters, null);
        Arrays.fill(bound, false);
    }

    /** The result columns as the server announced them when preparing; null for a statement without rows. */
    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return description.returnsRows() ? new FlockResultSetMetaData(description.columns()) : null;
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        return new FlockParameterMetaData(description.parameters());
    }

    @Override
    public void setNull(int index, int sqlType) throws SQLException {
        set(index, null);
    }

    @Override
    public void setNull(int index, int sqlType, String typeName) throws SQLException {
        set(index, null);
    }

    @Override
    public void setBoolean(int index, boolean value) throws SQLException {
        set(index, value);
    }

    @Override
    public void setByte(int index, byte value) throws SQLException {
        set(index, value);
    }

    @Override
    public void setShort(int index, short value) throws SQLException {
        set(index, value);
    }

    @Override
    public void setInt(int index, int value) throws SQLException {
        set(index, value);
    }

    @Override
    public void setLong(int index, long value) throws SQLException {
        set(index, value);
    }

    @Override
    public void setFloat(int index, float value) throws SQLException {
        set(index, value);
    }

    @Override
    public void setDouble(int index, double value) throws SQLException {
        set(index, value);
    }

    @Override
    public void setBigDecimal(int index, BigDecimal value) throws SQLException {
        set(index, value);
    }

    @Override
    public void setString(int index, String value) throws SQLException {
        set(index, value);
    }

    @Override
    public void setNString(int index, String value) throws SQLException {
        set(index, value);
    }

    @Override
    public void setBytes(int index, byte[] value) throws SQLException {
        set(index, value == null ? null : value.clone());
    }

    @Override
    public void setDate(int index, java.sql.Date value) throws SQLException {
        set(index, value);
    }

    @Override
    public void setTime(int index, Time value) throws SQLException {
        set(index, value);
    }

    @Override
    public void setTimestamp(int index, Timestamp value) throws SQLException {
        set(index, value);
    }

    @Override
    public void setDate(int index, java.sql.Date value, Calendar calendar) throws SQLException {
        set(index, value == null || calendar == null ? value
                : java.time.Instant.ofEpochMilli(value.getTime()).atZone(calendar.getTimeZone().toZoneId()).toLocalDate());
    }

    @Override
    public void setTime(int index, Time value, Calendar calendar) throws SQLException {
        set(index, value == null || calendar == null ? value
                : java.time.Instant.ofEpochMilli(value.getTime()).atZone(calendar.getTimeZone().toZoneId()).toLocalTime());
    }

    /** The timestamp's local date and time in the calendar's zone. */
    @Override
    public void setTimestamp(int index, Timestamp value, Calendar calendar) throws SQLException {
        set(index, value == null || calendar == null ? value
                : value.toInstant().atZone(calendar.getTimeZone().toZoneId()).toLocalDateTime());
    }

    /** Any value the SDK binds (numbers, text, bytes, java.time and java.sql date/time values). */
    @Override
    public void setObject(int index, Object value) throws SQLException {
        set(index, value);
    }

    @Override
    public void setObject(int index, Object value, int targetSqlType) throws SQLException {
        set(index, value);
    }

    @Override
    public void setObject(int index, Object value, int targetSqlType, int scaleOrLength) throws SQLException {
        set(index, value);
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        throw new SQLException("A PreparedStatement runs its own SQL: call executeQuery() without arguments", "HY000");
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        throw new SQLException("A PreparedStatement runs its own SQL: call executeUpdate() without arguments", "HY000");
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        throw new SQLException("A PreparedStatement runs its own SQL: call execute() without arguments", "HY000");
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        throw new SQLException("A PreparedStatement runs its own SQL: call addBatch() without arguments", "HY000");
    }

    @Override
    public void setAsciiStream(int arg0, java.io.InputStream arg1, int arg2) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setAsciiStream (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setUnicodeStream(int arg0, java.io.InputStream arg1, int arg2) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setUnicodeStream (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setBinaryStream(int arg0, java.io.InputStream arg1, int arg2) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setBinaryStream (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setCharacterStream(int arg0, java.io.Reader arg1, int arg2) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setCharacterStream (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setRef(int arg0, java.sql.Ref arg1) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setRef (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setBlob(int arg0, java.sql.Blob arg1) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setBlob (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setClob(int arg0, java.sql.Clob arg1) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setClob (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setArray(int arg0, java.sql.Array arg1) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setArray (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setURL(int arg0, java.net.URL arg1) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setURL (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setRowId(int arg0, java.sql.RowId arg1) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setRowId (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setNCharacterStream(int arg0, java.io.Reader arg1, long arg2) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setNCharacterStream (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setNClob(int arg0, java.sql.NClob arg1) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setNClob (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setClob(int arg0, java.io.Reader arg1, long arg2) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setClob (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setBlob(int arg0, java.io.InputStream arg1, long arg2) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setBlob (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setNClob(int arg0, java.io.Reader arg1, long arg2) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setNClob (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setSQLXML(int arg0, java.sql.SQLXML arg1) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setSQLXML (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setAsciiStream(int arg0, java.io.InputStream arg1, long arg2) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setAsciiStream (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setBinaryStream(int arg0, java.io.InputStream arg1, long arg2) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setBinaryStream (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setCharacterStream(int arg0, java.io.Reader arg1, long arg2) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setCharacterStream (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setAsciiStream(int arg0, java.io.InputStream arg1) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setAsciiStream (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setBinaryStream(int arg0, java.io.InputStream arg1) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setBinaryStream (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setCharacterStream(int arg0, java.io.Reader arg1) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setCharacterStream (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setNCharacterStream(int arg0, java.io.Reader arg1) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setNCharacterStream (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setClob(int arg0, java.io.Reader arg1) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setClob (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setBlob(int arg0, java.io.InputStream arg1) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setBlob (bind the value itself, e.g. setBytes or setString)");
    }

    @Override
    public void setNClob(int arg0, java.io.Reader arg1) throws SQLException {
        throw SqlExceptions.unsupported("PreparedStatement.setNClob (bind the value itself, e.g. setBytes or setString)");
    }
}

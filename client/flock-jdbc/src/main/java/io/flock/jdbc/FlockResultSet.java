package io.flock.jdbc;

import static java.util.Objects.requireNonNull;

import io.flock.client.Column;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Calendar;
import java.util.List;
import java.util.Map;

/**
 * A forward-only, read-only result of Flock. Rows of a query stream from the server as they are
 * read (one Arrow batch in memory at a time); closing the result before its end cancels the
 * query. Values follow {@link io.flock.client.Row}; {@code getObject(i)} returns
 * {@code java.sql.Date/Time/Timestamp} for DATE, TIME and TIMESTAMP, {@code OffsetDateTime} (UTC)
 * for TIMESTAMP WITH TIME ZONE, {@code List} and {@code Map} for nested types;
 * {@code getObject(i, LocalDate.class)} and the other {@code java.time} classes work as well.
 * DECIMAL values keep the column's scale.
 *
 * <p>Not thread-safe, like JDBC results in general.
 */
public final class FlockResultSet extends ForwardOnlyResultSet {
    private final Statement statement;
    private final List<Column> columns;
    private final JdbcType[] types;
    private final RowSource rows;
    private final long maxRows;
    private boolean onRow;
    private long rowNumber;
    private boolean wasNull;
    private boolean afterLast;
    private boolean closed;
    private int fetchSize;

    FlockResultSet(Statement statement, List<Column> columns, RowSource rows, long maxRows) {
        this.statement = statement;
        this.columns = List.copyOf(columns);
        this.rows = requireNonNull(rows, "rows is null");
        this.maxRows = maxRows;
        this.types = this.columns.stream().map(column -> JdbcType.of(column.type())).toArray(JdbcType[]::new);
    }

    /** A result of rows the driver built, e.g. for {@link java.sql.DatabaseMetaData}. */
    static FlockResultSet of(List<Column> columns, List<Object[]> rows) {
        return new FlockResultSet(null, columns, RowSource.of(rows), 0);
    }

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (afterLast) {
            return false;
        }
        if (maxRows > 0 && rowNumber >= maxRows) {
            onRow = false;
            afterLast = true;
            rows.close();
            return false;
        }
        onRow = rows.next();
        if (!onRow) {
            afterLast = true;
            return false;
        }
        rowNumber++;
        return true;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onRow = false;
            rows.close();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean wasNull() {
        return wasNull;
    }

    private Object value(int columnIndex) throws SQLException {
        checkOpen();
        if (!onRow) {
            throw new SQLException(afterLast ? "The result has no more rows" : "Call next() before reading a row",
                    "24000");
        }
        if (columnIndex < 1 || columnIndex > columns.size()) {
            throw new SQLException("Column index " + columnIndex + " is out of range: the result has "
                    + columns.size() + " columns", "07009");
        }
        Object value = rows.value(columnIndex - 1);
        wasNull = value == null;
        return value;
    }

    private String name(int columnIndex) {
        return columns.get(columnIndex - 1).name();
    }

    @Override
    public String getString(int columnIndex) throws SQLException {
        Object value = value(columnIndex);
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        return value.toString();
    }

    @Override
    public String getNString(int columnIndex) throws SQLException {
        return getString(columnIndex);
    }

    @Override
    public boolean getBoolean(int columnIndex) throws SQLException {
        return JdbcValues.bool(value(columnIndex), name(columnIndex));
    }

    @Override
    public byte getByte(int columnIndex) throws SQLException {
        return (byte) JdbcValues.integral(value(columnIndex), name(columnIndex));
    }

    @Override
    public short getShort(int columnIndex) throws SQLException {
        return (short) JdbcValues.integral(value(columnIndex), name(columnIndex));
    }

    @Override
    public int getInt(int columnIndex) throws SQLException {
        return (int) JdbcValues.integral(value(columnIndex), name(columnIndex));
    }

    @Override
    public long getLong(int columnIndex) throws SQLException {
        return JdbcValues.integral(value(columnIndex), name(columnIndex));
    }

    @Override
    public float getFloat(int columnIndex) throws SQLException {
        return (float) JdbcValues.floating(value(columnIndex), name(columnIndex));
    }

    @Override
    public double getDouble(int columnIndex) throws SQLException {
        return JdbcValues.floating(value(columnIndex), name(columnIndex));
    }

    /** The value at the column's scale for DECIMAL columns. */
    @Override
    public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
        Object value = value(columnIndex);
        JdbcType type = types[columnIndex - 1];
        if (type.jdbcType() == java.sql.Types.DECIMAL) {
            return JdbcValues.decimal(value, type.scale(), name(columnIndex));
        }
        return JdbcValues.decimal(value, name(columnIndex));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
        return JdbcValues.decimal(value(columnIndex), scale, name(columnIndex));
    }

    @Override
    public byte[] getBytes(int columnIndex) throws SQLException {
        Object value = value(columnIndex);
        if (value == null || value instanceof byte[]) {
            return value == null ? null : ((byte[]) value).clone();
        }
        return value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public Date getDate(int columnIndex) throws SQLException {
        java.time.LocalDate date = JdbcValues.localDate(value(columnIndex), name(columnIndex));
        return date == null ? null : Date.valueOf(date);
    }

    @Override
    public Time getTime(int columnIndex) throws SQLException {
        java.time.LocalTime time = JdbcValues.localTime(value(columnIndex), name(columnIndex));
        return time == null ? null : Time.valueOf(time);
    }

    @Override
    public Timestamp getTimestamp(int columnIndex) throws SQLException {
        return JdbcValues.timestamp(value(columnIndex), name(columnIndex));
    }

    @Override
    public Date getDate(int columnIndex, Calendar calendar) throws SQLException {
        Timestamp timestamp = getTimestamp(columnIndex, calendar);
        return timestamp == null ? null : new Date(timestamp.getTime());
    }

    @Override
    public Time getTime(int columnIndex, Calendar calendar) throws SQLException {
        java.time.LocalTime time = JdbcValues.localTime(value(columnIndex), name(columnIndex));
        if (time == null) {
            return null;
        }
        return new Time(time.atDate(java.time.LocalDate.EPOCH).atZone(zone(calendar)).toInstant().toEpochMilli());
    }

    /** A TIMESTAMP read as local time of the calendar's zone; a TIMESTAMP WITH TIME ZONE as its instant. */
    @Override
    public Timestamp getTimestamp(int columnIndex, Calendar calendar) throws SQLException {
        Object value = value(columnIndex);
        if (value == null || value instanceof java.time.Instant) {
            return JdbcValues.timestamp(value, name(columnIndex));
        }
        LocalDateTime local = JdbcValues.localDateTime(value, name(columnIndex));
        return Timestamp.from(local.atZone(zone(calendar)).toInstant());
    }

    private static ZoneId zone(Calendar calendar) {
        return calendar == null ? ZoneId.systemDefault() : calendar.getTimeZone().toZoneId();
    }

    @Override
    public Object getObject(int columnIndex) throws SQLException {
        return JdbcValues.jdbcObject(value(columnIndex));
    }

    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        requireNonNull(type, "type is null");
        if (type == BigDecimal.class) {
            return type.cast(getBigDecimal(columnIndex));
        }
        return JdbcValues.as(value(columnIndex), type, name(columnIndex));
    }

    @Override
    public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
        return getObject(columnIndex);
    }

    @Override
    public int findColumn(String columnLabel) throws SQLException {
        requireNonNull(columnLabel, "columnLabel is null");
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(columnLabel)) {
                return i + 1;
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(columnLabel)) {
                return i + 1;
            }
        }
        throw new SQLException("No column '" + columnLabel + "' in this result; columns: "
                + columns.stream().map(Column::name).toList(), "42703");
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return new FlockResultSetMetaData(columns);
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() {
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return rowNumber == 0 && !afterLast;
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return afterLast && rowNumber > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return rowNumber == 1 && onRow;
    }

    @Override
    public boolean isLast() throws SQLException {
        throw SqlExceptions.unsupported("ResultSet.isLast (it would need to read ahead in the stream)");
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return !onRow ? 0 : (int) Math.min(rowNumber, Integer.MAX_VALUE);
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        if (direction != ResultSet.FETCH_FORWARD) {
            throw SqlExceptions.unsupported("fetch directions other than FETCH_FORWARD");
        }
    }

    @Override
    public int getFetchDirection() {
        return ResultSet.FETCH_FORWARD;
    }

    /** A hint only: rows always stream batch by batch, as the server sends them. */
    @Override
    public void setFetchSize(int rows) throws SQLException {
        if (rows < 0) {
            throw new SQLException("The fetch size must not be negative, but is " + rows, "22023");
        }
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() {
        return fetchSize;
    }

    @Override
    public int getType() {
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() {
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() {
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public Statement getStatement() {
        return statement;
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return Wrappers.unwrap(this, type, "A Flock result");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("The result set is closed", "24000");
        }
    }
}

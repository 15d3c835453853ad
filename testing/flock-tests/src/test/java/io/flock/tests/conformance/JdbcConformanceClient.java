package io.flock.tests.conformance;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A {@link ConformanceClient} over a JDBC driver; subclasses give the URL and, if exposed, the query id. */
abstract class JdbcConformanceClient implements ConformanceClient {
    /** The JDBC URL of {@code database} at {@code endpoint}, credentials and TLS included. */
    abstract String url(Endpoint endpoint, String database);

    /** The id of the query last started on {@code connection}, if the driver exposes it. */
    abstract Optional<String> lastQueryId(Connection connection) throws SQLException;

    @Override
    public Session connect(Endpoint endpoint, String database) throws SQLException {
        return new JdbcSession(DriverManager.getConnection(url(endpoint, database)));
    }

    @Override
    public Failure failure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return new Failure(sql.getSQLState(), sql.getMessage());
            }
        }
        return new Failure(null, String.valueOf(error.getMessage()));
    }

    /** Reads column {@code i} with the getter docs/types.md names exact for this driver, normalized. */
    private Object read(ResultSet rs, ResultSetMetaData metaData, int i) throws SQLException {
        int type = metaData.getColumnType(i);
        if (type == Types.TIMESTAMP_WITH_TIMEZONE && !quirks().timestampTzGetObject()) {
            Timestamp timestamp = rs.getTimestamp(i);
            return timestamp == null ? null : timestamp.toInstant();
        }
        if (type == Types.DATE) {
            java.sql.Date date = rs.getDate(i);
            return date == null ? null : date.toLocalDate();
        }
        if (type == Types.TIMESTAMP) {
            return rs.getObject(i) == null ? null : rs.getObject(i, LocalDateTime.class);
        }
        return Values.normalize(rs.getObject(i));
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        ParameterMetaData metaData = parameters.isEmpty() ? null : statement.getParameterMetaData();
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            int index = i + 1;
            if (value == null) {
                statement.setNull(index, metaData.getParameterType(index));
            } else if (value instanceof LocalDate date) {
                statement.setDate(index, java.sql.Date.valueOf(date));
            } else if (value instanceof LocalDateTime timestamp) {
                statement.setTimestamp(index, Timestamp.valueOf(timestamp));
            } else if (value instanceof BigDecimal decimal) {
                statement.setBigDecimal(index, decimal);
            } else {
                statement.setObject(index, value);
            }
        }
    }

    private final class JdbcSession implements Session {
        private final Connection connection;

        JdbcSession(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void forEachRow(String sql, List<Object> parameters, Consumer<List<Object>> consumer) throws SQLException {
            if (parameters.isEmpty()) {
                try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
                    stream(rs, consumer);
                }
            } else {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    bind(statement, parameters);
                    try (ResultSet rs = statement.executeQuery()) {
                        stream(rs, consumer);
                    }
                }
            }
        }

        private void stream(ResultSet rs, Consumer<List<Object>> consumer) throws SQLException {
            ResultSetMetaData metaData = rs.getMetaData();
            int columns = metaData.getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(read(rs, metaData, i));
                }
                consumer.accept(row);
            }
        }

        @Override
        public long update(String sql, Object... parameters) throws SQLException {
            if (parameters.length == 0) {
                try (Statement statement = connection.createStatement()) {
                    return statement.executeUpdate(sql);
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, java.util.Arrays.asList(parameters));
                return statement.executeUpdate();
            }
        }

        @Override
        public Object rawValue(String sql) throws SQLException {
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
                rs.next();
                return rs.getObject(1);
            }
        }

        @Override
        public List<String> databases() throws SQLException {
            return column(connection.getMetaData().getCatalogs(), "TABLE_CAT");
        }

        @Override
        public List<String> tables(String database) throws SQLException {
            return column(connection.getMetaData().getTables(database, null, "%", null), "TABLE_NAME");
        }

        @Override
        public List<String> columns(String database, String table) throws SQLException {
            return column(connection.getMetaData().getColumns(database, null, table, "%"), "COLUMN_NAME");
        }

        @Override
        public List<String> primaryKey(String database, String table) throws SQLException {
            DatabaseMetaData metaData = connection.getMetaData();
            List<String> key = new ArrayList<>();
            try (ResultSet rs = metaData.getPrimaryKeys(database, "main", table)) {
                List<Object[]> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(new Object[] {rs.getString("COLUMN_NAME"), rs.getInt("KEY_SEQ")});
                }
                found.sort((a, b) -> Integer.compare((Integer) a[1], (Integer) b[1]));
                found.forEach(f -> key.add((String) f[0]));
            }
            return key;
        }

        private static List<String> column(ResultSet rs, String name) throws SQLException {
            List<String> values = new ArrayList<>();
            try (rs) {
                while (rs.next()) {
                    values.add(rs.getString(name));
                }
            }
            return values;
        }

        @Override
        public Running start(String sql) throws SQLException {
            Statement statement = connection.createStatement();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                try (statement; ResultSet rs = statement.executeQuery(sql)) {
                    rs.next();
                } catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            return new Running() {
                @Override
                public Optional<String> queryId() throws Exception {
                    for (int attempt = 0; attempt < 1200 && !reader.isDone(); attempt++) {
                        Optional<String> id = lastQueryId(connection);
                        if (id.isPresent() || !quirks().exposesQueryId()) {
                            return id;
                        }
                        Thread.sleep(25);
                    }
                    return lastQueryId(connection);
                }

                @Override
                public void cancel() throws SQLException {
                    statement.cancel();
                }

                @Override
                public Throwable awaitFailure(Duration limit) throws Exception {
                    try {
                        reader.get(limit.toMillis(), TimeUnit.MILLISECONDS);
                        return null;
                    } catch (ExecutionException e) {
                        return e.getCause();
                    }
                }
            };
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}

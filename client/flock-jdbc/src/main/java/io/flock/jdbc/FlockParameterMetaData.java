package io.flock.jdbc;

import io.flock.client.Column;
import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.util.List;

/** The parameters of a prepared statement, with the types the server expects. Immutable. */
final class FlockParameterMetaData implements ParameterMetaData {
    private final List<Column> parameters;

    FlockParameterMetaData(List<Column> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    private JdbcType type(int index) throws SQLException {
        if (index < 1 || index > parameters.size()) {
            throw new SQLException("Parameter index " + index + " is out of range: there are " + parameters.size()
                    + " parameters", "07009");
        }
        return JdbcType.of(parameters.get(index - 1).type());
    }

    @Override
    public int getParameterCount() {
        return parameters.size();
    }

    @Override
    public int isNullable(int param) throws SQLException {
        type(param);
        return parameterNullable;
    }

    @Override
    public boolean isSigned(int param) throws SQLException {
        return type(param).isSigned();
    }

    @Override
    public int getPrecision(int param) throws SQLException {
        return type(param).precision();
    }

    @Override
    public int getScale(int param) throws SQLException {
        return type(param).scale();
    }

    @Override
    public int getParameterType(int param) throws SQLException {
        return type(param).jdbcType();
    }

    @Override
    public String getParameterTypeName(int param) throws SQLException {
        return type(param).typeName();
    }

    @Override
    public String getParameterClassName(int param) throws SQLException {
        return type(param).className();
    }

    @Override
    public int getParameterMode(int param) throws SQLException {
        type(param);
        return parameterModeIn;
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return Wrappers.unwrap(this, type, "Flock parameter metadata");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}

package io.flock.jdbc;

import io.flock.client.ClientProperty;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The JDBC driver for Flock: {@code jdbc:flock://host:port/database?user=…&token=…&tls=true}.
 * Every URL parameter and connection property is a {@link ClientProperty} of the Java SDK
 * (docs/client-properties.md); {@code password} is accepted as another name for {@code token}.
 * Registered with {@link DriverManager} through {@code META-INF/services/java.sql.Driver}.
 *
 * <p>Thread-safe and stateless.
 */
public final class FlockDriver implements Driver {
    static {
        try {
            DriverManager.registerDriver(new FlockDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Map<String, String> settings = JdbcUrl.settings(url, info);
        return new FlockJdbcConnection(url, settings);
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(JdbcUrl.PREFIX);
    }

    /** One entry per {@link ClientProperty}, with the value the URL and {@code info} give it. */
    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        Map<String, String> given = url != null && acceptsURL(url) ? JdbcUrl.settings(url, info) : JdbcUrl.settings(info);
        ClientProperty[] properties = ClientProperty.values();
        DriverPropertyInfo[] result = new DriverPropertyInfo[properties.length];
        for (int i = 0; i < properties.length; i++) {
            ClientProperty property = properties[i];
            String value = given.getOrDefault(property.key(), property.defaultValue().orElse(null));
            DriverPropertyInfo entry = new DriverPropertyInfo(property.key(),
                    property.kind() == ClientProperty.Kind.SECRET && value != null ? "***" : value);
            entry.description = property.description();
            entry.required = property == ClientProperty.TOKEN;
            if (property.kind() == ClientProperty.Kind.BOOLEAN) {
                entry.choices = new String[] {"true", "false"};
            }
            result[i] = entry;
        }
        return result;
    }

    @Override
    public int getMajorVersion() {
        return DriverVersion.major();
    }

    @Override
    public int getMinorVersion() {
        return DriverVersion.minor();
    }

    /** False: the driver covers a useful subset of JDBC, listed in docs/jdbc.md. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("The Flock JDBC driver logs through System.Logger, not java.util.logging");
    }
}

package io.flock.jdbc;

import io.flock.client.ClientProperty;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} of Flock connections, for pools and containers:
 *
 * <pre>{@code
 * FlockDataSource source = new FlockDataSource();
 * source.setHost("db"); source.setPort(8815); source.setDatabase("sales"); source.setToken(token);
 * }</pre>
 *
 * Each setter sets one {@link ClientProperty}; {@link #setProperty} sets any of them by key and
 * {@link #setUrl} takes a whole {@code jdbc:flock://} URL. Every {@link #getConnection()} opens
 * a new connection (pool it with HikariCP, docs/jdbc.md).
 *
 * <p>Not thread-safe while being configured; {@link #getConnection()} is thread-safe.
 */
public final class FlockDataSource implements DataSource {
    private final Map<String, String> properties = new LinkedHashMap<>();
    private String url = JdbcUrl.PREFIX + "//";
    private int loginTimeoutSeconds;

    /** A whole URL {@code jdbc:flock://host:port/database?…}; the setters' values override it. */
    public void setUrl(String url) {
        if (url == null || !url.startsWith(JdbcUrl.PREFIX)) {
            throw new IllegalArgumentException("A Flock JDBC URL starts with " + JdbcUrl.PREFIX + "//, but got: " + url);
        }
        this.url = url;
    }

    public String getUrl() {
        return url;
    }

    /** Sets the {@link ClientProperty} with {@code key}, e.g. {@code connect-timeout} to {@code 5s}. */
    public void setProperty(String key, String value) {
        if (ClientProperty.forKey(key).isEmpty()) {
            throw new IllegalArgumentException("Unknown Flock connection property '" + key + "'");
        }
        properties.put(key, value);
    }

    public void setHost(String host) {
        setProperty(ClientProperty.HOST.key(), host);
    }

    public void setPort(int port) {
        setProperty(ClientProperty.PORT.key(), Integer.toString(port));
    }

    public void setDatabase(String database) {
        setProperty(ClientProperty.DATABASE.key(), database);
    }

    public void setUser(String user) {
        setProperty(ClientProperty.USER.key(), user);
    }

    public void setToken(String token) {
        setProperty(ClientProperty.TOKEN.key(), token);
    }

    /** Another name for {@link #setToken}, for tools that set a password. */
    public void setPassword(String password) {
        setToken(password);
    }

    public void setTls(boolean tls) {
        setProperty(ClientProperty.TLS.key(), Boolean.toString(tls));
    }

    public void setTlsCaFile(String path) {
        setProperty(ClientProperty.TLS_CA_FILE.key(), path);
    }

    /** A duration such as {@code 5s}. */
    public void setConnectTimeout(String duration) {
        setProperty(ClientProperty.CONNECT_TIMEOUT.key(), duration);
    }

    /** A duration such as {@code 5m}. */
    public void setRequestTimeout(String duration) {
        setProperty(ClientProperty.REQUEST_TIMEOUT.key(), duration);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Properties info = new Properties();
        properties.forEach(info::setProperty);
        return new FlockDriver().connect(url, info);
    }

    /** Connects as {@code user} with {@code password} as the token. */
    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        Properties info = new Properties();
        properties.forEach(info::setProperty);
        if (user != null) {
            info.setProperty(ClientProperty.USER.key(), user);
        }
        if (password != null) {
            info.setProperty(ClientProperty.TOKEN.key(), password);
        }
        return new FlockDriver().connect(url, info);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    /** Kept for tools; the property {@code connect-timeout} bounds connecting. */
    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("The Flock JDBC driver logs through System.Logger, not java.util.logging");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return Wrappers.unwrap(this, type, "A Flock data source");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}

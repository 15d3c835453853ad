package io.flock.engine.duckdb;

import io.flock.engine.catalog.CatalogStore;
import io.flock.engine.catalog.DatabaseEntry;
import io.flock.engine.catalog.Privilege;
import io.flock.engine.catalog.StoredToken;
import io.flock.engine.catalog.User;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the catalog in its own DuckDB file, {@code catalog.duckdb}, in a DuckDB instance that no
 * user SQL ever reaches. Every change is one transaction.
 */
public final class DuckDbCatalogStore implements CatalogStore {
    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS users (name VARCHAR PRIMARY KEY, admin BOOLEAN NOT NULL,"
                    + " created_at TIMESTAMP NOT NULL)",
            "CREATE TABLE IF NOT EXISTS tokens (id VARCHAR PRIMARY KEY, user_name VARCHAR NOT NULL,"
                    + " salt BLOB NOT NULL, hash BLOB NOT NULL, created_at TIMESTAMP NOT NULL)",
            "CREATE TABLE IF NOT EXISTS grants (user_name VARCHAR NOT NULL, database_name VARCHAR NOT NULL,"
                    + " privilege VARCHAR NOT NULL, PRIMARY KEY (user_name, database_name))",
            "CREATE TABLE IF NOT EXISTS databases (name VARCHAR PRIMARY KEY, created_at TIMESTAMP NOT NULL)");

    private final Connection connection;

    public DuckDbCatalogStore(Path file) {
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            try (Statement s = connection.createStatement()) {
                for (String ddl : SCHEMA) {
                    s.execute(ddl);
                }
                s.execute("SET enable_external_access = false");
                s.execute("SET lock_configuration = true");
            }
        } catch (SQLException e) {
            throw new FlockException(ErrorCode.IO_ERROR, "Cannot open the catalog at " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized CatalogSnapshot load() {
        try (Statement s = connection.createStatement()) {
            List<User> users = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name, admin, created_at FROM users")) {
                while (rs.next()) {
                    users.add(new User(rs.getString(1), rs.getBoolean(2), rs.getTimestamp(3).toInstant()));
                }
            }
            List<StoredToken> tokens = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT id, user_name, salt, hash, created_at FROM tokens")) {
                while (rs.next()) {
                    tokens.add(new StoredToken(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getBytes(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
            Map<String, Map<String, Privilege>> grants = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT user_name, database_name, privilege FROM grants")) {
                while (rs.next()) {
                    grants.computeIfAbsent(rs.getString(1), u -> new HashMap<>())
                            .put(rs.getString(2), Privilege.valueOf(rs.getString(3)));
                }
            }
            List<DatabaseEntry> databases = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name, created_at FROM databases")) {
                while (rs.next()) {
                    databases.add(new DatabaseEntry(rs.getString(1), rs.getTimestamp(2).toInstant()));
                }
            }
            return new CatalogSnapshot(users, tokens, grants, databases);
        } catch (SQLException e) {
            throw failure("read the catalog", e);
        }
    }

    @Override
    public void createUser(User user, StoredToken firstToken) {
        transaction("create user '" + user.name() + "'", c -> {
            update(c, "INSERT INTO users VALUES (?, ?, ?)", user.name(), user.admin(), Timestamp.from(user.createdAt()));
            insertToken(c, firstToken);
        });
    }

    @Override
    public void dropUser(String user) {
        transaction("drop user '" + user + "'", c -> {
            update(c, "DELETE FROM tokens WHERE user_name = ?", user);
            update(c, "DELETE FROM grants WHERE user_name = ?", user);
            update(c, "DELETE FROM users WHERE name = ?", user);
        });
    }

    @Override
    public void addToken(StoredToken token) {
        transaction("add a token", c -> insertToken(c, token));
    }

    private static void insertToken(Connection c, StoredToken token) throws SQLException {
        update(c, "INSERT INTO tokens VALUES (?, ?, ?, ?, ?)", token.id(), token.user(), token.salt(), token.hash(),
                Timestamp.from(token.createdAt()));
    }

    @Override
    public void removeToken(String tokenId) {
        transaction("remove token '" + tokenId + "'", c -> update(c, "DELETE FROM tokens WHERE id = ?", tokenId));
    }

    @Override
    public void setGrant(String user, String database, Privilege privilege) {
        transaction("grant on '" + database + "'", c -> {
            update(c, "DELETE FROM grants WHERE user_name = ? AND database_name = ?", user, database);
            update(c, "INSERT INTO grants VALUES (?, ?, ?)", user, database, privilege.name());
        });
    }

    @Override
    public void removeGrant(String user, String database) {
        transaction("revoke on '" + database + "'",
                c -> update(c, "DELETE FROM grants WHERE user_name = ? AND database_name = ?", user, database));
    }

    @Override
    public void createDatabase(DatabaseEntry database) {
        transaction("create database '" + database.name() + "'", c -> update(c, "INSERT INTO databases VALUES (?, ?)",
                database.name(), Timestamp.from(database.createdAt())));
    }

    @Override
    public void dropDatabase(String database) {
        transaction("drop database '" + database + "'", c -> {
            update(c, "DELETE FROM grants WHERE database_name = ?", database);
            update(c, "DELETE FROM databases WHERE name = ?", database);
        });
    }

    private synchronized void transaction(String what, SqlAction action) {
        try {
            connection.setAutoCommit(false);
            try {
                action.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    private static FlockException failure(String what, SQLException e) {
        return new FlockException(ErrorCode.IO_ERROR, "Cannot " + what + " in the catalog: " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("close the catalog", e);
        }
    }

    @FunctionalInterface
    private interface SqlAction {
        void run(Connection connection) throws SQLException;
    }
}

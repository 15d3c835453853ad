package io.flock.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * The comparison engine: a file-backed DuckDB database in a temporary directory, opened in the
 * benchmark JVM with the same memory limit, threads and result streaming as a Flock database.
 * The directory is deleted on close. Not thread-safe.
 */
final class EmbeddedDuckDb implements AutoCloseable {
    static final String MEMORY_LIMIT = "4GB";
    static final int THREADS = 2;

    private final Path directory;
    private final DuckDBConnection connection;

    private EmbeddedDuckDb(Path directory, DuckDBConnection connection) {
        this.directory = directory;
        this.connection = connection;
    }

    static EmbeddedDuckDb open() {
        try {
            Path directory = Files.createTempDirectory("flock-bench-duckdb-");
            Properties properties = new Properties();
            properties.setProperty("memory_limit", MEMORY_LIMIT);
            properties.setProperty("threads", Integer.toString(THREADS));
            properties.setProperty("jdbc_stream_results", "true");
            DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection(
                    "jdbc:duckdb:" + directory.resolve("bench.duckdb").toAbsolutePath(), properties);
            return new EmbeddedDuckDb(directory, connection);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the embedded DuckDB database: " + e.getMessage(), e);
        }
    }

    DuckDBConnection connection() {
        return connection;
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Runs the {@code COPY} statement {@code sql} and returns the rows it moved. */
    long copy(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot close the embedded DuckDB database: " + e.getMessage(), e);
        } finally {
            deleteRecursively(directory.toFile());
        }
    }

    private static void deleteRecursively(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteRecursively(child);
            }
        }
        file.delete();
    }
}

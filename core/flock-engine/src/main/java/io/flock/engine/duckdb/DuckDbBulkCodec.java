package io.flock.engine.duckdb;

import static java.util.Objects.requireNonNull;

import io.flock.engine.bulk.BulkCodec;
import io.flock.engine.bulk.FileFormat;
import io.flock.engine.bulk.FileOptions;
import io.flock.engine.bulk.UploadPiece;
import io.flock.engine.bulk.UploadPieces;
import io.flock.spi.DataSize;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bulk codec on DuckDB: an in-memory instance of its own, never reached by user SQL, whose
 * file access is confined to the spool directory ({@code allowed_directories}, external access
 * off, configuration locked). DuckDB's CSV, JSON and Parquet readers and writers do the format
 * work; Arrow streams cross to and from the databases' instances through the C stream interface.
 */
public final class DuckDbBulkCodec implements BulkCodec {
    private static final Logger log = LoggerFactory.getLogger(DuckDbBulkCodec.class);
    private static final AtomicLong STREAMS = new AtomicLong();
    /**
     * Rows per Arrow batch of the codec's reads: one of DuckDB's row groups. The database inserts a
     * batch of at least a row group as it is; batches smaller than a row group are first merged
     * with their neighbours (copied again): a 10M-row CSV import took about 2 CPU s more with
     * batches of 65,536 rows. Two row groups per batch measured the same as one, with twice the
     * memory (a batch of the bulk benchmark's six columns is about 7 MB).
     */
    private static final int BATCH_ROWS = 122_880;
    private static final int MAX_HEADER_BYTES = 1024 * 1024;
    /**
     * Exported Parquet: zstd level 1 pages, plain encoding. Against DuckDB's default (Snappy pages,
     * dictionary encoding tried on every column) this wrote 5M rows of the bulk benchmark with
     * about 20 % less CPU into a file 2.4× smaller (46 MB, not 110), and the whole export took
     * about 40 % less CPU; low-cardinality columns stay small, as zstd finds their repeats itself
     * (5M rows of a country out of five, a status and a date: 32 KB; Snappy without dictionaries:
     * 5 MB). Every common Parquet reader (DuckDB, Arrow, Spark, Polars) reads zstd.
     */
    static final String PARQUET_EXPORT = "FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, DICTIONARY_SIZE_LIMIT 0";

    private final Path spool;
    private final DuckDBConnection server;

    private DuckDbBulkCodec(Path spool, DuckDBConnection server) {
        this.spool = spool;
        this.server = server;
    }

    /**
     * Opens the codec over the spool directory {@code spool}, which is created, or emptied of what
     * an earlier run left there.
     */
    public static DuckDbBulkCodec open(Path spool, DataSize memoryLimit, int threads) {
        requireNonNull(spool, "spool is null");
        requireNonNull(memoryLimit, "memoryLimit is null");
        Path directory = spool.toAbsolutePath().normalize();
        try {
            if (Files.isDirectory(directory)) {
                try (Stream<Path> leftovers = Files.list(directory)) {
                    for (Path leftover : leftovers.toList()) {
                        deleteTree(leftover);
                    }
                }
            }
            Files.createDirectories(directory.resolve("tmp"));
        } catch (IOException e) {
            throw new FlockException(ErrorCode.IO_ERROR, "Cannot prepare the spool directory " + directory + ": "
                    + e.getMessage(), e);
        }
        Properties properties = new Properties();
        properties.setProperty("jdbc_stream_results", "true");
        properties.setProperty("memory_limit", memoryLimit.toDuckDbSetting());
        properties.setProperty("threads", Integer.toString(threads));
        properties.setProperty("temp_directory", directory.resolve("tmp").toString());
        properties.setProperty("enable_external_access", "false");
        properties.put("allowed_directories", List.of(directory + "/"));
        DuckDBConnection server;
        try {
            server = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", properties);
        } catch (SQLException e) {
            throw DuckDbErrors.toFlock(e, "Cannot open the bulk codec");
        }
        try (Statement s = server.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("SET autoinstall_known_extensions = false");
            s.execute("SET autoload_known_extensions = false");
            s.execute("SET allow_community_extensions = false");
            s.execute("SET lock_configuration = true");
        } catch (SQLException e) {
            closeQuietly(server);
            throw DuckDbErrors.toFlock(e, "Cannot set up the bulk codec");
        }
        return new DuckDbBulkCodec(directory, server);
    }

    @Override
    public Path spoolDirectory() {
        return spool;
    }

    @Override
    public long write(ArrowReader rows, BufferAllocator allocator, FileOptions options, Path target) {
        checkCodecFormat(options.format());
        // written in place, never through a temporary file renamed at the end: the target may be a
        // named pipe that a reader already sends from
        return copyFromStream(rows, allocator, target, copyOptions(options) + ", USE_TMP_FILE false");
    }

    @Override
    public ArrowReader read(Path file, FileOptions options, Schema target, BufferAllocator allocator) {
        checkCodecFormat(options.format());
        DuckDBConnection connection = connection();
        try {
            if (options.format() == FileFormat.PARQUET) {
                ParquetUpload parquet = ParquetUpload.of(connection, literal(inSpool(file)), castTypes(connection, target));
                String sql = "SELECT * FROM " + parquet.expression();
                return query(connection, sql, allocator, file, 0, () -> diagnoseParquet(parquet, sql, file));
            }
            String source = readExpression(connection, file, options, target);
            return query(connection, "SELECT * FROM " + source, allocator, file, 0);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw fileError(e, file, 0);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    @Override
    public ArrowReader readPieces(UploadPieces pieces, FileOptions options, Schema target, BufferAllocator allocator) {
        if (options.format() != FileFormat.CSV && options.format() != FileFormat.TSV) {
            throw new IllegalArgumentException("Only CSV and TSV uploads are read in pieces, not " + options.format());
        }
        UploadPiece first = pieces.next().orElseThrow(() -> new FlockException(ErrorCode.DATA_ERROR,
                "The upload is empty: it has no first piece"));
        String columns;
        try (DuckDBConnection connection = connection()) {
            columns = csvColumns(connection, first.file(), options, target);
        } catch (SQLException e) {
            throw fileError(e, first.file(), 0);
        }
        return new PieceReader(allocator, pieces, first, piece -> readPiece(piece, options, columns, allocator));
    }

    /** The rows of one piece of an upload; its errors name the lines of the whole upload. */
    private ArrowReader readPiece(UploadPiece piece, FileOptions options, String columns, BufferAllocator allocator) {
        DuckDBConnection connection = connection();
        try {
            // every piece ends its records as the first one does: told, not guessed from the piece's
            // first line, which may hold a quoted line break
            String source = csvRead(literal(inSpool(piece.file())), options, piece.number() == 0 && options.header(),
                    columns, piece.lineBreak().map(b -> ", new_line = " + literal(b.escaped())).orElse(""));
            return query(connection, "SELECT * FROM " + source, allocator, piece.file(), piece.firstLine() - 1);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    @Override
    public long stage(Path file, FileOptions options, Schema target, Path staged) {
        checkCodecFormat(options.format());
        try (DuckDBConnection connection = connection(); Statement s = connection.createStatement()) {
            if (options.format() == FileFormat.PARQUET) {
                ParquetUpload parquet = ParquetUpload.of(connection, literal(inSpool(file)), castTypes(connection, target));
                try {
                    return count(s, "COPY (SELECT * FROM " + parquet.expression() + ") TO " + literal(inSpool(staged))
                            + " (FORMAT parquet)");
                } catch (SQLException e) {
                    throw badValueOr(parquet, connection, fileError(e, file, 0));
                }
            }
            String source = readExpression(connection, file, options, target);
            return count(s, "COPY (SELECT * FROM " + source + ") TO " + literal(inSpool(staged)) + " (FORMAT parquet)");
        } catch (SQLException e) {
            throw fileError(e, file, 0);
        }
    }

    @Override
    public long stage(ArrowReader rows, BufferAllocator allocator, Path staged) {
        return copyFromStream(rows, allocator, staged, "FORMAT parquet");
    }

    @Override
    public long stage(ArrowReader rows, Schema target, BufferAllocator allocator, Path staged) {
        Schema upload;
        try {
            upload = rows.getVectorSchemaRoot().getSchema();
        } catch (IOException e) {
            throw new FlockException(ErrorCode.DATA_ERROR, "The upload is not a valid Arrow IPC stream: "
                    + e.getMessage(), e);
        }
        ColumnCasts casts;
        try (DuckDBConnection connection = connection()) {
            casts = ColumnCasts.of(duckTypes(connection, upload), castTypes(connection, target));
        } catch (SQLException e) {
            throw DuckDbErrors.toFlock(e, "Cannot map the upload's column types");
        }
        try {
            // rows that already have the table's types are copied as they are
            return copy(rows, allocator, staged, casts.none() ? "*" : casts.selectList(), "FORMAT parquet");
        } catch (SQLException e) {
            // DuckDB's message without the statement it quotes after it (the codec's own, with a spool path)
            FlockException mapped = DuckDbErrors.toFlock(e);
            throw new FlockException(mapped.errorCode(), mapped.getMessage().split("\n\n", 2)[0], e);
        }
    }

    @Override
    public ArrowReader readStaged(Path staged, long first, long count, BufferAllocator allocator) {
        if (first < 0 || count < 0) {
            throw new IllegalArgumentException("first and count must not be negative");
        }
        DuckDBConnection connection = connection();
        try {
            return query(connection, "SELECT * EXCLUDE (file_row_number) FROM read_parquet(" + literal(inSpool(staged))
                    + ", file_row_number = true) WHERE file_row_number >= " + first + " AND file_row_number < "
                    + (Long.MAX_VALUE - count < first ? Long.MAX_VALUE : first + count), allocator, staged, 0);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private long copyFromStream(ArrowReader rows, BufferAllocator allocator, Path target, String options) {
        try {
            return copy(rows, allocator, target, "*", options);
        } catch (SQLException e) {
            throw DuckDbErrors.toFlock(e, "Writing the bulk file failed");
        }
    }

    /** Copies {@code rows} into {@code target}, each row as {@code selectList} reads it; returns the row count. */
    private long copy(ArrowReader rows, BufferAllocator allocator, Path target, String selectList, String options)
            throws SQLException {
        String view = "__flock_bulk_" + STREAMS.incrementAndGet();
        try (DuckDBConnection connection = connection();
             ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator);
             Statement s = connection.createStatement()) {
            Data.exportArrayStream(allocator, rows, stream);
            connection.registerArrowStream(view, stream);
            return count(s, "COPY (SELECT " + selectList + " FROM " + view + ") TO " + literal(inSpool(target)) + " ("
                    + options + ")");
        }
    }

    /** The table function reading {@code file} with the column types of {@code target}. */
    private String readExpression(DuckDBConnection connection, Path file, FileOptions options, Schema target)
            throws SQLException {
        String path = literal(inSpool(file));
        if (options.format() == FileFormat.JSONL) {
            return "read_json(" + path + ", format = 'newline_delimited', columns = " + struct(textTypes(connection, target))
                    + ")";
        }
        return csvRead(path, options, options.header(), csvColumns(connection, file, options, target), "");
    }

    /**
     * The columns of a CSV file with their types from {@code target}, in the file's order, as a
     * DuckDB struct literal: by the names on its header line, or every column of {@code target} by
     * position.
     */
    private String csvColumns(DuckDBConnection connection, Path file, FileOptions options, Schema target)
            throws SQLException {
        Map<String, String> types = textTypes(connection, target);
        if (!options.header()) {
            return struct(types);
        }
        Map<String, String> byLowerName = new LinkedHashMap<>();
        types.forEach((name, type) -> byLowerName.put(name.toLowerCase(Locale.ROOT), type));
        Map<String, String> fileTypes = new LinkedHashMap<>();
        for (String column : headerOf(connection, file, options)) {
            String type = byLowerName.get(column.toLowerCase(Locale.ROOT));
            if (type == null) {
                throw new FlockException(ErrorCode.INVALID_ARGUMENT, "Line 1 of the upload names the column '" + column
                        + "', which the table does not have (its columns: " + String.join(", ", types.keySet()) + ")");
            }
            if (fileTypes.put(column, type) != null) {
                throw new FlockException(ErrorCode.INVALID_ARGUMENT, "Line 1 of the upload names the column '" + column
                        + "' twice");
            }
        }
        return struct(fileTypes);
    }

    /**
     * DuckDB's CSV reader on the spool file {@code path} (a SQL literal) with the given columns;
     * {@code more} adds options.
     */
    private static String csvRead(String path, FileOptions options, boolean header, String columns, String more) {
        return "read_csv(" + path + ", auto_detect = false, delim = " + literal(options.delimiter()) + ", quote = "
                + literal(options.quote()) + ", escape = " + literal(options.quote()) + ", nullstr = "
                + literal(options.nullString()) + ", header = " + header + ", columns = " + columns + more + ")";
    }

    /**
     * The column names on the first line of a CSV file, split by DuckDB's CSV reader: the line is
     * read on its own, so a malformed line further down cannot stop the names from being known
     * (it fails the typed read later, with its line number).
     */
    private List<String> headerOf(DuckDBConnection connection, Path file, FileOptions options) throws SQLException {
        Path headerFile = file.resolveSibling(file.getFileName() + ".header.csv");
        try {
            if (Files.size(file) == 0) {
                throw new FlockException(ErrorCode.INVALID_ARGUMENT, "The upload is empty: its first line should"
                        + " name the columns (or import with header=false)");
            }
            Files.write(headerFile, firstLine(file));
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT * FROM read_csv(" + literal(inSpool(headerFile))
                         + ", header = false, all_varchar = true, delim = " + literal(options.delimiter()) + ", quote = "
                         + literal(options.quote()) + ", escape = " + literal(options.quote()) + ")")) {
                List<String> names = new ArrayList<>();
                if (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        names.add(rs.getString(i) == null ? "" : rs.getString(i));
                    }
                }
                if (names.isEmpty()) {
                    throw new FlockException(ErrorCode.INVALID_ARGUMENT, "The upload is empty: its first line should"
                            + " name the columns (or import with header=false)");
                }
                return names;
            }
        } catch (SQLException e) {
            throw new FlockException(ErrorCode.DATA_ERROR, "Line 1 of the upload does not name columns: "
                    + describe(e.getMessage(), headerFile, 0), e);
        } catch (IOException e) {
            throw new FlockException(ErrorCode.IO_ERROR, "Cannot read the first line of the upload: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(headerFile);
            } catch (IOException e) {
                log.debug("Cannot delete {}: {}", headerFile, e.getMessage());
            }
        }
    }

    private static byte[] firstLine(Path file) throws IOException {
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (line.size() >= MAX_HEADER_BYTES) {
                    throw new FlockException(ErrorCode.INVALID_ARGUMENT, "Line 1 of the upload is longer than "
                            + MAX_HEADER_BYTES + " bytes; is it a header line?");
                }
                line.write(b);
            }
            line.write('\n');
            return line.toByteArray();
        }
    }

    /** DuckDB's type names for the columns of an Arrow schema, as DuckDB itself maps them. */
    /**
     * The table's column types to read a text upload (CSV, JSON lines) with: a column whose Arrow
     * type does not name its DuckDB type exactly ({@link DuckDbTypes#namesDuckDbTypeExactly}) is read
     * as VARCHAR, and the write into the table converts the text to the column's real type (reading
     * a TIME WITH TIME ZONE column as TIME would drop the offset, a BIT column as BLOB take the
     * characters for bytes).
     */
    private static Map<String, String> textTypes(DuckDBConnection connection, Schema target) throws SQLException {
        Map<String, String> types = duckTypes(connection, target);
        inexact(target).forEach(column -> types.put(column, "VARCHAR"));
        return types;
    }

    /**
     * The table's column types a binary upload (Parquet, Arrow) is cast to at staging: only those its
     * Arrow types name exactly; the other columns stay as the upload has them, for the write into the
     * table to convert.
     */
    private static Map<String, String> castTypes(DuckDBConnection connection, Schema target) throws SQLException {
        Map<String, String> types = duckTypes(connection, target);
        types.keySet().removeAll(inexact(target));
        return types;
    }

    /** The columns of {@code target} whose Arrow types do not name their DuckDB types exactly. */
    private static List<String> inexact(Schema target) {
        return target.getFields().stream().filter(field -> !DuckDbTypes.namesDuckDbTypeExactly(field))
                .map(Field::getName).toList();
    }

    private static Map<String, String> duckTypes(DuckDBConnection connection, Schema target) throws SQLException {
        String view = "__flock_types_" + STREAMS.incrementAndGet();
        Map<String, String> types = new LinkedHashMap<>();
        try (BufferAllocator allocator = new org.apache.arrow.memory.RootAllocator();
             ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator);
             EmptyReader empty = new EmptyReader(allocator, target);
             Statement s = connection.createStatement()) {
            Data.exportArrayStream(allocator, empty, stream);
            connection.registerArrowStream(view, stream);
            try (ResultSet rs = s.executeQuery("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM " + view
                    + ")")) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (IOException e) {
            throw new FlockException(ErrorCode.INTERNAL, "Cannot map the table's column types: " + e.getMessage(), e);
        }
        return types;
    }

    /**
     * Runs a read of {@code file} as an Arrow stream. {@code lineShift} is added to the line numbers
     * in its errors (the lines before {@code file} when it is a piece of a larger upload).
     */
    private ArrowReader query(DuckDBConnection connection, String sql, BufferAllocator allocator, Path file,
                              long lineShift) {
        return query(connection, sql, allocator, file, lineShift, () -> diagnose(sql, file, lineShift));
    }

    /** Like {@link #query(DuckDBConnection, String, BufferAllocator, Path, long)}, with its own diagnosis. */
    private ArrowReader query(DuckDBConnection connection, String sql, BufferAllocator allocator, Path file,
                              long lineShift, java.util.function.Supplier<FlockException> diagnosis) {
        Statement statement = null;
        try {
            statement = connection.createStatement();
            DuckDBResultSet resultSet = (DuckDBResultSet) statement.executeQuery(sql);
            ArrowReader reader = (ArrowReader) resultSet.arrowExportStream(allocator, BATCH_ROWS);
            return new CodecReader(reader, allocator, List.of(resultSet, statement, connection),
                    message -> describe(message, file, lineShift), diagnosis);
        } catch (SQLException e) {
            if (statement != null) {
                closeQuietly(statement);
            }
            throw e.getMessage() != null && e.getMessage().contains(DuckDbErrors.LOST_RESULT) ? diagnosis.get()
                    : fileError(e, file, lineShift);
        }
    }

    /** The error a Parquet upload's read failed with: the first value that does not convert, if that was it. */
    private FlockException diagnoseParquet(ParquetUpload parquet, String sql, Path file) {
        try (DuckDBConnection connection = connection()) {
            return badValueOr(parquet, connection, diagnose(sql, file, 0));
        } catch (SQLException e) {
            return fileError(e, file, 0);
        }
    }

    /** The first value of the upload that does not convert, else {@code failure}: the read's own error. */
    private static FlockException badValueOr(ParquetUpload parquet, DuckDBConnection connection,
                                             FlockException failure) {
        try {
            return parquet.firstBadValue(connection).orElse(failure);
        } catch (SQLException e) {
            failure.addSuppressed(e);
            return failure;
        }
    }

    /**
     * The error a streamed read failed with. DuckDB's JDBC driver reports an error raised while a
     * result streams only as "Invalid result set"; running the same read to completion (into a
     * scratch file in the spool) reports it with its line and column.
     */
    private FlockException diagnose(String sql, Path file, long lineShift) {
        Path scratch = spool.resolve("diagnosis-" + STREAMS.incrementAndGet() + ".parquet");
        try (DuckDBConnection connection = connection(); Statement s = connection.createStatement()) {
            s.execute("COPY (" + sql + ") TO " + literal(scratch.toString()) + " (FORMAT parquet)");
            return new FlockException(ErrorCode.DATA_ERROR, "The upload is not valid: it failed while it was read,"
                    + " but not when it was read again");
        } catch (SQLException e) {
            return fileError(e, file, lineShift);
        } finally {
            try {
                Files.deleteIfExists(scratch);
            } catch (IOException e) {
                log.debug("Cannot delete {}: {}", scratch, e.getMessage());
            }
        }
    }

    private FlockException fileError(SQLException e, Path file, long lineShift) {
        FlockException mapped = DuckDbErrors.toFlock(e);
        return new FlockException(mapped.errorCode(), describe(mapped.getMessage(), file, lineShift), e);
    }

    /**
     * DuckDB's reader errors, cut to what helps (the line, the column, the value) and without the
     * server's spool path; {@code lineShift} is added to the line numbers it names.
     */
    static String describe(String message, Path file, long lineShift) {
        String text = message.strip();
        int blank = text.indexOf("\n\n");
        if (blank > 0) {
            text = text.substring(0, blank);
        }
        text = text.replace("\"" + file + "\"", "the upload").replace(file.toString(), "the upload");
        return "The upload is not valid: " + ErrorLines.shift(text, lineShift).replace("\n", "; ");
    }

    private static String copyOptions(FileOptions options) {
        return switch (options.format()) {
            case CSV, TSV -> "FORMAT csv, HEADER " + options.header() + ", DELIMITER " + literal(options.delimiter())
                    + ", QUOTE " + literal(options.quote()) + ", ESCAPE " + literal(options.quote()) + ", NULLSTR "
                    + literal(options.nullString());
            case JSONL -> "FORMAT json";
            case PARQUET -> PARQUET_EXPORT;
            case ARROW -> throw new IllegalArgumentException("Arrow IPC is not written by the codec");
        };
    }

    private static void checkCodecFormat(FileFormat format) {
        if (format == FileFormat.ARROW) {
            throw new IllegalArgumentException("Arrow IPC files are read and written with Arrow Java, not the codec");
        }
    }

    private String inSpool(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!absolute.startsWith(spool)) {
            throw new IllegalArgumentException("The bulk codec works inside " + spool + " only, not on " + absolute);
        }
        return absolute.toString();
    }

    private static long count(Statement s, String sql) throws SQLException {
        if (s.execute(sql)) {
            try (ResultSet rs = s.getResultSet()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
        return Math.max(0, s.getLargeUpdateCount());
    }

    private static String struct(Map<String, String> types) {
        StringBuilder sql = new StringBuilder("{");
        types.forEach((name, type) -> {
            if (sql.length() > 1) {
                sql.append(", ");
            }
            sql.append(literal(name)).append(": ").append(literal(type));
        });
        return sql.append('}').toString();
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private DuckDBConnection connection() {
        try {
            return (DuckDBConnection) server.duplicate();
        } catch (SQLException e) {
            throw DuckDbErrors.toFlock(e, "The bulk codec is closed");
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            try (Stream<Path> children = Files.list(path)) {
                for (Path child : children.toList()) {
                    deleteTree(child);
                }
            }
        }
        Files.deleteIfExists(path);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("Closing a bulk codec resource failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
    }
}

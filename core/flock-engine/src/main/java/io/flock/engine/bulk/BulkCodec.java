package io.flock.engine.bulk;

import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Converts between Arrow streams and bulk files (CSV, TSV, JSON lines, Parquet) inside the spool
 * directory. It never runs user SQL: the statements are its own, and it can reach no file outside
 * {@link #spoolDirectory()}. Arrow IPC files are not its business (Arrow Java reads and writes
 * them); every other method rejects {@link FileFormat#ARROW}.
 *
 * <p>Thread-safe: each call uses its own connection, so calls run in parallel.
 */
public interface BulkCodec extends AutoCloseable {
    /** The only directory the codec reads and writes; created on start, emptied at start. */
    Path spoolDirectory();

    /**
     * Writes {@code rows} into {@code target} (inside the spool directory: a new file, or a named
     * pipe another thread reads) in one sequential pass, and returns the row count once every row
     * is written. {@code rows} is read to its end; the caller closes it.
     */
    long write(ArrowReader rows, BufferAllocator allocator, FileOptions options, Path target);

    /**
     * Reads {@code file} as Arrow batches whose columns have the types of the same-named columns
     * of {@code target} (CSV/TSV with a header and JSON lines: by name, a column missing from the
     * file is left out; CSV/TSV without a header: every column of {@code target}, by position;
     * Parquet: the file's own types). Errors name the line and column where the format knows them.
     * The caller closes the reader.
     */
    ArrowReader read(Path file, FileOptions options, Schema target, BufferAllocator allocator);

    /**
     * Reads a CSV or TSV upload that arrives in {@code pieces} as {@link #read} reads the whole
     * file: the first piece decides the columns (by its header line, or by position), every later
     * piece is read with the same columns and no header. Each piece is parsed as soon as the reader
     * gets to it, so parsing overlaps the rest of the upload. Errors name the line of the whole
     * upload (each piece's {@link UploadPiece#firstLine}) and the column. Waits for the first
     * piece before it returns; the caller closes the reader.
     *
     * @throws IllegalArgumentException for a format other than CSV and TSV
     */
    ArrowReader readPieces(UploadPieces pieces, FileOptions options, Schema target, BufferAllocator allocator);

    /**
     * Reads {@code file} as {@link #read} does and writes its rows into the staged file
     * {@code staged}; returns the row count. A bad file fails here, before anything is written
     * anywhere else.
     */
    long stage(Path file, FileOptions options, Schema target, Path staged);

    /** Writes {@code rows} into the staged file {@code staged}; returns the row count. */
    long stage(ArrowReader rows, BufferAllocator allocator, Path staged);

    /**
     * Writes the rows of an Arrow upload into the staged file {@code staged} with the types of
     * {@code target}, as a Parquet upload is read: each column of {@code rows} that {@code target}
     * has (by name, case-insensitively) is cast to its type where the two differ; other columns
     * pass as they are, for the table to refuse by name. A value that does not convert fails here,
     * before anything is written anywhere else, with DuckDB's message alone (it names the value, not
     * its row: see {@code FlockEngine#firstBadValue}). Returns the row count; {@code rows} is read to
     * its end, the caller closes it.
     */
    long stage(ArrowReader rows, Schema target, BufferAllocator allocator, Path staged);

    /**
     * Reads the rows {@code [first, first + count)} of a staged file, in the order they were staged
     * ({@code count = Long.MAX_VALUE} for all from {@code first}).
     */
    ArrowReader readStaged(Path staged, long first, long count, BufferAllocator allocator);

    @Override
    void close();
}

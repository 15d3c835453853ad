package io.flock.http.bulk;

import static java.util.Objects.requireNonNull;

import io.flock.engine.bulk.BulkCodec;
import io.flock.engine.bulk.FileFormat;
import io.flock.engine.bulk.FileOptions;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/**
 * Writes an Arrow stream as a bulk file into an output stream, as it is produced. Arrow IPC goes
 * batch by batch with Arrow Java. CSV, TSV, JSON lines and Parquet are written by the bulk codec in
 * one pass on a writer thread, into a named pipe in the spool directory; a second thread drains the
 * pipe into a few chunks ahead ({@link ReadAhead}) that this thread sends: nothing touches the
 * disk, and bytes leave while DuckDB still writes. The first
 * {@value #HOLD_BACK} bytes are held back (or the whole file, if smaller), so an export that fails
 * early still answers with its status and problem JSON. Where the system has no named pipes, the
 * codec writes a spool file that is sent once complete.
 *
 * <p>Only what the codec finished writing is ever sent: a pipe takes sequential writes only, and a
 * spool file is read once the codec returned.
 */
final class ExportWriter {
    /** Bytes held back before the response commits: a failure within them is answered as problem JSON. */
    static final int HOLD_BACK = 8 * 1024 * 1024;
    /** Bytes per read of the pipe and per write to the response. */
    private static final int CHUNK_BYTES = 1024 * 1024;
    /** Chunks read ahead of the response, so DuckDB keeps writing while the HTTP thread sends. */
    private static final int CHUNKS_AHEAD = 8;
    /** Chunks in use at most: those held back, and those read ahead of them. */
    private static final int CHUNKS = HOLD_BACK / CHUNK_BYTES + CHUNKS_AHEAD;

    private final BulkCodec codec;
    private final Spool spool;
    private final ExecutorService executor;
    private final BufferAllocator allocator;

    ExportWriter(BulkCodec codec, Spool spool, ExecutorService executor, BufferAllocator allocator) {
        this.codec = requireNonNull(codec, "codec is null");
        this.spool = requireNonNull(spool, "spool is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    /**
     * Writes every row of {@code rows} to {@code out} and returns the row count. On failure
     * {@code stopSource} is run (it must make {@code rows} fail at its next batch), and this
     * returns only once nothing reads {@code rows} any more.
     */
    long write(ArrowReader rows, FileOptions options, BodyOutput out, Runnable stopSource) throws IOException {
        if (options.format() == FileFormat.ARROW) {
            return writeArrow(rows, out);
        }
        Optional<Path> pipe = spool.newPipe("export", options.format().extension());
        Path target = pipe.orElseGet(() -> spool.newFile("export", options.format().extension()));
        try {
            AtomicBoolean readerOpened = new AtomicBoolean(pipe.isEmpty());
            Future<Long> producer = executor.submit(() -> {
                try {
                    return codec.write(rows, allocator, options, target);
                } finally {
                    if (pipe.isPresent()) {
                        NamedPipes.releaseUntil(target, readerOpened::get);
                    }
                }
            });
            try {
                if (pipe.isEmpty()) {
                    result(producer);
                }
                try (ReadAhead chunks = ReadAhead.start(open(target, readerOpened), CHUNKS, CHUNK_BYTES, executor)) {
                    send(chunks, out, producer);
                }
                return result(producer);
            } catch (IOException | RuntimeException e) {
                // the pipe is closed by now: a codec still writing fails at its next write
                stopSource.run();
                if (pipe.isPresent()) {
                    NamedPipes.releaseUntil(target, producer::isDone);
                }
                awaitQuietly(producer);
                throw e;
            }
        } finally {
            Spool.delete(target);
        }
    }

    /** Opens the file or pipe for reading; {@code opened} is set once that is done or failed. */
    private static FileChannel open(Path target, AtomicBoolean opened) throws IOException {
        try {
            return FileChannel.open(target, StandardOpenOption.READ);
        } finally {
            opened.set(true);
        }
    }

    /**
     * Sends what the codec writes: the first {@value #HOLD_BACK} bytes at once (after checking that
     * the codec succeeded, if they are all of it), then chunk by chunk (each write to the response
     * is one HTTP chunk).
     */
    private static void send(ReadAhead chunks, BodyOutput out, Future<Long> producer) throws IOException {
        List<ByteBuffer> held = new ArrayList<>();
        long heldBytes = 0;
        ByteBuffer chunk = null;
        while (heldBytes < HOLD_BACK && (chunk = chunks.next()) != null) {
            held.add(chunk);
            heldBytes += chunk.remaining();
        }
        if (chunk == null) {
            // the whole file is held: send it only if the codec succeeded
            result(producer);
        }
        for (ByteBuffer part : held) {
            out.write(part);
            chunks.recycle(part);
        }
        held.clear();
        while ((chunk = chunks.next()) != null) {
            out.write(chunk);
            chunks.recycle(chunk);
        }
    }

    private static long writeArrow(ArrowReader rows, OutputStream out) throws IOException {
        VectorSchemaRoot root = rows.getVectorSchemaRoot();
        long count = 0;
        ArrowStreamWriter writer = new ArrowStreamWriter(root, new DictionaryProvider.MapDictionaryProvider(),
                Channels.newChannel(out));
        writer.start();
        while (rows.loadNextBatch()) {
            writer.writeBatch();
            count += root.getRowCount();
        }
        writer.end();
        return count;
    }

    private static long result(Future<Long> copy) {
        try {
            return copy.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlockException(ErrorCode.SERVER_SHUTTING_DOWN, "The export was interrupted: the server is"
                    + " shutting down");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new FlockException(ErrorCode.INTERNAL, "Writing the export failed: " + cause, cause);
        }
    }

    private static void awaitQuietly(Future<Long> copy) {
        try {
            copy.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the failure the caller already reports
        }
    }
}

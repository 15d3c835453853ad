package io.flock.http.bulk;

import static java.util.Objects.requireNonNull;

import io.flock.engine.bulk.BulkCodec;
import io.flock.engine.bulk.FileFormat;
import io.flock.engine.bulk.FileOptions;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/**
 * Writes an Arrow stream as a bulk file into an output stream, as it is produced. Arrow IPC goes
 * batch by batch with Arrow Java. CSV, TSV and JSON lines go through the bulk codec in chunks: a
 * writer thread has DuckDB write the result as a sequence of complete chunk files (a few hundred
 * thousand rows each, the header only in the first) while this thread sends the finished ones, so
 * the first bytes leave after the first chunk, and memory and spool space stay bounded by a few
 * chunks. Parquet, whose footer comes last, is written whole by the codec and then sent.
 *
 * <p>Only complete files are ever sent: DuckDB writes a file in parallel, at offsets, so the bytes
 * of a file still being written are not final.
 */
final class ExportWriter {
    private static final int CHUNK_BATCHES = 8;
    private static final int CHUNKS_AHEAD = 2;
    private static final Path END = Path.of("");
    private static final int SEND_BUFFER = 1024 * 1024;

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
    long write(ArrowReader rows, FileOptions options, OutputStream out, Runnable stopSource) throws IOException {
        if (options.format() == FileFormat.ARROW) {
            return writeArrow(rows, out);
        }
        BlockingQueue<Path> chunks = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
        List<Path> written = new CopyOnWriteArrayList<>();
        AtomicBoolean stopped = new AtomicBoolean();
        Future<Long> producer = executor.submit(() -> produce(rows, options, chunks, written, stopped));
        try {
            while (true) {
                Path chunk = take(chunks, producer);
                if (chunk == END) {
                    return result(producer);
                }
                try {
                    send(chunk, out);
                } finally {
                    Spool.delete(chunk);
                }
            }
        } catch (IOException | RuntimeException e) {
            stopped.set(true);
            stopSource.run();
            chunks.clear();
            awaitQuietly(producer);
            throw e;
        } finally {
            written.forEach(Spool::delete);
        }
    }

    /** Sends a finished chunk in large writes (each write to the response is one HTTP chunk). */
    private static void send(Path chunk, OutputStream out) throws IOException {
        byte[] buffer = new byte[SEND_BUFFER];
        try (InputStream in = Files.newInputStream(chunk)) {
            int n;
            while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                out.write(buffer, 0, n);
            }
        }
    }

    /** The writer thread: chunk files into {@code chunks}, then {@link #END}; returns the row count. */
    private long produce(ArrowReader rows, FileOptions options, BlockingQueue<Path> chunks, List<Path> written,
                         AtomicBoolean stopped) throws IOException, InterruptedException {
        if (options.format() == FileFormat.PARQUET) {
            Path file = spool.newFile("export", options.format().extension());
            written.add(file);
            long count = codec.write(rows, allocator, options, file);
            chunks.put(file);
            chunks.put(END);
            return count;
        }
        long count = 0;
        BatchWindow window = BatchWindow.first(rows, allocator, CHUNK_BATCHES);
        FileOptions chunkOptions = options;
        while (!stopped.get()) {
            Path file = spool.newFile("export", options.format().extension());
            written.add(file);
            count += codec.write(window, allocator, chunkOptions, file);
            chunks.put(file);
            if (!window.hasMore()) {
                break;
            }
            window = window.next();
            chunkOptions = new FileOptions(options.format(), false, options.delimiter(), options.quote(),
                    options.nullString());
        }
        chunks.put(END);
        return count;
    }

    /** The next chunk; fails as the producer did when it fails before handing one over. */
    private static Path take(BlockingQueue<Path> chunks, Future<Long> producer) {
        try {
            while (true) {
                Path chunk = chunks.poll(10, TimeUnit.MILLISECONDS);
                if (chunk != null) {
                    return chunk;
                }
                if (producer.isDone()) {
                    Path last = chunks.poll();
                    if (last != null) {
                        return last;
                    }
                    result(producer);
                    throw new IllegalStateException("The export's writer ended without its end marker");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlockException(ErrorCode.SERVER_SHUTTING_DOWN, "The export was interrupted: the server is"
                    + " shutting down");
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

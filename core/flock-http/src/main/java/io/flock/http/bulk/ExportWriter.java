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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/**
 * Writes an Arrow stream as a bulk file into an output stream, as it is produced: Arrow IPC batch
 * by batch with Arrow Java; every other format through the bulk codec, which writes a spool file
 * on another thread while this one sends the file's bytes as they appear (so the first bytes go
 * out long before the last row is written, and Java memory holds one buffer).
 */
final class ExportWriter {
    private static final int CHUNK = 256 * 1024;

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
        Path file = spool.newFile("export", options.format().extension());
        Future<Long> copy = executor.submit(() -> codec.write(rows, allocator, options, file));
        try {
            tail(file, copy, out);
            return result(copy);
        } catch (IOException | RuntimeException e) {
            stopSource.run();
            awaitQuietly(copy);
            throw e;
        } finally {
            Spool.delete(file);
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

    /** Sends the bytes of {@code file} as the codec writes them, until the write has ended. */
    private static void tail(Path file, Future<Long> copy, OutputStream out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        long position = 0;
        FileChannel channel = null;
        try {
            while (true) {
                boolean done = copy.isDone();
                if (channel == null) {
                    channel = open(file);
                }
                if (channel != null) {
                    while (position < channel.size()) {
                        buffer.clear();
                        int read = channel.read(buffer, position);
                        if (read <= 0) {
                            break;
                        }
                        position += read;
                        out.write(buffer.array(), 0, read);
                    }
                }
                if (done) {
                    result(copy); // a failed write must not end like a complete file
                    if (channel != null && position < channel.size()) {
                        continue;
                    }
                    return;
                }
                waitBriefly(copy);
            }
        } finally {
            if (channel != null) {
                channel.close();
            }
        }
    }

    private static FileChannel open(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static void waitBriefly(Future<Long> copy) {
        try {
            copy.get(2, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still writing, or failed: the caller looks at the outcome
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlockException(ErrorCode.SERVER_SHUTTING_DOWN, "The export was interrupted: the server is"
                    + " shutting down");
        }
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

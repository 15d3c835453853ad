package io.flock.http.bulk;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flock.engine.FlockEngine;
import io.flock.engine.bulk.BulkCodec;
import io.flock.engine.bulk.FileFormat;
import io.flock.engine.bulk.FileOptions;
import io.flock.engine.catalog.Principal;
import io.flock.engine.worker.BadValue;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import io.flock.spi.RowLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code /v1/import}: an upload is spooled to disk (decompressed on the way), read by the bulk
 * codec with the table's column types, and written with the engine's all-or-nothing write. CSV and
 * TSV are spooled in pieces of whole records that are read while the next arrive
 * ({@link PiecedUpload}); other formats are read once they arrived whole. A parallel import stages
 * each concurrent upload on its own and writes them all in one transaction at its commit.
 */
final class Imports {
    private static final int SPOOL_BUFFER = 256 * 1024;
    /** Finished pieces of a CSV upload that may wait to be parsed before the upload waits. */
    private static final int MAX_WAITING_PIECES = 8;
    private final FlockEngine engine;
    private final BulkCodec codec;
    private final Spool spool;
    private final BufferAllocator allocator;
    private final IdleRegistry<ParallelImport> parallel;
    private final ExecutorService writers;
    private final long pieceBytes;

    Imports(FlockEngine engine, BulkCodec codec, Spool spool, BufferAllocator allocator, BulkConfig config,
            ExecutorService writers) {
        this.engine = requireNonNull(engine, "engine is null");
        this.writers = requireNonNull(writers, "writers is null");
        this.pieceBytes = config.importPieceSize().bytes();
        this.codec = requireNonNull(codec, "codec is null");
        this.spool = requireNonNull(spool, "spool is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.parallel = new IdleRegistry<>("import", "imp-", config.idleTimeout(), ParallelImport::discard);
    }

    /** {@code POST /v1/import/{table}} or {@code /v1/import/{database}/{table}}. */
    void importFile(Principal principal, Optional<String> database, String table, Request request, Response response,
                    Callback callback) {
        ImportTarget target = ImportTarget.resolve(engine, principal, database, table);
        Fields parameters = Request.extractQueryParameters(request);
        FileOptions options = BulkParameters.fileOptions(parameters);
        long rows;
        if (PiecedUpload.applies(options)) {
            rows = importInPieces(target, request, parameters, options);
        } else {
            Path upload = spoolUpload(request, parameters, options);
            try {
                rows = write(target, Optional.empty(), () -> readUpload(upload, options, target));
            } catch (FlockException e) {
                throw options.format() == FileFormat.ARROW ? locatedInArrow(target, upload, e) : e;
            } finally {
                Spool.delete(upload);
            }
        }
        ObjectNode body = HttpBodies.object();
        body.put("table", target.qualifiedName());
        body.put("rows", rows);
        HttpBodies.json(response, callback, 200, body);
    }

    /**
     * A CSV or TSV import whose parsing and writing overlap the upload: this thread receives the
     * body into pieces of whole records while a writer thread reads them, piece after piece, into
     * the table's all-or-nothing write. A broken upload fails the write (nothing is imported); a
     * failed write (a bad line, a cancel) stops the receiving.
     */
    private long importInPieces(ImportTarget target, Request request, Fields parameters, FileOptions options) {
        Compression compression = compression(request, parameters);
        try (PiecedUpload pieces = new PiecedUpload(spool, options, pieceBytes, MAX_WAITING_PIECES)) {
            Future<Long> written = writers.submit(() -> {
                try {
                    return write(target, Optional.empty(), () -> codec.readPieces(pieces, options,
                            target.table().columns(), allocator));
                } catch (RuntimeException | Error e) {
                    pieces.abandon();
                    throw e;
                }
            });
            try {
                receive(request, compression, pieces::write);
                pieces.finish();
            } catch (PiecedUpload.Abandoned stopped) {
                // the write failed: its error is the answer
            } catch (IOException | RuntimeException e) {
                FlockException broken = brokenUpload(compression, pieces.received(), e);
                pieces.fail(broken);
                awaitQuietly(written);
                throw broken;
            }
            return await(written);
        }
    }

    /** Where {@link #receive} puts the bytes of an upload, as they arrive. */
    @FunctionalInterface
    private interface ByteSink {
        /** Takes all of {@code bytes}; they are not valid after the call. */
        void write(ByteBuffer bytes) throws IOException;
    }

    /**
     * Receives the request body into {@code sink}, decompressing it per {@code compression}. An
     * uncompressed body goes straight from Jetty's buffers, without copies through the Java heap,
     * on this thread (blocking: Jetty's asynchronous copy slowed down badly on a loaded machine).
     */
    private static void receive(Request request, Compression compression, ByteSink sink) throws IOException {
        if (compression == Compression.NONE) {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    try (Blocker.Runnable arrived = Blocker.runnable()) {
                        request.demand(arrived);
                        arrived.block();
                    }
                    continue;
                }
                boolean last = chunk.isLast();
                try {
                    if (Content.Chunk.isFailure(chunk)) {
                        Throwable failure = chunk.getFailure();
                        throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
                    }
                    if (chunk.hasRemaining()) {
                        sink.write(chunk.getByteBuffer());
                    }
                } finally {
                    chunk.release();
                }
                if (last) {
                    return;
                }
            }
        }
        try (InputStream in = compression.decompress(Content.Source.asInputStream(request))) {
            byte[] buffer = new byte[SPOOL_BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n > 0) {
                    sink.write(ByteBuffer.wrap(buffer, 0, n));
                }
            }
        }
    }

    private static FlockException brokenUpload(Compression compression, long received, Exception e) {
        if (e instanceof FlockException flock && flock.errorCode() != ErrorCode.INTERNAL) {
            return flock;
        }
        String what = compression == Compression.NONE ? "The upload broke off"
                : "The upload broke off or is not valid " + compression.name().toLowerCase(java.util.Locale.ROOT)
                        + " data";
        return new FlockException(ErrorCode.DATA_ERROR, what + " after " + received
                + (compression == Compression.NONE ? " bytes" : " decompressed bytes") + " (" + e.getMessage()
                + "); nothing was imported", e);
    }

    private static long await(Future<Long> written) {
        try {
            return written.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new FlockException(ErrorCode.INTERNAL, "The import failed: " + cause, cause);
        } catch (InterruptedException e) {
            written.cancel(true);
            Thread.currentThread().interrupt();
            throw new FlockException(ErrorCode.QUERY_CANCELLED, "The import was interrupted", e);
        }
    }

    private static void awaitQuietly(Future<Long> written) {
        try {
            await(written);
        } catch (RuntimeException ignored) {
            // the write failed because the upload did; that error is the answer
        }
    }

    /** {@code POST /v1/import?table=…&database=…}: begins a parallel import. */
    void begin(Principal principal, Request request, Response response, Callback callback) {
        Fields parameters = Request.extractQueryParameters(request);
        ImportTarget target = ImportTarget.resolve(engine, principal,
                Optional.ofNullable(parameters.getValue("database")), BulkParameters.required(parameters, "table"));
        String id = parallel.add(principal, new ParallelImport(target));
        ObjectNode body = HttpBodies.object();
        body.put("importId", id);
        body.put("table", target.qualifiedName());
        HttpBodies.json(response, callback, 200, body);
    }

    /** {@code POST /v1/import/{id}/parts}: stages one upload of a parallel import. */
    void uploadPart(Principal principal, String id, Request request, Response response, Callback callback) {
        ParallelImport running = parallel.get(principal, id);
        Fields parameters = Request.extractQueryParameters(request);
        FileOptions options = BulkParameters.fileOptions(parameters);
        int number = running.beginUpload(id);
        ParallelImport.Part part;
        try {
            part = stagePart(running, number, request, parameters, options);
        } catch (RuntimeException e) {
            running.endUpload(id, null);
            parallel.touch(id);
            throw e;
        }
        try {
            running.endUpload(id, part);
        } finally {
            parallel.touch(id);
        }
        ObjectNode body = HttpBodies.object();
        body.put("importId", id);
        body.put("part", part.number());
        body.put("rows", part.rows());
        HttpBodies.json(response, callback, 200, body);
    }

    private ParallelImport.Part stagePart(ParallelImport running, int number, Request request, Fields parameters,
                                          FileOptions options) {
        Path upload = spoolUpload(request, parameters, options);
        Path staged = spool.newFile("import-staged", "parquet");
        try {
            long rows = options.format() == FileFormat.ARROW
                    ? stageArrow(running.target(), upload, staged)
                    : codec.stage(upload, options, running.target().table().columns(), staged);
            return new ParallelImport.Part(number, staged, rows);
        } catch (RuntimeException e) {
            Spool.delete(staged);
            FlockException flock = e instanceof FlockException f ? f : null;
            throw new FlockException(flock != null ? flock.errorCode() : ErrorCode.INTERNAL,
                    "Part " + number + " of import into " + running.target().qualifiedName() + " was not staged: "
                            + e.getMessage(), null, flock != null ? flock.rowLocation().orElse(null) : null, e);
        } finally {
            Spool.delete(upload);
        }
    }

    /**
     * {@code POST /v1/import/{id}/commit}: writes every staged part in one transaction. Only one
     * commit of an import runs; the import stays known (as committed, failed or rolled back) until
     * it expires, so a second commit is refused as a conflict rather than run again.
     */
    void commit(Principal principal, String id, Response response, Callback callback) {
        ParallelImport running = parallel.get(principal, id);
        List<ParallelImport.Part> parts = running.closeForCommit(id);
        ImportTarget target = running.target();
        long rows = 0;
        boolean succeeded = false;
        try {
            if (parts.size() == 1) {
                rows = write(target, Optional.empty(), () -> codec.readStaged(parts.get(0).file(), 0, Long.MAX_VALUE,
                        allocator));
            } else if (parts.size() > 1) {
                String transaction = engine.beginTransaction(target.session());
                try {
                    for (ParallelImport.Part part : parts) {
                        try {
                            rows += write(target, Optional.of(transaction), () -> codec.readStaged(part.file(), 0,
                                    Long.MAX_VALUE, allocator));
                        } catch (FlockException e) {
                            // a row the write names is a row of this part
                            throw new FlockException(e.errorCode(), "Part " + part.number() + ": " + e.getMessage(),
                                    null, e.rowLocation().orElse(null), e);
                        }
                    }
                    engine.commit(target.session().principal(), transaction);
                } catch (RuntimeException e) {
                    rollbackQuietly(target, transaction);
                    throw e;
                }
            }
            succeeded = true;
        } finally {
            running.committed(succeeded);
            parallel.touch(id);
        }
        ObjectNode body = HttpBodies.object();
        body.put("importId", id);
        body.put("table", target.qualifiedName());
        body.put("parts", parts.size());
        body.put("rows", rows);
        HttpBodies.json(response, callback, 200, body);
    }

    /**
     * {@code POST /v1/import/{id}/rollback} or {@code DELETE /v1/import/{id}}: discards the staged
     * parts; again for an import already rolled back. Refused while or after it is committed.
     */
    void rollback(Principal principal, String id, Response response, Callback callback) {
        ParallelImport running = parallel.get(principal, id);
        running.rollback(id);
        ObjectNode body = HttpBodies.object();
        body.put("importId", id);
        body.put("rolledBack", true);
        HttpBodies.json(response, callback, 200, body);
    }

    boolean isImportId(String text) {
        return parallel.isId(text);
    }

    void expire() {
        parallel.expire(ParallelImport::isBusy);
    }

    void discardAll() {
        parallel.discardAll();
    }

    private void rollbackQuietly(ImportTarget target, String transaction) {
        try {
            engine.rollback(target.session().principal(), transaction);
        } catch (RuntimeException ignored) {
            // the transaction already ended with the failure
        }
    }

    /** Opens the rows to write; the caller closes them. */
    @FunctionalInterface
    private interface RowSource {
        ArrowReader open() throws IOException;
    }

    private long write(ImportTarget target, Optional<String> transaction, RowSource source) {
        try (ArrowReader rows = source.open()) {
            RecordingReader recorded = new RecordingReader(rows, allocator);
            try {
                return transaction.isPresent()
                        ? engine.append(target.session(), transaction.get(), target.write(), recorded, allocator)
                        : engine.append(target.session(), target.write(), recorded, allocator);
            } catch (RuntimeException e) {
                // the source's own error names the line and column; the write only saw its source fail
                throw recorded.failure() != null ? recorded.failure() : e;
            }
        } catch (FlockException e) {
            throw new FlockException(e.errorCode(), "Nothing was imported into " + target.qualifiedName() + ": "
                    + e.getMessage(), null, e.rowLocation().orElse(null), e);
        } catch (IOException e) {
            throw new FlockException(ErrorCode.IO_ERROR, "Nothing was imported into " + target.qualifiedName()
                    + ": reading the upload failed: " + e.getMessage(), e);
        }
    }

    /**
     * A serial Arrow IPC upload goes to the table as its types are, so DuckDB's refusal of a value
     * that does not convert names no row: when that was the failure, the error names the first such
     * value by row and column ({@link #firstBadArrowValue}).
     */
    private FlockException locatedInArrow(ImportTarget target, Path upload, FlockException failure) {
        String duckDbMessage = failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage();
        return firstBadArrowValue(target, upload, failure)
                .map(bad -> new FlockException(ErrorCode.DATA_ERROR, "Nothing was imported into "
                        + target.qualifiedName() + ": " + notValid(bad, duckDbMessage), null, location(bad), failure))
                .orElse(failure);
    }

    /**
     * After a conversion failure of an Arrow IPC upload (DATA_ERROR or TYPE_MISMATCH), the first
     * value that does not convert to its table column's type, read again from the spooled upload;
     * empty for another failure, or when none is found. Runs on the failure path only.
     */
    private Optional<BadValue> firstBadArrowValue(ImportTarget target, Path upload, FlockException failure) {
        if (failure.errorCode() != ErrorCode.DATA_ERROR && failure.errorCode() != ErrorCode.TYPE_MISMATCH) {
            return Optional.empty();
        }
        try (ArrowStreamReader rows = new ArrowStreamReader(Files.newInputStream(upload), allocator)) {
            return engine.firstBadValue(target.session(), target.write(), rows, allocator);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
            return Optional.empty();
        }
    }

    private static RowLocation location(BadValue bad) {
        return RowLocation.of(bad.row(), bad.column());
    }

    /** {@code row 3, column 'qty' holds a value that is not a valid INTEGER (<DuckDB's message>)}. */
    private static String notValid(BadValue bad, String duckDbMessage) {
        return "row " + (bad.row() + 1) + ", column '" + bad.column() + "' holds a value that is not a valid "
                + bad.type() + " (" + duckDbMessage + ")";
    }

    private ArrowReader readUpload(Path upload, FileOptions options, ImportTarget target) throws IOException {
        if (options.format() == FileFormat.ARROW) {
            return new ArrowStreamReader(Files.newInputStream(upload), allocator);
        }
        return codec.read(upload, options, target.table().columns(), allocator);
    }

    /**
     * Stages an Arrow IPC part with the table's column types, so a value that does not convert fails
     * its upload, as in a Parquet or CSV part, not the commit; the error names its row (within the
     * part) and column, found in the spooled upload once the cast failed.
     */
    private long stageArrow(ImportTarget target, Path upload, Path staged) {
        try (ArrowStreamReader reader = new ArrowStreamReader(Files.newInputStream(upload), allocator)) {
            return codec.stage(reader, target.table().columns(), allocator, staged);
        } catch (FlockException e) {
            throw firstBadArrowValue(target, upload, e)
                    .map(bad -> new FlockException(ErrorCode.DATA_ERROR, notValid(bad, e.getMessage()), null,
                            location(bad), e))
                    .orElse(e);
        } catch (IOException e) {
            throw new FlockException(ErrorCode.DATA_ERROR, "The upload is not a valid Arrow IPC stream: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Streams the request body into a new spool file, decompressing it per {@code compression} or
     * the {@code Content-Encoding} header.
     */
    private Path spoolUpload(Request request, Fields parameters, FileOptions options) {
        Compression compression = compression(request, parameters);
        Path upload = spool.newFile("upload", options.format().extension());
        try (FileChannel file = FileChannel.open(upload, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            receive(request, compression, bytes -> {
                while (bytes.hasRemaining()) {
                    file.write(bytes);
                }
            });
            return upload;
        } catch (IOException | RuntimeException e) {
            long received = sizeOf(upload);
            Spool.delete(upload);
            throw brokenUpload(compression, received, e);
        }
    }

    /** The size of a spool file, for messages; 0 if it is gone or unreadable. */
    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The compression of an upload: the {@code compression} parameter, else its Content-Encoding.
     *
     * @throws FlockException INVALID_ARGUMENT for an unknown {@code compression} parameter
     * @throws UnsupportedContentEncoding for a Content-Encoding this server does not decode
     */
    private static Compression compression(Request request, Fields parameters) {
        Compression compression = BulkParameters.compression(parameters);
        if (compression != Compression.NONE) {
            return compression;
        }
        List<String> encoding = request.getHeaders().getValuesList(HttpHeader.CONTENT_ENCODING);
        return Compression.ofContentEncoding(encoding)
                .orElseThrow(() -> new UnsupportedContentEncoding(String.join(", ", encoding)));
    }
}

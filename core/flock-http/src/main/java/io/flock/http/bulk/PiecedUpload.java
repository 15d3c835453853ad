package io.flock.http.bulk;

import static java.util.Objects.requireNonNull;

import io.flock.engine.bulk.FileOptions;
import io.flock.engine.bulk.UploadPiece;
import io.flock.engine.bulk.UploadPieces;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A CSV or TSV upload cut into spool files of whole records while it arrives, so that the bulk
 * codec parses one piece while the next arrives. The receiving thread {@link #write}s the bytes
 * (a piece ends at the first record end after {@code pieceBytes}) and {@link #finish}es; the
 * reading thread takes the pieces in order ({@link #next}). At most {@code maxWaiting} finished
 * pieces wait to be read: then the receiving thread waits, and so does the client.
 *
 * <p>Thread-safe between one receiving and one reading thread. {@link #close} deletes every piece.
 */
final class PiecedUpload implements UploadPieces, AutoCloseable {
    /** Thrown to the receiving thread once the reader gave up: the import failed, stop receiving. */
    static final class Abandoned extends RuntimeException {
        Abandoned() {
            super("The import stopped reading the upload", null, false, false);
        }
    }

    private final Spool spool;
    private final String extension;
    private final long pieceBytes;
    private final int maxWaiting;
    private final RecordScanner scanner;
    private final List<Path> files = new ArrayList<>();
    // the receiving thread's piece
    private FileChannel channel;
    private Path file;
    private long bytesInPiece;
    private long firstLine = 1;
    private int pieces;
    private long received;
    // shared, guarded by this
    private final Deque<UploadPiece> waiting = new ArrayDeque<>();
    private boolean finished;
    private FlockException failure;
    private boolean abandoned;

    /**
     * @param pieceBytes the size from which a piece ends at its next record end (a piece is this
     *     large plus the rest of a record, or smaller if it is the last)
     * @param maxWaiting how many finished pieces may wait to be read
     */
    PiecedUpload(Spool spool, FileOptions options, long pieceBytes, int maxWaiting) {
        this.spool = requireNonNull(spool, "spool is null");
        this.extension = options.format().extension();
        if (pieceBytes < 1 || maxWaiting < 1) {
            throw new IllegalArgumentException("pieceBytes and maxWaiting must be positive");
        }
        this.pieceBytes = pieceBytes;
        this.maxWaiting = maxWaiting;
        // a quote that is not one byte cannot be followed byte by byte: the upload stays one piece
        this.scanner = RecordScanner.supports(options.quote()) ? new RecordScanner(options.quote().charAt(0)) : null;
    }

    /** Whether uploads with {@code options} arrive in pieces (CSV and TSV). */
    static boolean applies(FileOptions options) {
        return switch (options.format()) {
            case CSV, TSV -> true;
            default -> false;
        };
    }

    /** Bytes written so far. */
    long received() {
        return received;
    }

    /**
     * Appends the remaining bytes of {@code bytes} (its position is left alone) to the upload.
     *
     * @throws Abandoned when the reader gave up
     */
    void write(ByteBuffer bytes) throws IOException {
        int position = bytes.position();
        int limit = bytes.limit();
        while (position < limit) {
            checkAbandoned();
            if (channel == null) {
                file = spool.newFile("upload", pieces + "." + extension);
                synchronized (this) {
                    files.add(file);
                }
                channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            int end = limit;
            boolean pieceEnds = false;
            if (scanner != null) {
                long untilFull = Math.max(0, pieceBytes - bytesInPiece);
                if (untilFull >= limit - position) {
                    scanner.scan(bytes, position, limit, false);
                } else {
                    int full = position + (int) untilFull;
                    scanner.scan(bytes, position, full, false);
                    int recordEnd = scanner.scan(bytes, full, limit, true);
                    if (recordEnd >= 0) {
                        end = recordEnd;
                        pieceEnds = true;
                    }
                }
            }
            ByteBuffer slice = bytes.duplicate();
            slice.limit(end).position(position);
            while (slice.hasRemaining()) {
                channel.write(slice);
            }
            bytesInPiece += end - position;
            received += end - position;
            position = end;
            if (pieceEnds) {
                endPiece();
            }
        }
    }

    /** The upload arrived completely: its last piece is handed out. */
    void finish() throws IOException {
        if (channel != null || pieces == 0) {
            if (channel == null) {
                // an empty upload is one empty piece, so that the reader says what is missing
                file = spool.newFile("upload", "0." + extension);
                synchronized (this) {
                    files.add(file);
                }
                channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            endPiece();
        }
        synchronized (this) {
            finished = true;
            notifyAll();
        }
    }

    /** The upload broke off: the reader fails with {@code error}. */
    synchronized void fail(FlockException error) {
        if (failure == null) {
            failure = requireNonNull(error, "error is null");
        }
        notifyAll();
    }

    /** The reader gave up (the import failed): the receiving thread is told to stop. */
    synchronized void abandon() {
        abandoned = true;
        notifyAll();
    }

    private void endPiece() throws IOException {
        channel.close();
        channel = null;
        UploadPiece piece = new UploadPiece(file, pieces, firstLine,
                scanner == null ? Optional.empty() : scanner.lineBreak());
        pieces++;
        bytesInPiece = 0;
        firstLine = scanner == null ? 1 : scanner.records() + 1;
        synchronized (this) {
            while (waiting.size() >= maxWaiting && !abandoned) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while the upload waited for the import to catch up", e);
                }
            }
            checkAbandoned();
            waiting.addLast(piece);
            notifyAll();
        }
    }

    private synchronized void checkAbandoned() {
        if (abandoned) {
            throw new Abandoned();
        }
    }

    @Override
    public synchronized Optional<UploadPiece> next() {
        while (waiting.isEmpty() && !finished && failure == null && !abandoned) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FlockException(ErrorCode.QUERY_CANCELLED, "The import was interrupted while it waited for"
                        + " the upload", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        if (abandoned) {
            throw new FlockException(ErrorCode.QUERY_CANCELLED, "The import stopped reading the upload");
        }
        UploadPiece piece = waiting.pollFirst();
        notifyAll();
        return Optional.ofNullable(piece);
    }

    @Override
    public void done(UploadPiece piece) {
        Spool.delete(piece.file());
    }

    /** Stops both sides and deletes every piece; call once neither thread uses the upload. */
    @Override
    public void close() {
        abandon();
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the file is deleted next
            }
            channel = null;
        }
        List<Path> all;
        synchronized (this) {
            all = List.copyOf(files);
        }
        all.forEach(Spool::delete);
    }
}

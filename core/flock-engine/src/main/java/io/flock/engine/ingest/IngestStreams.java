package io.flock.engine.ingest;

import static java.util.Objects.requireNonNull;

import io.flock.engine.catalog.Catalog;
import io.flock.engine.catalog.Names;
import io.flock.engine.catalog.Principal;
import io.flock.engine.catalog.Privilege;
import io.flock.engine.query.Session;
import io.flock.engine.worker.BadValue;
import io.flock.engine.worker.StreamProgress;
import io.flock.engine.worker.TableInfo;
import io.flock.engine.worker.TableWrite;
import io.flock.engine.worker.Worker;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import io.flock.spi.RowLocation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest streams: opening (and resuming) a stream, and applying its batches exactly once. Each
 * batch goes through the engine's write primitive with its stream position
 * ({@link TableWrite#withStream}), so rows and position commit together. The batches of one stream
 * apply one at a time under the stream's lock, in the order they arrive; the last applied sequence
 * is read from the database when a stream is first used after a start and then kept in memory.
 *
 * <p>Thread-safe.
 */
public final class IngestStreams {
    private static final Logger log = LoggerFactory.getLogger(IngestStreams.class);
    private static final Pattern STREAM_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
    private static final long UNKNOWN = Long.MIN_VALUE;
    /** Streams kept in memory before idle ones are forgotten (their position stays in the database). */
    private static final int MAX_STREAMS = 10_000;
    private static final long IDLE_NANOS = java.util.concurrent.TimeUnit.HOURS.toNanos(1);

    /** The engine's write primitive. */
    @FunctionalInterface
    public interface Appender {
        long append(Session session, TableWrite write, ArrowReader rows, BufferAllocator allocator);
    }

    private final Catalog catalog;
    private final Worker worker;
    private final Appender appender;
    private final Map<String, StreamState> streams = new ConcurrentHashMap<>();

    public IngestStreams(Catalog catalog, Worker worker, Appender appender) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.worker = requireNonNull(worker, "worker is null");
        this.appender = requireNonNull(appender, "appender is null");
    }

    /**
     * Opens a stream into {@code schema.table} of the session's database, or resumes stream
     * {@code streamId}: checks WRITE, the table and the mode, and tells the next sequence and the rows
     * the stream has committed.
     */
    public StreamOpening open(Session session, String schema, String table, Optional<String> streamId,
                              StreamMode mode) {
        return open(session, schema, table, streamId, mode, OptionalLong.empty());
    }

    /**
     * Like {@link #open}, for a connection that is about to send batches ({@code DoPut}) as the
     * opening {@code opening} (the token {@link #open} answered; empty from clients that send none,
     * whose call then fences every earlier one).
     *
     * @throws FlockException STREAM_FENCED when the stream was opened again since: a later client
     *     resumed it, and this one's batches must not land after what it was told
     */
    public StreamOpening startSending(Session session, String schema, String table, String streamId,
                                      StreamMode mode, OptionalLong opening) {
        return open(session, schema, table, Optional.of(streamId), mode, opening);
    }

    private StreamOpening open(Session session, String schema, String table, Optional<String> streamId,
                               StreamMode mode, OptionalLong claimed) {
        requireNonNull(mode, "mode is null");
        String database = session.database();
        if (database.equals(Names.SYSTEM_DATABASE)) {
            throw new FlockException(ErrorCode.PERMISSION_DENIED,
                    "The system database '" + Names.SYSTEM_DATABASE + "' is read-only");
        }
        catalog.checkAccess(session.principal(), database, Privilege.WRITE);
        TableInfo info = worker.tables(database).stream()
                .filter(t -> t.type().equals("TABLE") && t.schema().equalsIgnoreCase(schema)
                        && t.name().equalsIgnoreCase(table))
                .findFirst()
                .orElseThrow(() -> new FlockException(ErrorCode.NOT_FOUND, "Table '" + database + "." + schema + "."
                        + table + "' does not exist; create it before opening a stream into it"));
        String name = database + "." + info.schema() + "." + info.name();
        if (mode == StreamMode.APPEND_ONLY && !info.primaryKey().isEmpty()) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT, "Table '" + name + "' has a primary key ("
                    + String.join(", ", info.primaryKey()) + "): APPEND_ONLY streams are for tables without one;"
                    + " open a CDC stream to upsert and delete by key");
        }
        if (mode == StreamMode.CDC && info.primaryKey().isEmpty()) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT, "Table '" + name + "' has no primary key: a CDC"
                    + " stream upserts and deletes by key; open an APPEND_ONLY stream, or add a primary key");
        }
        if (mode == StreamMode.CDC) {
            try {
                worker.checkKeyedWrites(database, TableWrite.changesInto(info.schema(), info.name()));
            } catch (FlockException e) {
                // refused at open, not batch by batch once rows are buffered
                throw new FlockException(e.errorCode(), "A CDC stream cannot write into table '" + name + "': "
                        + e.getMessage());
            }
        }
        String id = streamId.orElseGet(() -> UUID.randomUUID().toString());
        if (!STREAM_ID.matcher(id).matches()) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT, "Invalid stream id '" + id
                    + "': use 1 to 128 letters, digits, '.', '_', ':' or '-'");
        }
        Map<String, Integer> maxLengths = worker.maxLengths(database, info.schema(), info.name());
        if (streams.size() >= MAX_STREAMS) {
            forgetIdleStreams();
        }
        StreamState state = streams.computeIfAbsent(key(database, id),
                k -> new StreamState(database, info.schema() + "." + info.name(), id, mode));
        if (!state.table.equals(info.schema() + "." + info.name())) {
            throw new FlockException(ErrorCode.INVALID_ARGUMENT, "Stream '" + id + "' writes into table '" + database
                    + "." + state.table + "', not '" + name + "': use a new stream id for another table");
        }
        state.lock.lock();
        try {
            state.user = session.principal().user();
            // read from the database, not the cache: the committed rows are told only here
            StreamProgress progress = worker.streamProgress(database, id);
            state.lastApplied = progress.lastSequence();
            long opening;
            if (claimed.isEmpty()) {
                opening = newOpening(); // a new opening: calls of earlier ones are fenced from now on
            } else if (state.opening == 0 || state.opening == claimed.getAsLong()) {
                opening = claimed.getAsLong(); // its own opening, or the first seen since the server started
            } else {
                throw fenced(id);
            }
            state.opening = opening;
            IngestTarget target = new IngestTarget(database, info, maxLengths, mode, id, opening);
            return new StreamOpening(target, progress.lastSequence() + 1, progress.committedRows());
        } finally {
            state.lock.unlock();
        }
    }

    /**
     * Applies consecutive batches of an opened stream, in order and exactly once, with the result of
     * applying them one after another, but writing them in as few transactions as possible: the
     * valid batches between duplicates go to the table in one write that records the last one's
     * sequence, so all of them commit or none. A batch that fails validation, or whose group DuckDB
     * refuses (then the group's batches are written one by one to find it), ends the group: the
     * batches before it are applied, it and the later ones are not.
     *
     * <p>Each outcome may be acknowledged once this returns: its rows are committed.
     */
    public GroupOutcome applyAll(Session session, IngestTarget target, List<IngestBatch> batches,
                                 BufferAllocator allocator) {
        StreamState state = streams.computeIfAbsent(key(target.database(), target.streamId()), k -> new StreamState(
                target.database(), target.table().schema() + "." + target.table().name(), target.streamId(),
                target.mode()));
        state.lock.lock();
        state.lastUsedNanos = System.nanoTime();
        try {
            if (target.opening() != state.opening) {
                return new GroupOutcome(List.of(), Optional.of(fenced(target.streamId())));
            }
            List<BatchOutcome> outcomes = new ArrayList<>();
            List<IngestBatch> group = new ArrayList<>();
            for (IngestBatch batch : batches) {
                if (batch.sequence() <= state.highestReceived) {
                    state.resent.incrementAndGet(); // a client retry or resume sent it again
                } else {
                    state.highestReceived = batch.sequence();
                }
                long previous = group.isEmpty() ? -1 : group.get(group.size() - 1).sequence();
                if (batch.sequence() < 0 || batch.sequence() <= previous || batch.sequence() <= lastApplied(state)) {
                    // Write what came before, then judge this batch against the recorded position.
                    Optional<FlockException> failure = write(session, target, state, group, allocator, outcomes);
                    group.clear();
                    if (failure.isEmpty() && batch.sequence() < 0) {
                        failure = Optional.of(new FlockException(ErrorCode.INVALID_ARGUMENT, "Batch of stream '"
                                + target.streamId() + "' has the negative sequence " + batch.sequence()));
                    }
                    if (failure.isPresent()) {
                        return new GroupOutcome(outcomes, failure);
                    }
                    if (batch.sequence() <= lastApplied(state)) {
                        state.duplicates.incrementAndGet();
                        outcomes.add(new BatchOutcome(batch.sequence(), 0, true));
                        continue;
                    }
                }
                try {
                    BatchValidator.validate(target, batch.rows(), batch.sequence(), batch.firstRow());
                } catch (FlockException e) {
                    Optional<FlockException> failure = write(session, target, state, group, allocator, outcomes);
                    if (failure.isEmpty()) {
                        state.rejected.incrementAndGet();
                    }
                    return new GroupOutcome(outcomes, Optional.of(failure.orElse(e)));
                }
                group.add(batch);
            }
            return new GroupOutcome(outcomes, write(session, target, state, group, allocator, outcomes));
        } finally {
            state.lock.unlock();
        }
    }

    /**
     * Writes validated, not yet applied batches (increasing sequences) in one transaction; on
     * success adds their outcomes. When DuckDB refuses the rows of several batches, writes them one
     * by one, so the batches before the refused one are applied and the error names the right one.
     *
     * @return the error of the first batch not applied, if any
     */
    private Optional<FlockException> write(Session session, IngestTarget target, StreamState state,
                                           List<IngestBatch> group, BufferAllocator allocator,
                                           List<BatchOutcome> outcomes) {
        if (group.isEmpty()) {
            return Optional.empty();
        }
        IngestBatch last = group.get(group.size() - 1);
        long rows;
        try (ArrowReader reader = new BatchListReader(allocator, group.stream().map(IngestBatch::rows).toList())) {
            rows = appender.append(session, target.write(last.sequence()), reader, allocator);
        } catch (FlockException e) {
            state.lastApplied = UNKNOWN;
            if (group.size() > 1 && worthSplitting(e)) {
                for (IngestBatch batch : group) {
                    if (batch.sequence() <= lastApplied(state)) {
                        state.duplicates.incrementAndGet();
                        outcomes.add(new BatchOutcome(batch.sequence(), 0, true));
                        continue;
                    }
                    Optional<FlockException> failure = write(session, target, state, List.of(batch), allocator,
                            outcomes);
                    if (failure.isPresent()) {
                        return failure;
                    }
                }
                return Optional.empty();
            }
            if (e.errorCode() == ErrorCode.TRANSACTION_CONFLICT && last.sequence() <= lastApplied(state)) {
                // Another connection applied this batch meanwhile: the record refused it.
                state.duplicates.incrementAndGet();
                outcomes.add(new BatchOutcome(last.sequence(), 0, true));
                return Optional.empty();
            }
            if (group.size() == 1 && target.mode() == StreamMode.APPEND_ONLY
                    && (e.errorCode() == ErrorCode.DATA_ERROR || e.errorCode() == ErrorCode.TYPE_MISMATCH)) {
                e = located(target, group.get(0), e, allocator);
            }
            // A row of a write of several batches is no row of the first: only a batch's own write names one.
            return Optional.of(classify(state, target, group.get(0).sequence(), e, group.size() == 1));
        } catch (java.io.IOException e) {
            return Optional.of(new FlockException(ErrorCode.INTERNAL, "Cannot read batch " + group.get(0).sequence()
                    + " of stream '" + target.streamId() + "'", e));
        }
        state.lastApplied = last.sequence();
        for (IngestBatch batch : group) {
            long batchRows = group.size() == 1 ? rows : batch.rows().getRowCount();
            state.rows.addAndGet(batchRows);
            state.batches.incrementAndGet();
            state.bytes.addAndGet(bytes(batch.rows()));
            outcomes.add(new BatchOutcome(batch.sequence(), batchRows, false));
        }
        return Optional.empty();
    }

    /**
     * DuckDB refused a batch's values with a message that names no row (text sent into a typed
     * column that does not parse, a number too large for its column): the first such value, by row
     * and column, else {@code failure} as it is.
     */
    private FlockException located(IngestTarget target, IngestBatch batch, FlockException failure,
                                   BufferAllocator allocator) {
        try (ArrowReader reader = new BatchListReader(allocator, List.of(batch.rows()))) {
            Optional<BadValue> bad = worker.firstBadValue(target.database(),
                    TableWrite.into(target.table().schema(), target.table().name()), reader, allocator);
            if (bad.isEmpty()) {
                return failure;
            }
            BadValue value = bad.get();
            Object text = batch.rows().getVector(value.column()).getObject((int) value.row());
            return new FlockException(ErrorCode.DATA_ERROR, BatchValidator.row((int) value.row(), batch.firstRow())
                    + ", column '" + value.column() + "': '" + text + "' is not a valid " + value.type(), null,
                    RowLocation.of(value.row(), value.column()), failure);
        } catch (RuntimeException | java.io.IOException e) {
            log.debug("Cannot find the value of batch {} that DuckDB refused: {}", batch.sequence(), e.getMessage());
            return failure;
        }
    }

    /** Errors that may belong to one batch of a group (DuckDB refused its rows, or a racing writer). */
    private static boolean worthSplitting(FlockException e) {
        return switch (e.errorCode()) {
            case DATA_ERROR, TYPE_MISMATCH, CONSTRAINT_VIOLATION, INVALID_QUERY, NOT_FOUND, PRECHECK_FAILED,
                 TRANSACTION_CONFLICT -> true;
            default -> false;
        };
    }

    /**
     * The error of batch {@code sequence} as the client sees it; a rejection names the row
     * ({@link FlockException#rowLocation()}) when {@code e} names one of that batch alone.
     */
    private static FlockException classify(StreamState state, IngestTarget target, long sequence, FlockException e,
                                           boolean batchAlone) {
        return switch (e.errorCode()) {
            case TOO_MANY_QUERIES, OUT_OF_MEMORY -> {
                state.throttles.incrementAndGet();
                yield e;
            }
            case DATA_ERROR, TYPE_MISMATCH, CONSTRAINT_VIOLATION, INVALID_QUERY, NOT_FOUND, PRECHECK_FAILED -> {
                state.rejected.incrementAndGet();
                yield BatchValidator.rejected(target, sequence, e.getMessage(),
                        batchAlone ? e.rowLocation() : Optional.empty());
            }
            default -> e;
        };
    }

    private static long bytes(VectorSchemaRoot batch) {
        long bytes = 0;
        for (var vector : batch.getFieldVectors()) {
            bytes += vector.getBufferSize();
        }
        return bytes;
    }

    private long lastApplied(StreamState state) {
        if (state.lastApplied == UNKNOWN) {
            state.lastApplied = worker.streamProgress(state.database, state.streamId).lastSequence();
        }
        return state.lastApplied;
    }

    /** The counters of every stream since the start that {@code principal} may see (admins: all). */
    public List<StreamStats> stats(Principal principal) {
        List<StreamStats> stats = new ArrayList<>();
        for (StreamState state : streams.values()) {
            if (principal.admin() || catalog.canAccess(principal, state.database)) {
                stats.add(state.snapshot());
            }
        }
        stats.sort(Comparator.comparing(StreamStats::database).thenComparing(StreamStats::streamId));
        return stats;
    }

    /**
     * Forgets streams idle for an hour (counters included), so the map stays bounded. Safe: a
     * forgotten stream reloads its position from the database, and the position record refuses a
     * batch applied twice even if two states of one stream ever raced.
     */
    private void forgetIdleStreams() {
        long now = System.nanoTime();
        streams.values().removeIf(s -> !s.lock.isLocked() && now - s.lastUsedNanos > IDLE_NANOS);
    }

    /** A random opening token, never 0 (0 marks a stream not opened since the server started). */
    private static long newOpening() {
        long opening;
        do {
            opening = java.util.concurrent.ThreadLocalRandom.current().nextLong();
        } while (opening == 0);
        return opening;
    }

    private static FlockException fenced(String streamId) {
        return new FlockException(ErrorCode.STREAM_FENCED, "Stream '" + streamId + "' was opened again"
                + " since this client opened it (another client resumed it): this client's batches are not applied;"
                + " a stream id has one writer at a time");
    }

    private static String key(String database, String streamId) {
        return database + '\u0000' + streamId;
    }

    private static final class StreamState {
        final String database;
        final String table;
        final String streamId;
        final StreamMode mode;
        final ReentrantLock lock = new ReentrantLock();
        final AtomicLong rows = new AtomicLong();
        final AtomicLong batches = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        /** Batches received with a sequence received before: sent again by a retry or a resume. */
        final AtomicLong resent = new AtomicLong();
        final AtomicLong throttles = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final Instant openedAt = Instant.now();
        volatile String user = "";
        volatile long lastUsedNanos = System.nanoTime();
        /** Guarded by {@link #lock}. */
        volatile long lastApplied = UNKNOWN;
        /**
         * The stream's current opening token; 0 until it is opened after the server started.
         * Guarded by {@link #lock}.
         */
        long opening;
        /** The highest sequence received since the server started; guarded by {@link #lock}. */
        long highestReceived = -1;

        StreamState(String database, String table, String streamId, StreamMode mode) {
            this.database = database;
            this.table = table;
            this.streamId = streamId;
            this.mode = mode;
        }

        StreamStats snapshot() {
            long last = lastApplied;
            return new StreamStats(database, table, streamId, user, mode, openedAt, last == UNKNOWN ? -1 : last,
                    rows.get(), batches.get(), bytes.get(), resent.get(), throttles.get(),
                    duplicates.get(), rejected.get());
        }
    }
}

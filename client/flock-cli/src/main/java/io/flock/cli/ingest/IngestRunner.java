package io.flock.cli.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.flock.client.ingest.FlockIngestException;
import io.flock.client.ingest.FlushMode;
import io.flock.client.ingest.IngestRow;
import io.flock.client.ingest.IngestStream;
import io.flock.client.ingest.RowError;
import io.flock.client.ingest.RowOperation;
import io.flock.client.ingest.StreamMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Streams input records into an open stream: each record becomes a row (CDC: its operation from
 * the {@value #OPERATION_COLUMN} column), the buffer is flushed every {@code batchRows} rows in
 * manual mode, and at the end everything is flushed. The first bad record stops it after every
 * row before it is acknowledged; a batch the server rejects stops it naming the line the server's
 * message points at (else the line of the batch's first row). The stream must stop at a failure
 * ({@link io.flock.client.ingest.IngestOptions#stopOnFailure()}), so nothing after the rejected
 * batch is stored; what is still buffered is discarded. Resuming ({@code --resume}), it first
 * skips the records the stream committed before ({@link IngestStream#committedRows()}), so running
 * it again over the same input stores every row once. Not thread-safe.
 */
public final class IngestRunner {
    /** The CDC operation column of the input: INSERT or UPSERT (both upsert), DELETE. */
    public static final String OPERATION_COLUMN = "__op";

    private final IngestStream stream;
    private final FlushMode flushMode;
    private final int batchRows;
    private final Optional<PrintWriter> progress;
    private final boolean resume;
    private final Map<String, Field> columns = new HashMap<>();
    /** Stream row index → input line, stored only where the distance between them changes. */
    private final TreeMap<Long, Long> lines = new TreeMap<>();
    private long rows;
    /** Stream rows stored before this input, when it is new input (not resumed): not read here. */
    private long rowBase;
    /** Input records skipped because the stream had committed them (resuming only). */
    private long skipped;
    private long lastDelta = Long.MIN_VALUE;

    /**
     * The outcome: rows acknowledged, input records skipped because the stream had committed them
     * before, and the error that stopped it, if any.
     */
    public record Outcome(long acknowledgedRows, long skippedRows, Optional<String> error) {
    }

    /**
     * @param resume whether the input is the one the stream was sent before: its first
     *     {@link IngestStream#committedRows()} records are skipped
     */
    public IngestRunner(IngestStream stream, FlushMode flushMode, int batchRows, boolean resume,
                        Optional<PrintWriter> progress) {
        this.stream = requireNonNull(stream, "stream is null");
        this.resume = resume;
        this.flushMode = requireNonNull(flushMode, "flushMode is null");
        this.batchRows = batchRows;
        this.progress = requireNonNull(progress, "progress is null");
        for (Field field : stream.tableSchema().getFields()) {
            columns.put(field.getName().toLowerCase(Locale.ROOT), field);
        }
    }

    public Outcome run(RecordSource source) throws IOException {
        long committed = stream.committedRows().orElse(0);
        if (!resume) {
            // new input after the stream's stored rows: its row numbers continue after them
            rows = committed;
            rowBase = committed;
        }
        skipped = resume ? committed : 0;
        for (long read = 0; read < skipped; read++) {
            Optional<InputRecord> next = source.next();
            if (next.isEmpty()) {
                return new Outcome(0, read, Optional.of("The input has " + read + " records, but stream '"
                        + stream.streamId() + "' has committed " + skipped + " rows: is this the input it was"
                        + " started with? Nothing was sent"));
            }
            record(next.get().line()); // the stream's row numbers count the committed rows too
        }
        long start = System.nanoTime();
        long lastProgress = start;
        try {
            while (true) {
                Optional<InputRecord> next;
                IngestRow row;
                try {
                    next = source.next();
                    if (next.isEmpty()) {
                        break;
                    }
                    row = row(next.get());
                } catch (BadInputException e) {
                    return stop(e.getMessage());
                }
                record(next.get().line());
                stream.apply(row);
                if (stream.countPendingErrors() > 0) {
                    return serverRejected(null);
                }
                if (flushMode == FlushMode.MANUAL_FLUSH && stream.bufferedRows() >= batchRows) {
                    stream.flush();
                }
                long now = System.nanoTime();
                if (progress.isPresent() && now - lastProgress > 500_000_000L) {
                    lastProgress = now;
                    printProgress(start, now);
                }
            }
            stream.flush();
            progress.ifPresent(p -> {
                printProgress(start, System.nanoTime());
                p.println();
                p.flush();
            });
            return new Outcome(stream.acknowledgedRows(), skipped, Optional.empty());
        } catch (FlockIngestException e) {
            return serverRejected(e);
        }
    }

    private Outcome stop(String message) {
        try {
            stream.flush(); // every row before the bad one is acknowledged first
        } catch (FlockIngestException e) {
            return serverRejected(e);
        }
        return new Outcome(stream.acknowledgedRows(), skipped, Optional.of(message
                + " (every row before it is stored: " + stream.acknowledgedRows() + " rows)"));
    }

    private Outcome serverRejected(FlockIngestException thrown) {
        // The stream stopped at the failure: this discards the rows still buffered, and takes the
        // failure if it was not thrown yet (so closing does not report it again).
        FlockIngestException failure = thrown;
        try {
            stream.flush();
        } catch (FlockIngestException e) {
            failure = failure == null ? e : failure;
        }
        List<RowError> errors = stream.pendingErrors().errors();
        long firstRow = failure != null && failure.firstRow() >= 0 ? failure.firstRow()
                : errors.stream().mapToLong(RowError::rowIndex).min().orElse(-1);
        String message = failure != null ? failure.serverMessage() : errors.isEmpty() ? "" : errors.get(0).message();
        // the row the server named, as a row of the stream: the line to name
        OptionalLong row = failure != null ? failure.failedRow()
                : errors.isEmpty() ? OptionalLong.empty() : errors.get(0).failedRow();
        String stored = firstRow < 0 ? " (" + stream.acknowledgedRows() + " rows before it are stored)"
                : " (nothing from line " + line(firstRow) + " on is stored; " + stream.acknowledgedRows()
                + " rows before it are)";
        if (row.isPresent()) {
            String batch = row.getAsLong() == firstRow ? "" : ", and with it the batch starting at line "
                    + line(firstRow);
            return new Outcome(stream.acknowledgedRows(), skipped, Optional.of("line "
                    + line(row.getAsLong())
                    + ": the server rejected this line" + batch + ": " + message + stored));
        }
        String where = firstRow < 0 ? "" : "line " + line(firstRow) + ": ";
        return new Outcome(stream.acknowledgedRows(), skipped, Optional.of(where
                + "the server rejected the batch starting at this line: " + message + stored));
    }

    private IngestRow row(InputRecord record) {
        RowOperation operation = RowOperation.INSERT;
        if (stream.mode() == StreamMode.CDC) {
            JsonNode op = record.values().get(OPERATION_COLUMN);
            String text = op == null ? "" : op.asText().trim().toUpperCase(Locale.ROOT);
            operation = switch (text) {
                case "INSERT", "UPSERT" -> RowOperation.UPSERT;
                case "DELETE" -> RowOperation.DELETE_IGNORE;
                default -> throw new BadInputException(record.line(), "the column '" + OPERATION_COLUMN
                        + "' must be INSERT, UPSERT or DELETE, not '" + text + "'");
            };
        }
        IngestRow row = stream.createRow(operation);
        for (Map.Entry<String, JsonNode> entry : record.values().entrySet()) {
            if (entry.getKey().equals(OPERATION_COLUMN) && stream.mode() == StreamMode.CDC) {
                continue;
            }
            Field field = columns.get(entry.getKey().toLowerCase(Locale.ROOT));
            if (field == null) {
                throw new BadInputException(record.line(), "the table has no column '" + entry.getKey() + "'"
                        + (entry.getKey().equals(OPERATION_COLUMN) ? " (use --mode cdc for operations)" : ""));
            }
            try {
                Object value = ValueParser.parse(field, entry.getValue());
                if (value instanceof Object[] interval) {
                    row.setInterval(field.getName(), (java.time.Period) interval[0], (Duration) interval[1]);
                } else {
                    row.set(field.getName(), value);
                }
            } catch (IllegalArgumentException e) {
                throw new BadInputException(record.line(), e.getMessage());
            }
        }
        return row;
    }

    private void record(long line) {
        long delta = line - rows;
        if (delta != lastDelta) {
            lines.put(rows, delta);
            lastDelta = delta;
        }
        rows++;
    }

    private long line(long row) {
        Map.Entry<Long, Long> entry = lines.floorEntry(row);
        return entry == null ? row + 1 : row + entry.getValue();
    }

    private void printProgress(long start, long now) {
        PrintWriter out = progress.orElseThrow();
        double seconds = Math.max(1e-3, (now - start) / 1e9);
        long acknowledged = stream.acknowledgedRows();
        out.printf(Locale.ROOT, "\r%,d rows read, %,d acknowledged, %,.0f rows/s   ", rows - rowBase, acknowledged,
                acknowledged / seconds);
        out.flush();
    }
}

package io.flock.cli;

import static java.util.Objects.requireNonNull;

import io.flock.cli.ingest.CsvRecordSource;
import io.flock.cli.ingest.IngestRunner;
import io.flock.cli.ingest.JsonLinesRecordSource;
import io.flock.cli.ingest.RecordSource;
import io.flock.client.FlockAuthenticationException;
import io.flock.client.FlockClient;
import io.flock.client.FlockConnectionException;
import io.flock.client.FlockException;
import io.flock.client.ingest.FlushMode;
import io.flock.client.ingest.IngestOptions;
import io.flock.client.ingest.IngestStream;
import io.flock.client.ingest.StreamMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flock ingest}: streams standard input (CSV with a header row, or JSON Lines) into a table
 * through an ingest stream (docs/ingest.md, docs/cli.md). It rides through a server restart
 * (waits, reconnects, re-sends with the same sequences: exactly once) and exits 0 only when every
 * row is acknowledged. One instance runs once; not thread-safe.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Stream rows from standard input into a table (CSV with a header row, or JSON Lines).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every row was acknowledged (stored and visible)",
            "1:a line was bad or the server rejected it; every row before it is stored (the line is named)",
            "2:bad flags or settings",
            "3:cannot connect, or bad credentials"})
public final class IngestCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--table", required = true, paramLabel = "TABLE", description = "The table: name or schema.name.")
    String table;

    @Option(names = "--mode", defaultValue = "append", paramLabel = "MODE",
            description = "append (INSERT rows; table without primary key) or cdc (an __op column: INSERT, UPSERT"
                    + " or DELETE; table with a primary key). Default append.")
    String mode;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT",
            description = "csv (with a header row; empty field = NULL) or jsonl (one JSON object per line). Default csv.")
    String format;

    @Option(names = "--flush-mode", defaultValue = "background", paramLabel = "MODE",
            description = "background (default: batches sent while reading), manual (one batch in flight at a time:"
                    + " nothing after a rejected batch is sent), or sync (one row at a time; slow).")
    String flushMode;

    @Option(names = "--batch-rows", defaultValue = "122880", paramLabel = "N", description = "Rows per batch (default"
            + " 122880, one row group of the server's storage: the cheapest size to write).")
    int batchRows;

    @Option(names = "--stream-id", paramLabel = "ID", description = "Resume (or name) this stream.")
    String streamId;

    @Option(names = "--resume", description = "With --stream-id, for the same input run again (after a crash, a"
            + " kill, a lost connection): skip the input rows the stream already stored, send the rest.")
    boolean resume;

    @Option(names = "--progress", negatable = true, description = "Show a progress line on standard error"
            + " (default: when it is a terminal).")
    Boolean progress;

    /** The command of this process; picocli uses this constructor. */
    public IngestCommand() {
        this(CliContext.system());
    }

    public IngestCommand(CliContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    /** Opens the stream, waiting up to two minutes for a server that is restarting (or not up yet). */
    private IngestStream open(FlockClient client, String database, StreamMode streamMode, IngestOptions options,
                              PrintWriter err) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        boolean told = false;
        while (true) {
            try {
                return client.openStream(database, table, streamMode, options);
            } catch (FlockConnectionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                if (!told) {
                    err.println("Waiting for the server: " + e.getMessage());
                    told = true;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = new PrintWriter(new OutputStreamWriter(context.err(), StandardCharsets.UTF_8), true);
        StreamMode streamMode;
        FlushMode flush;
        try {
            streamMode = switch (mode.toLowerCase(java.util.Locale.ROOT)) {
                case "append" -> StreamMode.APPEND_ONLY;
                case "cdc" -> StreamMode.CDC;
                default -> throw new IllegalArgumentException("Unknown --mode '" + mode + "': use append or cdc");
            };
            flush = switch (flushMode.toLowerCase(java.util.Locale.ROOT)) {
                case "background" -> FlushMode.AUTO_FLUSH_BACKGROUND;
                case "manual" -> FlushMode.MANUAL_FLUSH;
                case "sync" -> FlushMode.AUTO_FLUSH_SYNC;
                default -> throw new IllegalArgumentException("Unknown --flush-mode '" + flushMode
                        + "': use background, manual or sync");
            };
            if (!format.equalsIgnoreCase("csv") && !format.equalsIgnoreCase("jsonl")) {
                throw new IllegalArgumentException("Unknown --format '" + format + "': use csv or jsonl");
            }
            if (batchRows < 1) {
                throw new IllegalArgumentException("--batch-rows must be at least 1, not " + batchRows);
            }
            if (resume && streamId == null) {
                throw new IllegalArgumentException("--resume needs --stream-id: the stream whose stored rows to skip");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        IngestOptions.Builder options = IngestOptions.builder().flushMode(flush).maxBufferRows(batchRows)
                // ride through a server restart: keep re-sending for about ten minutes
                .maxAttempts(300).backoff(Duration.ofMillis(100), Duration.ofSeconds(2))
                // bad input stops it: nothing after a rejected batch may be stored
                .stopOnFailure(true);
        if (flush == FlushMode.MANUAL_FLUSH) {
            options.maxBuffersInFlight(1);
        }
        if (streamId != null) {
            options.streamId(streamId);
        }
        FlockClient client;
        try {
            client = connection.connect(context.environment());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        String database = connection.database != null ? connection.database
                : context.environment().getOrDefault("FLOCK_DATABASE", "");
        BufferedReader input = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8));
        try (client;
             IngestStream stream = open(client, database, streamMode, options.build(), err);
             RecordSource source = format.equalsIgnoreCase("csv") ? new CsvRecordSource(input)
                     : new JsonLinesRecordSource(input)) {
            if (resume && stream.committedRows().isEmpty()) {
                err.println("Warning: the server does not know how many rows stream '" + streamId + "' committed"
                        + " before (it last wrote before the server counted them); every input row is sent, so rows"
                        + " it stored before may be stored twice");
            } else if (!resume && stream.committedRows().orElse(0) > 0) {
                err.println("Stream '" + streamId + "' has stored " + stream.committedRows().getAsLong() + " rows"
                        + " before; this input is added after them (to run the same input again, use --resume)");
            }
            boolean showProgress = progress != null ? progress : ErrorTerminal.isTerminal();
            IngestRunner.Outcome outcome = new IngestRunner(stream, flush, batchRows, resume,
                    showProgress ? Optional.of(err) : Optional.empty()).run(source);
            if (outcome.error().isPresent()) {
                err.println(outcome.error().get());
                return ExitCodes.STATEMENT_FAILED;
            }
            err.println(outcome.acknowledgedRows() + " rows ingested into " + table + " (stream " + stream.streamId()
                    + (outcome.skippedRows() > 0 ? "; the first " + outcome.skippedRows() + " input rows were skipped:"
                    + " the stream had stored them before" : "") + ")");
            return ExitCodes.OK;
        } catch (FlockAuthenticationException | FlockConnectionException e) {
            err.println(e.getMessage());
            return ExitCodes.CONNECTION_FAILED;
        } catch (FlockException e) {
            err.println(e.getMessage());
            return ExitCodes.STATEMENT_FAILED;
        } catch (IOException e) {
            err.println("Cannot read standard input: " + e.getMessage());
            return ExitCodes.STATEMENT_FAILED;
        }
    }
}

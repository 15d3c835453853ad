package io.flock.cli;

import static java.util.Objects.requireNonNull;

import io.flock.cli.bulk.FileKinds;
import io.flock.cli.bulk.TransferProgress;
import io.flock.client.FlockClient;
import io.flock.client.FlockException;
import io.flock.client.bulk.BulkFormat;
import io.flock.client.bulk.BulkOptions;
import io.flock.client.bulk.ImportResult;
import io.flock.client.bulk.PartSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flock import TABLE FILE…}: files into a table, all or nothing, over the bulk HTTP API. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import files into a table, all or nothing (several files: uploaded in parallel, committed together).")
public final class ImportCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Parameters(index = "0", paramLabel = "TABLE", description = "The table ('name' or 'schema.name').")
    String table;

    @Parameters(index = "1..*", paramLabel = "FILE", arity = "1..*", description = "The files to import.")
    List<Path> files;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "Upload at most N files at once (default 4).")
    int parallel;

    @Mixin
    BulkCommandSupport.FileOptions fileOptions = new BulkCommandSupport.FileOptions();

    /** The command of this process; picocli uses this constructor. */
    public ImportCommand() {
        this(CliContext.system());
    }

    public ImportCommand(CliContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Integer call() {
        PrintWriter err = new PrintWriter(new OutputStreamWriter(context.err(), StandardCharsets.UTF_8), true);
        if (parallel < 1) {
            err.println("--parallel must be at least 1");
            return ExitCodes.USAGE;
        }
        long totalBytes = 0;
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                err.println("Cannot read " + file);
                return ExitCodes.USAGE;
            }
            try {
                totalBytes += Files.size(file);
            } catch (IOException e) {
                err.println("Cannot read " + file + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        Path first = files.get(0);
        BulkOptions options = fileOptions.options(FileKinds.format(first).orElse(BulkFormat.CSV),
                FileKinds.compression(first));
        FlockClient client;
        try {
            client = connection.connect(context.environment());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        boolean visible = !fileOptions.noProgress && TransferProgress.onTerminal();
        try (client; TransferProgress progress = TransferProgress.start("Import", totalBytes, visible, context.err())) {
            ImportResult result;
            if (files.size() == 1) {
                try (InputStream in = progress.count(Files.newInputStream(first))) {
                    result = client.bulk().importFrom(table, in, options);
                }
            } else {
                List<PartSource> parts = new ArrayList<>();
                for (Path file : files) {
                    parts.add(() -> progress.count(Files.newInputStream(file)));
                }
                result = client.bulk().importParallel(table, parts, options, parallel);
            }
            progress.rows(result.rows());
            progress.close();
            err.println("Imported " + result.rows() + " rows from " + result.parts() + " file(s) into " + result.table());
            return ExitCodes.OK;
        } catch (FlockException e) {
            return BulkCommandSupport.failed(e, err);
        } catch (IOException e) {
            err.println("Cannot read the files: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}

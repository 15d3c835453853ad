package io.flock.cli;

import static java.util.Objects.requireNonNull;

import io.flock.cli.bulk.FileKinds;
import io.flock.cli.bulk.PartFiles;
import io.flock.cli.bulk.TransferProgress;
import io.flock.client.FlockClient;
import io.flock.client.FlockException;
import io.flock.client.bulk.BulkCompression;
import io.flock.client.bulk.BulkFormat;
import io.flock.client.bulk.BulkOptions;
import io.flock.client.bulk.ExportResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flock export "SQL" --out FILE|DIR}: a query's result as a file, over the bulk HTTP API. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export the result of a query to a file (or, with --parallel N, N part files in a directory).")
public final class ExportCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Parameters(index = "0", paramLabel = "SQL", description = "The query to export.")
    String sql;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE|DIR", required = true,
            description = "The file to write ('-' for standard output), or with --parallel the directory of the parts.")
    Path out;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "Fetch the result as N parts at once, written as part-00000.<format>… into --out.")
    int parallel;

    @Mixin
    BulkCommandSupport.FileOptions fileOptions = new BulkCommandSupport.FileOptions();

    /** The command of this process; picocli uses this constructor. */
    public ExportCommand() {
        this(CliContext.system());
    }

    public ExportCommand(CliContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Integer call() {
        PrintWriter err = new PrintWriter(new OutputStreamWriter(context.err(), StandardCharsets.UTF_8), true);
        if (parallel < 1) {
            err.println("--parallel must be at least 1");
            return ExitCodes.USAGE;
        }
        boolean toStdout = out.toString().equals("-");
        boolean named = !toStdout && parallel == 1;
        BulkOptions options = fileOptions.options(named ? FileKinds.format(out).orElse(BulkFormat.CSV) : BulkFormat.CSV,
                named ? FileKinds.compression(out) : BulkCompression.NONE);
        FlockClient client;
        try {
            client = connection.connect(context.environment());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        boolean visible = !fileOptions.noProgress && !toStdout && TransferProgress.onTerminal();
        try (client; TransferProgress progress = TransferProgress.start("Export", -1, visible, context.err())) {
            ExportResult result = parallel == 1 ? exportOne(client, options, toStdout, progress)
                    : exportParts(client, options, progress);
            result.rows().ifPresent(progress::rows);
            progress.close();
            if (!toStdout) {
                err.println("Exported " + result.rows().map(r -> r + " rows, ").orElse("") + result.bytes()
                        + " bytes to " + out + " (query " + result.queryId() + ")");
            }
            return ExitCodes.OK;
        } catch (FlockException e) {
            return BulkCommandSupport.failed(e, err);
        } catch (IOException e) {
            err.println("Cannot write " + out + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    private ExportResult exportOne(FlockClient client, BulkOptions options, boolean toStdout, TransferProgress progress)
            throws IOException {
        if (toStdout) {
            ExportResult result = client.bulk().export(sql, options, context.out());
            context.out().flush();
            return result;
        }
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        try (OutputStream file = Files.newOutputStream(partial)) {
            ExportResult result = client.bulk().export(sql, options, progress.count(file));
            file.close();
            Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return result;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Writes the parts as {@code .partial} files and renames them only once the whole export
     * succeeded; on any failure, deletes them all.
     */
    private ExportResult exportParts(FlockClient client, BulkOptions options, TransferProgress progress)
            throws IOException {
        Files.createDirectories(out);
        PartFiles files = new PartFiles(out, "." + options.format().extension() + options.compression().suffix());
        ExportResult result;
        try {
            result = client.bulk().exportParallel(sql, parallel, options, (part, content) -> {
                try (OutputStream target = files.open(part)) {
                    progress.count(content).transferTo(target);
                }
            });
        } catch (FlockException e) {
            files.discard();
            // a part file that could not be created here is the cause, not the transfer
            if (files.localFailure().isPresent()) {
                throw files.localFailure().get();
            }
            throw e;
        } catch (RuntimeException | Error e) {
            files.discard();
            throw e;
        }
        files.complete();
        return result;
    }
}

package io.flock.cli;

import static java.util.Objects.requireNonNull;

import io.flock.cli.format.OutputFormat;
import io.flock.cli.format.ResultFormatter;
import io.flock.client.FlockClient;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code flock sql}: the interactive SQL shell, or with {@code -e}/{@code -f} a script runner
 * whose exit code tells success (docs/cli.md). A picocli command; the {@code flock} program adds
 * it as a subcommand, and {@code new CommandLine(new SqlCommand(context)).execute(args)} runs it
 * anywhere. One instance runs once; not thread-safe.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run SQL against a Flock server: an interactive shell, or -e/-f for scripts.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every statement succeeded",
            "1:a statement failed (the server's message and query id on stderr)",
            "2:bad flags or settings, unreadable file",
            "3:cannot connect, or bad credentials"})
public final class SqlCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = {"-e", "--execute"}, paramLabel = "SQL",
            description = "Run these statements (separated by ';') and exit.")
    String execute;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Run the statements of this file ('-' for standard input) and exit.")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "aligned", converter = FormatConverter.class,
            description = "Output format: aligned (default), csv, tsv, json (JSON Lines), markdown.")
    OutputFormat format;

    @Option(names = "--no-header", description = "Leave out the header line of csv and tsv.")
    boolean noHeader;

    /** The command of this process ({@link CliContext#system()}); picocli uses this constructor. */
    public SqlCommand() {
        this(CliContext.system());
    }

    /** The command over the given streams, environment and terminal. */
    public SqlCommand(CliContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Integer call() {
        PrintWriter err = writer(context.err());
        if (execute != null && file != null) {
            err.println("Give either -e or -f, not both");
            err.flush();
            return ExitCodes.USAGE;
        }
        String script;
        try {
            script = script();
        }
        catch (IOException e) {
            err.println("Cannot read the script file '" + file + "': " + e);
            err.flush();
            return ExitCodes.USAGE;
        }
        FlockClient client;
        try {
            client = connection.connect(context.environment());
        }
        catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        try (client) {
            ResultFormatter formatter = format.formatter(!noHeader);
            if (script != null) {
                PrintWriter out = writer(context.out());
                return new ScriptRunner(new StatementExecutor(client, formatter, out), err).run(script);
            }
            return shell(client, formatter, err);
        }
    }

    private String script() throws IOException {
        if (execute != null) {
            return execute;
        }
        if (file == null) {
            return null;
        }
        if (file.toString().equals("-")) {
            return new String(context.in().readAllBytes(), StandardCharsets.UTF_8);
        }
        return Files.readString(file);
    }

    private int shell(FlockClient client, ResultFormatter formatter, PrintWriter err) {
        try (Terminal terminal = context.terminals().open()) {
            PrintWriter out = terminal.writer();
            StatementExecutor executor = new StatementExecutor(client, formatter, out);
            return new InteractiveShell(terminal, context.historyFile(), executor, new ShellCommands(client, out)).run();
        }
        catch (IOException e) {
            err.println("Cannot open the terminal: " + e);
            err.flush();
            return ExitCodes.USAGE;
        }
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), false);
    }

    /** Reads {@code --format} in any letter case. */
    static final class FormatConverter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            for (OutputFormat format : OutputFormat.values()) {
                if (format.name().equalsIgnoreCase(value)) {
                    return format;
                }
            }
            throw new TypeConversionException("Unknown format '" + value + "'; use one of "
                    + Arrays.stream(OutputFormat.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
        }
    }
}

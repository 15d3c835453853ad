package io.flock.cli;

import static java.util.Objects.requireNonNull;

import io.flock.cli.format.OutputFormat;
import io.flock.cli.format.ResultFormatter;
import io.flock.client.Column;
import io.flock.client.FlockClient;
import io.flock.client.QueryResult;
import io.flock.client.TableInfo;
import java.io.PrintWriter;
import java.util.List;

/** The shell's backslash commands: {@code \l}, {@code \dt [db]}, {@code \d table}, {@code \?}; {@code \q} ends the shell. */
final class ShellCommands {
    static final String HELP = """
            \\l              list databases
            \\dt [database]  list tables (of the session's database by default)
            \\d table        describe a table's columns (table, schema.table or database.table)
            \\q              quit (also Ctrl-D)
            \\?              this help
            SQL statements end with ';' and may span lines; Ctrl-C cancels the running query.""";

    private static final ResultFormatter TABLE = OutputFormat.ALIGNED.formatter(true);

    private final FlockClient client;
    private final PrintWriter out;

    ShellCommands(FlockClient client, PrintWriter out) {
        this.client = requireNonNull(client, "client is null");
        this.out = requireNonNull(out, "out is null");
    }

    /**
     * Runs one backslash command line.
     *
     * @return false if the command is {@code \q}
     * @throws IllegalArgumentException for an unknown command or missing argument
     * @throws io.flock.client.FlockException as the server reported it
     */
    boolean run(String line) {
        String[] words = line.trim().split("\\s+");
        String command = words[0];
        switch (command) {
            case "\\q" -> {
                return false;
            }
            case "\\?" -> out.println(HELP);
            case "\\l" -> table(List.of(column("database")),
                    client.databases().stream().map(name -> List.<Object>of(name)).toList());
            case "\\dt" -> {
                String database = words.length > 1 ? words[1] : currentDatabase();
                List<TableInfo> tables = client.tables(database);
                table(List.of(column("schema"), column("name"), column("type")),
                        tables.stream().map(t -> List.<Object>of(t.schema(), t.name(), t.type())).toList());
            }
            case "\\d" -> {
                if (words.length < 2) {
                    throw new IllegalArgumentException("\\d needs a table name, e.g. \\d orders");
                }
                describe(words[1]);
            }
            default -> throw new IllegalArgumentException("Unknown command '" + command + "'; \\? lists the commands");
        }
        out.flush();
        return true;
    }

    private void describe(String name) {
        String database = currentDatabase();
        String table = name;
        List<String> parts = List.of(name.split("\\."));
        if (parts.size() == 3 || (parts.size() == 2 && client.databases().contains(parts.get(0)))) {
            database = parts.get(0);
            table = name.substring(database.length() + 1);
        }
        List<Column> columns = client.columns(database, table);
        table(List.of(column("column"), column("type"), column("nullable")),
                columns.stream().map(c -> List.<Object>of(c.name(), c.type(), c.nullable() ? "yes" : "no")).toList());
    }

    private String currentDatabase() {
        try (QueryResult result = client.execute("SELECT current_database()")) {
            return result.fetchOne().orElseThrow().getString(0);
        }
    }

    private void table(List<Column> columns, List<List<Object>> rows) {
        TABLE.write(columns, rows.iterator(), out);
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    private static Column column(String name) {
        return new Column(name, "VARCHAR", false);
    }
}

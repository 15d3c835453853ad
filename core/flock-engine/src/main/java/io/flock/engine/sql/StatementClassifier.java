package io.flock.engine.sql;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a SQL text may run and what privilege it needs. DuckDB has no privileges and
 * some statements stay dangerous even with its file system access locked (ATTACH inside allowed
 * directories, DETACH, SET of unlocked settings, session state on pooled connections), so Flock
 * allows an explicit list of statement shapes and refuses everything else by name.
 *
 * <p>Exactly one statement per call: DuckDB's JDBC layer would silently run all but the last of
 * several statements, outside any check.
 */
public final class StatementClassifier {
    private static final Set<String> QUERY_STARTS = Set.of(
            "SELECT", "WITH", "VALUES", "FROM", "TABLE", "DESCRIBE", "DESC", "SHOW", "SUMMARIZE", "PIVOT",
            "UNPIVOT", "PIVOT_WIDER", "PIVOT_LONGER");
    private static final Set<String> DML_STARTS = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "TRUNCATE", "UPSERT");
    private static final Set<String> DML_WORDS = Set.of("INSERT", "UPDATE", "DELETE", "MERGE");
    private static final Set<String> DDL_STARTS = Set.of("CREATE", "ALTER", "DROP", "COMMENT");
    private static final Set<String> MAINTENANCE_STARTS = Set.of("CHECKPOINT", "VACUUM", "ANALYZE");
    private static final Set<String> TRANSACTION_STARTS = Set.of("BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT");
    private static final Set<String> READ_ONLY_PRAGMAS = Set.of(
            "TABLE_INFO", "SHOW_TABLES", "SHOW_TABLES_EXPANDED", "SHOW", "DATABASE_SIZE", "STORAGE_INFO", "VERSION",
            "PLATFORM", "FUNCTIONS", "COLLATIONS", "METADATA_INFO", "USER_AGENT");
    /**
     * Table functions that read files or URLs, or run SQL given as text. DuckDB's locked
     * configuration already confines file access to the database's own files; Flock refuses these
     * outright, so user SQL touches no file at all (not even the raw bytes of its own database) and
     * no SQL hides inside a string.
     */
    private static final Set<String> FILE_FUNCTIONS = Set.of(
            "READ_BLOB", "READ_TEXT", "READ_CSV", "READ_CSV_AUTO", "SNIFF_CSV", "READ_PARQUET", "PARQUET_SCAN",
            "PARQUET_METADATA", "PARQUET_SCHEMA", "PARQUET_FILE_METADATA", "PARQUET_KV_METADATA",
            "PARQUET_BLOOM_PROBE", "READ_JSON", "READ_JSON_AUTO", "READ_JSON_OBJECTS", "READ_JSON_OBJECTS_AUTO",
            "READ_NDJSON", "READ_NDJSON_AUTO", "READ_NDJSON_OBJECTS", "GLOB", "READ_XLSX", "ICEBERG_SCAN",
            "DELTA_SCAN", "QUERY", "QUERY_TABLE");
    /** Words after which a string literal is a table reference that DuckDB reads as a file. */
    private static final Set<String> TABLE_POSITIONS = Set.of("FROM", "JOIN");

    /** Functions that change state although they appear in queries. */
    private static final Set<String> WRITING_FUNCTIONS = Set.of("NEXTVAL", "SETVAL");
    private static final Set<String> SERVER_OBJECTS = Set.of("SECRET", "PERSISTENT", "DATABASE");

    private StatementClassifier() {
    }

    /**
     * Classifies {@code sql}, which must hold exactly one statement.
     *
     * @throws FlockException with {@code PERMISSION_DENIED} naming the refused statement,
     *     {@code NOT_SUPPORTED} for transaction statements, or {@code SYNTAX_ERROR} for empty or
     *     multiple statements
     */
    public static ClassifiedStatement classify(String sql) {
        List<List<Token>> statements = SqlLexer.statements(sql);
        if (statements.isEmpty()) {
            throw new FlockException(ErrorCode.SYNTAX_ERROR, "The SQL text is empty: there is no statement to run");
        }
        if (statements.size() > 1) {
            throw new FlockException(ErrorCode.SYNTAX_ERROR, "The SQL text holds " + statements.size()
                    + " statements; Flock runs exactly one statement per call");
        }
        List<Token> tokens = statements.get(0);
        String text = sql.substring(tokens.get(0).start(), tokens.get(tokens.size() - 1).end());
        if (AdminStatementParser.isAdminStatement(tokens)) {
            return new ClassifiedStatement(StatementKind.ADMIN, text, tokens, false);
        }
        ClassifiedStatement statement = classifyTokens(text, tokens, 0);
        checkNoFileAccess(tokens);
        return statement;
    }

    private static ClassifiedStatement classifyTokens(String text, List<Token> tokens, int from) {
        Token first = tokens.get(from);
        if (first.isSymbol("(")) {
            // DuckDB runs a parenthesized top-level WITH whose CTE is INSERT/UPDATE/DELETE: treat
            // any such word as a write, as for WITH below.
            return writesData(tokens, from) ? new ClassifiedStatement(StatementKind.DML, text, tokens, false)
                    : query(text, tokens);
        }
        if (first.kind() != Token.Kind.WORD) {
            throw new FlockException(ErrorCode.SYNTAX_ERROR,
                    "A statement cannot start with '" + first.text() + "'");
        }
        String word = first.text().toUpperCase(Locale.ROOT);
        if (word.equals("EXPLAIN")) {
            return explain(text, tokens, from);
        }
        if (word.equals("WITH")) {
            return writesData(tokens, from) ? new ClassifiedStatement(StatementKind.DML, text, tokens, false)
                    : query(text, tokens);
        }
        if (QUERY_STARTS.contains(word)) {
            return query(text, tokens);
        }
        if (word.equals("UPDATE") && isUpdateExtensions(tokens, from)) {
            throw new FlockException(ErrorCode.PERMISSION_DENIED,
                    "Statement 'UPDATE EXTENSIONS' is not allowed: extensions are managed by the server");
        }
        if (word.equals("FORCE")) {
            return force(text, tokens, from);
        }
        if (DML_STARTS.contains(word)) {
            return new ClassifiedStatement(StatementKind.DML, text, tokens, false);
        }
        if (DDL_STARTS.contains(word)) {
            checkDdl(tokens, from);
            if (!word.equals("CREATE") || from > 0) {
                String rewritten = word.equals("CREATE") ? VarcharLengthRewriter.rewrite(text, tokens) : text;
                return new ClassifiedStatement(StatementKind.DDL, rewritten, tokens, false);
            }
            TableOptionsRewriter.Rewritten created = TableOptionsRewriter.rewrite(text, tokens);
            String withoutOptions = created.sql();
            List<Token> rewrittenTokens = withoutOptions.equals(text) ? tokens : SqlLexer.tokenize(withoutOptions);
            return new ClassifiedStatement(StatementKind.DDL,
                    VarcharLengthRewriter.rewrite(withoutOptions, rewrittenTokens), tokens, false, created.table());
        }
        if (MAINTENANCE_STARTS.contains(word)) {
            return new ClassifiedStatement(StatementKind.MAINTENANCE, text, tokens, false);
        }
        if (word.equals("PRAGMA")) {
            return pragma(text, tokens, from);
        }
        if (TRANSACTION_STARTS.contains(word)) {
            throw new FlockException(ErrorCode.NOT_SUPPORTED, "'" + word + "' is not supported as SQL: every"
                    + " statement runs in its own transaction unless it names one; use the Flight SQL transaction"
                    + " calls (BeginTransaction / EndTransaction) for multi-statement transactions");
        }
        if (word.equals("USE")) {
            throw new FlockException(ErrorCode.NOT_SUPPORTED, "'USE' is not supported: choose the database when"
                    + " connecting (the 'database' connection property or header)");
        }
        throw refused(word);
    }

    private static void checkNoFileAccess(List<Token> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            Token next = tokens.get(i + 1);
            if (t.kind() == Token.Kind.WORD && next.isSymbol("(")
                    && FILE_FUNCTIONS.contains(t.text().toUpperCase(Locale.ROOT))) {
                throw new FlockException(ErrorCode.PERMISSION_DENIED, "Function '" + t.text().toLowerCase(Locale.ROOT)
                        + "' is not allowed: user SQL cannot read files or URLs or run SQL from text; load data with"
                        + " INSERT (or the bulk import) and query tables directly");
            }
            boolean distinctFrom = isDistinctFrom(tokens, i); // x IS [NOT] DISTINCT FROM 'a' compares, reads nothing
            if (t.kind() == Token.Kind.WORD && TABLE_POSITIONS.contains(t.text().toUpperCase(Locale.ROOT))
                    && next.kind() == Token.Kind.STRING && !distinctFrom) {
                throw new FlockException(ErrorCode.PERMISSION_DENIED, "Reading the file " + next.text()
                        + " is not allowed: user SQL cannot read files or URLs; query tables by name");
            }
        }
    }

    /** Whether the FROM at {@code i} is the operator {@code IS [NOT] DISTINCT FROM}. */
    private static boolean isDistinctFrom(List<Token> tokens, int i) {
        if (!tokens.get(i).isWord("FROM") || i < 2 || !tokens.get(i - 1).isWord("DISTINCT")) {
            return false;
        }
        return tokens.get(i - 2).isWord("IS") || (i >= 3 && tokens.get(i - 2).isWord("NOT") && tokens.get(i - 3).isWord("IS"));
    }

    /** A query, unless it calls a function that changes state (sequences), which needs WRITE. */
    private static ClassifiedStatement query(String text, List<Token> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() == Token.Kind.WORD && WRITING_FUNCTIONS.contains(t.text().toUpperCase(Locale.ROOT))
                    && tokens.get(i + 1).isSymbol("(")) {
                return new ClassifiedStatement(StatementKind.DML, text, tokens, false);
            }
        }
        return new ClassifiedStatement(StatementKind.QUERY, text, tokens, false);
    }

    /** Whether a WITH or parenthesized statement names INSERT, UPDATE, DELETE or MERGE anywhere. */
    private static boolean writesData(List<Token> tokens, int from) {
        return tokens.stream().skip(from).anyMatch(t -> t.kind() == Token.Kind.WORD
                && DML_WORDS.contains(t.text().toUpperCase(Locale.ROOT)));
    }

    /** {@code UPDATE EXTENSIONS [(name, …)]}, as opposed to updating a table called {@code extensions}. */
    private static boolean isUpdateExtensions(List<Token> tokens, int from) {
        return tokens.size() > from + 1 && tokens.get(from + 1).isWord("EXTENSIONS")
                && (tokens.size() == from + 2 || tokens.get(from + 2).isSymbol("("));
    }

    /** {@code FORCE CHECKPOINT} is maintenance; {@code FORCE INSTALL} is refused like INSTALL. */
    private static ClassifiedStatement force(String text, List<Token> tokens, int from) {
        Token next = tokens.size() > from + 1 ? tokens.get(from + 1) : null;
        if (next != null && next.isWord("CHECKPOINT")) {
            return new ClassifiedStatement(StatementKind.MAINTENANCE, text, tokens, false);
        }
        String named = next != null && next.kind() == Token.Kind.WORD
                ? "FORCE " + next.text().toUpperCase(Locale.ROOT) : "FORCE";
        throw new FlockException(ErrorCode.PERMISSION_DENIED, "Statement '" + named + "' is not allowed: "
                + (next != null && next.isWord("INSTALL") ? "extensions are managed by the server"
                        : "it is not a statement Flock allows"));
    }

    private static ClassifiedStatement explain(String text, List<Token> tokens, int from) {
        int next = from + 1;
        boolean analyze = next < tokens.size() && tokens.get(next).isWord("ANALYZE");
        if (analyze) {
            next++;
        }
        if (next < tokens.size() && isExplainOptions(tokens, next)) {
            // EXPLAIN (ANALYZE) and even EXPLAIN (ANALYZE false) execute the statement in DuckDB 2.0
            int close = closingParenthesis(tokens, next);
            for (int i = next + 1; i < close; i++) {
                analyze |= tokens.get(i).isWord("ANALYZE");
            }
            next = close + 1;
        }
        if (next >= tokens.size()) {
            throw new FlockException(ErrorCode.SYNTAX_ERROR, "EXPLAIN needs a statement to explain");
        }
        if (tokens.get(next).isWord("EXPLAIN")) {
            throw new FlockException(ErrorCode.SYNTAX_ERROR, "EXPLAIN cannot explain another EXPLAIN");
        }
        ClassifiedStatement inner = classifyTokens(text, tokens, next);
        if (inner.kind() == StatementKind.ADMIN) {
            throw new FlockException(ErrorCode.NOT_SUPPORTED, "EXPLAIN of Flock administration statements is not supported");
        }
        return new ClassifiedStatement(analyze ? inner.kind() : StatementKind.QUERY, text, tokens, true);
    }

    /**
     * Whether the {@code (} at {@code at} opens EXPLAIN's option list ({@code (FORMAT json, ANALYZE)})
     * rather than a parenthesized query ({@code (SELECT 1)}): options are words that do not start
     * a statement.
     */
    private static boolean isExplainOptions(List<Token> tokens, int at) {
        if (!tokens.get(at).isSymbol("(") || at + 1 >= tokens.size()) {
            return false;
        }
        Token option = tokens.get(at + 1);
        if (option.kind() != Token.Kind.WORD) {
            return false;
        }
        String word = option.text().toUpperCase(Locale.ROOT);
        return !QUERY_STARTS.contains(word) && !DML_STARTS.contains(word) && !word.equals("WITH");
    }

    private static int closingParenthesis(List<Token> tokens, int open) {
        int close = SqlLexer.closing(tokens, open);
        if (close < 0) {
            throw new FlockException(ErrorCode.SYNTAX_ERROR, "EXPLAIN's option list is missing its closing ')'");
        }
        return close;
    }


    private static ClassifiedStatement pragma(String text, List<Token> tokens, int from) {
        if (tokens.size() > from + 1) {
            String name = tokens.get(from + 1).text().toUpperCase(Locale.ROOT);
            boolean assignment = tokens.stream().skip(from + 2).anyMatch(t -> t.isSymbol("="));
            if (READ_ONLY_PRAGMAS.contains(name) && !assignment) {
                return query(text, tokens);
            }
            throw new FlockException(ErrorCode.PERMISSION_DENIED, "'PRAGMA " + tokens.get(from + 1).text()
                    + "' is not allowed: only read-only PRAGMAs (" + String.join(", ", sorted(READ_ONLY_PRAGMAS))
                    + ") may run");
        }
        throw new FlockException(ErrorCode.SYNTAX_ERROR, "PRAGMA needs a name");
    }

    private static void checkDdl(List<Token> tokens, int from) {
        for (int i = from + 1; i < Math.min(tokens.size(), from + 5); i++) {
            Token token = tokens.get(i);
            if (token.isWord("TEMP") || token.isWord("TEMPORARY")) {
                throw new FlockException(ErrorCode.NOT_SUPPORTED, "Temporary objects are not supported: Flock runs"
                        + " each statement on a pooled connection, so session state does not last; create a"
                        + " regular table or view instead");
            }
            if (token.kind() == Token.Kind.WORD && SERVER_OBJECTS.contains(token.text().toUpperCase(Locale.ROOT))) {
                throw new FlockException(ErrorCode.PERMISSION_DENIED, "'" + tokens.get(from).text().toUpperCase(Locale.ROOT)
                        + " " + token.text().toUpperCase(Locale.ROOT) + "' is not allowed here"
                        + (token.isWord("DATABASE") ? ": Flock databases are managed with CREATE DATABASE / DROP"
                                + " DATABASE as whole statements by an admin" : ": it touches server configuration"));
            }
        }
    }

    private static FlockException refused(String word) {
        String why = switch (word) {
            case "ATTACH", "DETACH" -> "databases are attached by the server only; use CREATE DATABASE / DROP DATABASE";
            case "COPY", "EXPORT", "IMPORT" -> "it reads or writes server files; use the HTTP bulk import/export API";
            case "INSTALL", "LOAD" -> "extensions are managed by the server";
            case "SET", "RESET" -> "server and session settings cannot be changed by SQL";
            case "CALL" -> "call table functions with SELECT * FROM function(...)";
            default -> "it is not a statement Flock allows";
        };
        return new FlockException(ErrorCode.PERMISSION_DENIED, "Statement '" + word + "' is not allowed: " + why);
    }

    private static List<String> sorted(Set<String> set) {
        return set.stream().sorted().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }
}

package io.flock.engine.duckdb;

import io.flock.engine.sql.ClassifiedStatement;
import io.flock.engine.sql.CreateTable;
import io.flock.engine.sql.StatementKind;
import io.flock.engine.sql.TableName;
import io.flock.engine.sql.Token;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hooks ({@link StatementHooks}) that keep the primary keys of tables created
 * {@code WITH (key_index = false)} (see {@link IndexFreeKeys}) around one SQL statement or write:
 * for a write that may add keys, the tables' guards before and the uniqueness checks after; for DDL,
 * the key record kept in step with the tables. A statement outside an explicit transaction runs in
 * a transaction of its own, opened before and committed after, holding the tables' write turns.
 */
final class IndexFreeStatement implements StatementHooks {
    private static final Logger log = LoggerFactory.getLogger(IndexFreeStatement.class);
    /** Words that end an UPDATE's SET list, outside parentheses and {@code CASE … END}. */
    private static final Set<String> SET_LIST_ENDS = Set.of("WHERE", "RETURNING", "WHEN");

    /** One step of work on the statement's connection. */
    interface Step {
        void run(DuckDBConnection connection) throws SQLException;
    }

    private final boolean ownTransaction;
    private final List<ReentrantLock> turns;
    private final Step before;
    private final Step after;
    /** Whether the statement's own transaction is open (to be rolled back if anything fails). */
    private boolean open;
    /** Whether {@link #before} completed: the statement then ran, or began to. */
    private boolean started;
    private int locked;

    private IndexFreeStatement(boolean ownTransaction, List<ReentrantLock> turns, Step before, Step after) {
        this.ownTransaction = ownTransaction;
        this.turns = turns;
        this.before = before;
        this.after = after;
    }

    /** A transaction of the statement's own around it, and nothing else (a batch of parameter rows). */
    static StatementHooks ownTransaction() {
        return new IndexFreeStatement(true, List.of(), c -> { }, c -> { });
    }

    /**
     * The hooks of a write that may add keys to {@code tables}: in a transaction of its own, take
     * the tables' turns and guards, run, check each (the whole table when {@code wholeTable}: an
     * UPDATE of a key column changes rows in place), commit; inside {@code transaction}, run, check,
     * and leave the guards to its commit ({@link DuckDbTransaction#guardAtCommit}).
     */
    static StatementHooks write(IndexFreeKeys keys, List<IndexFreeKey> tables, boolean wholeTable,
                                Optional<DuckDbTransaction> transaction) {
        List<IndexFreeKey> ordered = tables.stream().sorted(Comparator.comparing(IndexFreeKey::toString)).toList();
        if (transaction.isPresent()) {
            return new IndexFreeStatement(false, List.of(), c -> { }, c -> check(c, new WritePlan(ordered, wholeTable),
                    transaction.get()));
        }
        return new IndexFreeStatement(true, ordered.stream().map(keys::writeTurn).toList(), c -> {
            for (IndexFreeKey table : ordered) {
                IndexFreeKeys.guard(c, table);
            }
        }, c -> {
            for (IndexFreeKey table : ordered) {
                IndexFreeKeys.checkUnique(c, table, wholeTable);
            }
        });
    }

    /**
     * The hooks of a DDL statement: records the key of a table created {@code WITH (key_index =
     * false)}, forgets the key of a table replaced or dropped.
     */
    static StatementHooks ddl(ClassifiedStatement statement, boolean ownTransaction) {
        CreateTable created = statement.createdTable().orElse(null);
        boolean[] existed = new boolean[1];
        return new IndexFreeStatement(ownTransaction, List.of(), c -> {
            if (created != null && created.ifNotExists()) {
                existed[0] = exists(c, created);
            }
        }, c -> {
            if (created != null && created.keyIndexFree() && !existed[0]) {
                IndexFreeKeys.record(c, created);
            } else if (created != null && created.orReplace()) {
                IndexFreeKeys.forget(c, created.name());
            }
            IndexFreeKeys.forgetDropped(c);
        });
    }

    /**
     * The hooks SQL statement {@code statement} needs to keep the keys Flock keeps, or
     * {@link StatementHooks#NONE}.
     *
     * @param transaction the explicit transaction the statement runs in; empty for a statement in a
     *     transaction of its own
     * @throws FlockException {@code NOT_SUPPORTED} for what such a table cannot do: {@code ON
     *     CONFLICT}, {@code INSERT OR REPLACE/IGNORE}, {@code RETURNING}, an {@code ALTER TABLE} that
     *     renames it or changes a key column
     */
    static StatementHooks of(IndexFreeKeys keys, ClassifiedStatement statement,
                             Optional<DuckDbTransaction> transaction) {
        List<Token> tokens = statement.tokens();
        boolean ownTransaction = transaction.isEmpty();
        if (statement.kind() != StatementKind.QUERY && tokens.stream().anyMatch(t -> (t.kind() == Token.Kind.WORD
                || t.kind() == Token.Kind.QUOTED_IDENTIFIER) && t.identifier().equalsIgnoreCase(IndexFreeKeys.NAME))) {
            throw new FlockException(ErrorCode.PERMISSION_DENIED, "Table " + IndexFreeKeys.TABLE + " holds the keys"
                    + " Flock keeps for tables created WITH (key_index = false); SQL cannot change it");
        }
        if (statement.kind() == StatementKind.DDL) {
            if (statement.firstWord().equals("ALTER")) {
                List<IndexFreeKey> altered = altered(tokens, keys.namedIn(tokens));
                if (!altered.isEmpty()) {
                    checkAlter(tokens, altered);
                }
            }
            boolean keyIndexFree = statement.createdTable().map(CreateTable::keyIndexFree).orElse(false);
            return keyIndexFree || !ownTransaction || !keys.all().isEmpty() ? ddl(statement, ownTransaction)
                    : StatementHooks.NONE;
        }
        if (statement.kind() != StatementKind.DML) {
            return StatementHooks.NONE;
        }
        if (transaction.isPresent() && transaction.get().changedSchema()) {
            // the transaction may have created tables whose keys only its own connection sees
            WritePlan[] plan = new WritePlan[1];
            return new IndexFreeStatement(false, List.of(),
                    c -> plan[0] = plan(statement, IndexFreeKeys.namedIn(IndexFreeKeys.read(c), tokens)),
                    c -> check(c, plan[0], transaction.get()));
        }
        WritePlan plan = plan(statement, keys.namedIn(tokens));
        return plan == null ? StatementHooks.NONE : write(keys, plan.tables(), plan.wholeTable(), transaction);
    }

    /** What a write statement must guard and check: the tables it may add keys to; null when none. */
    private record WritePlan(List<IndexFreeKey> tables, boolean wholeTable) {}

    private static WritePlan plan(ClassifiedStatement statement, List<IndexFreeKey> named) {
        String first = statement.firstWord();
        if (named.isEmpty() || first.equals("DELETE") || first.equals("TRUNCATE")) {
            return null; // removing rows cannot duplicate a key
        }
        List<Token> tokens = statement.tokens();
        boolean insert = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isWord("CONFLICT") || (t.isWord("INSERT") && i + 1 < tokens.size() && tokens.get(i + 1).isWord("OR"))) {
                throw new FlockException(ErrorCode.NOT_SUPPORTED, "Table " + named.get(0) + " keeps its primary key"
                        + " without an index (key_index = false), so INSERT … ON CONFLICT, INSERT OR REPLACE and INSERT"
                        + " OR IGNORE cannot find the conflicting row: write upserts through an UPSERT or CDC stream,"
                        + " or use MERGE INTO");
            }
            insert |= t.isWord("INSERT") || t.isWord("MERGE");
        }
        List<IndexFreeKey> targets = targets(tokens, named);
        boolean keyUpdate = updatesKey(tokens, targets);
        if (!insert && !keyUpdate || targets.isEmpty()) {
            return null; // an UPDATE of other columns changes no key; a table only read gets none
        }
        if (tokens.stream().anyMatch(t -> t.isWord("RETURNING"))) {
            throw new FlockException(ErrorCode.NOT_SUPPORTED, "RETURNING is not supported on writes that add keys to"
                    + " table " + named.get(0) + " (key_index = false): its keys are checked after the statement, and"
                    + " the check would cut off the rows it returns; read the rows with a SELECT afterwards");
        }
        return new WritePlan(targets, keyUpdate);
    }

    /** Checks the keys a statement of {@code transaction} added; its commit then takes the tables' guards. */
    private static void check(DuckDBConnection connection, WritePlan plan, DuckDbTransaction transaction)
            throws SQLException {
        if (plan != null) {
            for (IndexFreeKey table : plan.tables()) {
                IndexFreeKeys.checkUnique(connection, table, plan.wholeTable());
                transaction.guardAtCommit(table);
            }
        }
    }

    /**
     * The tables of {@code named} the statement writes: named right after {@code INTO} ({@code INSERT
     * INTO}, {@code MERGE INTO}) or {@code UPDATE}, where DuckDB's DML names its target.
     */
    private static List<IndexFreeKey> targets(List<Token> tokens, List<IndexFreeKey> named) {
        List<IndexFreeKey> targets = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isWord("INTO") || tokens.get(i).isWord("UPDATE")) {
                Optional<TableName.Parsed> name = TableName.read(tokens, i + 1);
                if (name.isEmpty()) {
                    continue;
                }
                for (IndexFreeKey key : named) {
                    if (name.get().name().matches(key.schema(), key.table()) && !targets.contains(key)) {
                        targets.add(key);
                    }
                }
            }
        }
        return targets;
    }

    /**
     * Refuses an ALTER TABLE that renames an index-free table or one of its key columns, or drops or
     * alters a key column: the key Flock records names them. Other columns may be renamed.
     */
    private static void checkAlter(List<Token> tokens, List<IndexFreeKey> named) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isWord("ADD") && (tokens.get(i + 1).isWord("PRIMARY") || tokens.get(i + 1).isWord("UNIQUE")
                    || tokens.get(i + 1).isWord("CONSTRAINT"))) {
                throw new FlockException(ErrorCode.NOT_SUPPORTED, "Table " + named.get(0) + " keeps its primary key"
                        + " in Flock (key_index = false): DuckDB key constraints cannot be added to it; create a new"
                        + " table without the option and copy the rows");
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).isWord("RENAME")) {
                continue;
            }
            int next = i + 1;
            if (next < tokens.size() && tokens.get(next).isWord("TO")) {
                throw new FlockException(ErrorCode.NOT_SUPPORTED, "Table " + named.get(0) + " keeps its primary key"
                        + " in Flock (key_index = false), which names the table: it cannot be renamed; create a new"
                        + " table and copy the rows");
            }
            if (next < tokens.size() && tokens.get(next).isWord("COLUMN")) {
                next++;
            }
            if (next < tokens.size()) {
                refuseKeyColumn(tokens.get(next), named, "renamed");
            }
            return;
        }
        if (isAddColumn(tokens)) {
            return;
        }
        for (int i = 3; i < tokens.size(); i++) {
            if (!tokens.get(i - 1).isSymbol(".")) {
                refuseKeyColumn(tokens.get(i), named, "dropped or altered");
            }
        }
    }

    private static void refuseKeyColumn(Token token, List<IndexFreeKey> named, String what) {
        if (token.kind() != Token.Kind.WORD && token.kind() != Token.Kind.QUOTED_IDENTIFIER) {
            return;
        }
        for (IndexFreeKey key : named) {
            if (key.isKeyColumn(token.identifier())) {
                throw new FlockException(ErrorCode.NOT_SUPPORTED, "Column '" + token.identifier() + "' is in the"
                        + " primary key of table " + key + ", which Flock keeps (key_index = false): key columns cannot"
                        + " be " + what);
            }
        }
    }

    /**
     * The tables of {@code named} an {@code ALTER TABLE [IF EXISTS] name …} alters: the one its name
     * resolves to (all of {@code named} when the name cannot be read, to stay on the safe side).
     */
    private static List<IndexFreeKey> altered(List<Token> tokens, List<IndexFreeKey> named) {
        if (named.isEmpty() || tokens.size() < 3 || !tokens.get(1).isWord("TABLE")) {
            return named;
        }
        int at = tokens.get(2).isWord("IF") ? 4 : 2;
        Optional<TableName.Parsed> name = TableName.read(tokens, at);
        return name.isEmpty() ? named
                : named.stream().filter(k -> name.get().name().matches(k.schema(), k.table())).toList();
    }

    private static boolean isAddColumn(List<Token> tokens) {
        return tokens.stream().anyMatch(t -> t.isWord("ADD"));
    }

    /**
     * Whether an UPDATE (also MERGE's {@code UPDATE SET}) may assign a key column of {@code named}:
     * {@code SET *}, MERGE's bare {@code UPDATE}, or a key column's name anywhere in a SET list (as a
     * target or in an expression: telling them apart would need a parser, and a false alarm only
     * costs a check of the whole table). A SET list ends at its statement's {@code WHERE} or
     * {@code RETURNING}, or at the {@code WHEN} of MERGE's next clause; {@code CASE … END} and
     * parentheses are skipped over.
     */
    static boolean updatesKey(List<Token> tokens, List<IndexFreeKey> named) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isWord("UPDATE") && i > 0 && tokens.get(i - 1).isWord("THEN")
                    && (i + 1 >= tokens.size() || !tokens.get(i + 1).isWord("SET"))) {
                return true;
            }
            if (!t.isWord("SET")) {
                continue;
            }
            if (i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("*")) {
                return true;
            }
            for (Token word : setList(tokens, i + 1)) {
                for (IndexFreeKey key : named) {
                    if (key.isKeyColumn(word.identifier())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The identifiers of the SET list starting at {@code from}. */
    private static List<Token> setList(List<Token> tokens, int from) {
        List<Token> words = new ArrayList<>();
        int depth = 0;
        int cases = 0;
        for (int i = from; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")") && --depth < 0) {
                break;
            } else if (t.isWord("CASE")) {
                cases++;
            } else if (t.isWord("END") && cases > 0) {
                cases--;
            } else if (depth == 0 && cases == 0 && t.kind() == Token.Kind.WORD
                    && SET_LIST_ENDS.contains(t.text().toUpperCase(Locale.ROOT))) {
                break;
            } else if (t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.QUOTED_IDENTIFIER) {
                words.add(t);
            }
        }
        return words;
    }

    private static boolean exists(DuckDBConnection connection, CreateTable created) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT count(*) FROM duckdb_tables() WHERE"
                + " database_name = current_database() AND lower(schema_name) = lower(?) AND lower(table_name) = lower(?)")) {
            s.setString(1, created.name().schemaOrDefault());
            s.setString(2, created.name().table());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    @Override
    public void before(DuckDBConnection connection) throws SQLException {
        if (ownTransaction) {
            for (ReentrantLock turn : turns) {
                turn.lock();
                locked++;
            }
            execute(connection, "BEGIN TRANSACTION");
            open = true;
        }
        before.run(connection);
        started = true;
    }

    @Override
    public void after(DuckDBConnection connection) throws SQLException {
        after.run(connection);
        if (ownTransaction) {
            execute(connection, "COMMIT");
            open = false;
            unlock();
        }
    }

    @Override
    public void failed(DuckDBConnection connection) {
        try {
            if (ownTransaction && open) {
                open = false;
                execute(connection, "ROLLBACK");
            } else if (!ownTransaction && started) {
                // DuckDB aborts a transaction whose statement failed, but not one whose check failed
                // after the statement: abort it, so that nothing of the statement can be committed.
                // A statement refused before it ran leaves the transaction as it was.
                IndexFreeKeys.abort(connection);
            }
        } catch (SQLException e) {
            log.debug("Ending a failed statement's transaction: {}", e.getMessage());
        } finally {
            unlock();
        }
    }

    private void unlock() {
        while (locked > 0) {
            turns.get(--locked).unlock();
        }
    }

    private static void execute(DuckDBConnection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }
}

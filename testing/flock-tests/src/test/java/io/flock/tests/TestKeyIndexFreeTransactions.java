package io.flock.tests;

import static io.flock.tests.FlightTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.engine.FlockEngine;
import io.flock.engine.query.Session;
import io.flock.engine.worker.TableWrite;
import io.flock.spi.ErrorCode;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.sql.FlightSqlClient.Transaction;
import org.apache.arrow.flight.sql.util.TableRef;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Transactions and concurrent writers on primary-key tables created {@code WITH (key_index =
 * false)} (see {@link TestKeyIndexFreeTables}), through Flight SQL and Flock's JDBC driver: checked
 * writes inside a transaction, a duplicate rolling the transaction back, one writing transaction
 * per table, concurrent autocommit inserts, the DDL's atomicity, and a COMMIT of a transaction
 * DuckDB aborted.
 */
class TestKeyIndexFreeTransactions extends KeyIndexFreeTestBase {

    private final List<Transaction> opened = new ArrayList<>();

    @AfterEach
    void endTransactions() {
        // a failed assertion must not leave transactions open for the next tests (transaction.max-open)
        opened.forEach(TestKeyIndexFreeTransactions::rollbackIfOpen);
        opened.clear();
    }

    @Test
    void writesInsideATransactionAreCheckedAndApplyAtCommit() {
        run("CREATE TABLE kt_commit (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("INSERT INTO kt_commit VALUES (1, 'a'), (2, 'b')");
        Transaction transaction = begin();
        assertThat(sql.executeUpdate("INSERT INTO kt_commit VALUES (3, 'c')", transaction, auth)).isEqualTo(1);
        assertThat(sql.executeUpdate("UPDATE kt_commit SET v = 'b2' WHERE id = 2", transaction, auth)).isEqualTo(1);
        assertThat(sql.executeUpdate("UPDATE kt_commit SET id = 30 WHERE id = 3", transaction, auth)).isEqualTo(1);
        sql.executeUpdate("MERGE INTO kt_commit AS t USING (VALUES (1, 'a2'), (4, 'd')) AS s(id, v) ON t.id = s.id"
                + " WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v)",
                transaction, auth);
        List<List<Object>> inside = List.of(row(1L, "a2"), row(2L, "b2"), row(4L, "d"), row(30L, "c"));
        assertThat(rows(sql, sql.execute("SELECT id, v FROM kt_commit ORDER BY id", transaction, auth), auth))
                .isEqualTo(inside);
        assertThat(query("SELECT id, v FROM kt_commit ORDER BY id")).containsExactly(row(1L, "a"), row(2L, "b"));
        sql.commit(transaction, auth);
        assertThat(query("SELECT id, v FROM kt_commit ORDER BY id")).isEqualTo(inside);
        refused(() -> run("INSERT INTO kt_commit VALUES (30, 'x')"), ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key");
    }

    @Test
    void aDuplicateInsideATransactionRollsItBack() {
        run("CREATE TABLE kt_rollback (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("INSERT INTO kt_rollback VALUES (1, 'a')");
        List<String> duplicates = List.of(
                "INSERT INTO kt_rollback VALUES (1, 'committed key')",
                "INSERT INTO kt_rollback VALUES (5, 'key of this transaction')",
                "UPDATE kt_rollback SET id = 5 WHERE id = 1",
                "MERGE INTO kt_rollback AS t USING (VALUES (8, 'x'), (8, 'y')) AS s(id, v) ON t.id = s.id"
                        + " WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v)");
        for (String duplicate : duplicates) {
            Transaction transaction = begin();
            sql.executeUpdate("INSERT INTO kt_rollback VALUES (5, 'new')", transaction, auth);
            sql.executeUpdate("UPDATE kt_rollback SET v = 'changed' WHERE id = 1", transaction, auth);
            refused(() -> sql.executeUpdate(duplicate, transaction, auth), ErrorCode.CONSTRAINT_VIOLATION,
                    "Duplicate key");
            // the transaction is gone or aborted: its commit fails and applies nothing
            assertThatThrownBy(() -> sql.commit(transaction, auth)).as(duplicate)
                    .satisfies(e -> assertThat(ErrorCodes.of(e)).isIn(ErrorCode.TRANSACTION_CONFLICT,
                            ErrorCode.NOT_FOUND));
            assertThat(query("SELECT id, v FROM kt_rollback")).as(duplicate).containsExactly(row(1L, "a"));
        }
        // the table is free for the next writer
        Transaction next = begin();
        sql.executeUpdate("INSERT INTO kt_rollback VALUES (5, 'next')", next, auth);
        sql.commit(next, auth);
        assertThat(query("SELECT id, v FROM kt_rollback ORDER BY id")).containsExactly(row(1L, "a"), row(5L, "next"));
    }

    @Test
    void ofTransactionsAddingKeysToTheTableOnlyTheFirstToCommitCommits() {
        run("CREATE TABLE kt_writers (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("CREATE TABLE kt_other (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        Transaction first = begin();
        Transaction sameKey = begin();
        Transaction otherKey = begin();
        // statements only check the keys in their own snapshot: all three writes succeed
        sql.executeUpdate("INSERT INTO kt_writers VALUES (40, 'first')", first, auth);
        sql.executeUpdate("INSERT INTO kt_writers VALUES (40, 'same key')", sameKey, auth);
        sql.executeUpdate("INSERT INTO kt_writers VALUES (41, 'other key')", otherKey, auth);
        // a transaction writing another key-index-free table is not held up
        Transaction other = begin();
        sql.executeUpdate("INSERT INTO kt_other VALUES (1, 'other')", other, auth);
        sql.commit(other, auth);
        sql.commit(first, auth);
        // the others began before the first committed its keys: their commits fail, rolled back
        refused(() -> sql.commit(sameKey, auth), ErrorCode.TRANSACTION_CONFLICT, "rolled back");
        refused(() -> sql.commit(otherKey, auth), ErrorCode.TRANSACTION_CONFLICT, "rolled back");
        // a transaction begun afterwards commits; an autocommit write meanwhile makes it fail instead
        Transaction afterCommit = begin();
        sql.executeUpdate("INSERT INTO kt_writers VALUES (41, 'after commit')", afterCommit, auth);
        sql.commit(afterCommit, auth);
        Transaction overtaken = begin();
        sql.executeUpdate("INSERT INTO kt_writers VALUES (42, 'overtaken')", overtaken, auth);
        run("INSERT INTO kt_writers VALUES (43, 'autocommit')");
        refused(() -> sql.commit(overtaken, auth), ErrorCode.TRANSACTION_CONFLICT);
        assertThat(query("SELECT id, v FROM kt_writers ORDER BY id")).containsExactly(
                row(40L, "first"), row(41L, "after commit"), row(43L, "autocommit"));
        assertThat(query("SELECT id, v FROM kt_other")).containsExactly(row(1L, "other"));
    }

    @Test
    void aStatementRefusedInATransactionThatCreatedTheTableLeavesTheTransactionUsable() {
        Transaction transaction = begin();
        sql.executeUpdate("CREATE TABLE kt_refused_inside (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX, transaction, auth);
        sql.executeUpdate("INSERT INTO kt_refused_inside VALUES (1, 'a')", transaction, auth);
        // refused by Flock on the transaction's connection, before it runs (DuckDB would accept it)
        refused(() -> sql.executeUpdate("INSERT INTO kt_refused_inside VALUES (3, 'c') RETURNING id", transaction, auth),
                ErrorCode.NOT_SUPPORTED, "RETURNING");
        sql.executeUpdate("INSERT INTO kt_refused_inside VALUES (2, 'b')", transaction, auth);
        sql.commit(transaction, auth);
        assertThat(query("SELECT id, v FROM kt_refused_inside ORDER BY id")).containsExactly(row(1L, "a"), row(2L, "b"));
    }

    @Test
    void twoTransactionsNeverBothCommitTheSameNewKey() {
        run("CREATE TABLE kt_same_key (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        for (boolean laterCommitsFirst : new boolean[] {false, true}) {
            long key = laterCommitsFirst ? 2 : 1;
            Transaction earlier = begin();
            Transaction later = begin();
            sql.executeUpdate("INSERT INTO kt_same_key VALUES (" + key + ", 'earlier')", earlier, auth);
            boolean laterWrote;
            try {
                sql.executeUpdate("INSERT INTO kt_same_key VALUES (" + key + ", 'later')", later, auth);
                laterWrote = true;
            } catch (FlightRuntimeException e) {
                // the spec's place for the conflict: the second writer's statement
                assertThat(ErrorCodes.of(e)).as(e.getMessage()).isEqualTo(ErrorCode.TRANSACTION_CONFLICT);
                laterWrote = false;
            }
            Transaction first = laterWrote && laterCommitsFirst ? later : earlier;
            Transaction second = first == later ? earlier : later;
            sql.commit(first, auth);
            if (laterWrote) {
                refused(() -> sql.commit(second, auth), ErrorCode.TRANSACTION_CONFLICT);
            } else {
                rollbackIfOpen(second);
            }
            assertThat(query("SELECT v FROM kt_same_key WHERE id = " + key))
                    .as("later wrote: " + laterWrote + ", later commits first: " + laterCommitsFirst)
                    .containsExactly(row(first == later ? "later" : "earlier"));
        }
    }

    @Test
    void throughJdbcADuplicateFailsTheTransactionAndASecondWriterFailsAtCommit() throws SQLException {
        run("CREATE TABLE kt_jdbc (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("INSERT INTO kt_jdbc VALUES (1, 'a')");
        try (Connection first = flockJdbc(); Connection second = flockJdbc();
             Statement s1 = first.createStatement(); Statement s2 = second.createStatement()) {
            first.setAutoCommit(false);
            assertThat(s1.executeUpdate("INSERT INTO kt_jdbc VALUES (2, 'b')")).isEqualTo(1);
            assertThatThrownBy(() -> s1.executeUpdate("INSERT INTO kt_jdbc VALUES (1, 'again')"))
                    .isInstanceOfSatisfying(SQLIntegrityConstraintViolationException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(ErrorCode.CONSTRAINT_VIOLATION.code());
                        assertThat(e.getMessage()).contains("Duplicate key");
                    });
            assertThatThrownBy(first::commit).isInstanceOf(SQLException.class);
            assertThat(query("SELECT id FROM kt_jdbc")).containsExactly(row(1L));

            second.setAutoCommit(false);
            assertThat(s1.executeUpdate("INSERT INTO kt_jdbc VALUES (3, 'first')")).isEqualTo(1);
            assertThat(s2.executeUpdate("INSERT INTO kt_jdbc VALUES (4, 'second')")).isEqualTo(1);
            first.commit();
            // the second began before the first committed keys: its commit fails, rolled back
            assertThatThrownBy(second::commit).isInstanceOfSatisfying(SQLTransactionRollbackException.class,
                    e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.TRANSACTION_CONFLICT.code()));
            assertThat(s2.executeUpdate("INSERT INTO kt_jdbc VALUES (4, 'second')")).isEqualTo(1);
            second.commit();
        }
        assertThat(query("SELECT id, v FROM kt_jdbc ORDER BY id")).containsExactly(
                row(1L, "a"), row(3L, "first"), row(4L, "second"));
    }

    @Test
    void aJdbcBatchWithADuplicateAppliesNothing() throws SQLException {
        run("CREATE TABLE kt_batch (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("INSERT INTO kt_batch VALUES (1, 'a')");
        try (Connection connection = flockJdbc();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO kt_batch VALUES (?, ?)")) {
            for (long[] ids : new long[][] {{2, 3, 1}, {4, 5, 4}}) {
                for (long id : ids) {
                    insert.setLong(1, id);
                    insert.setString(2, "batch");
                    insert.addBatch();
                }
                assertThatThrownBy(insert::executeBatch).isInstanceOf(BatchUpdateException.class)
                        .satisfies(e -> assertThat(ErrorCodes.of(e)).isEqualTo(ErrorCode.CONSTRAINT_VIOLATION));
                insert.clearBatch();
            }
        }
        assertThat(query("SELECT id FROM kt_batch")).containsExactly(row(1L));
    }

    @Test
    void concurrentAutocommitInsertsOfDistinctKeysAllSucceed() throws Exception {
        run("CREATE TABLE kt_distinct (id BIGINT PRIMARY KEY, writer INTEGER)" + NO_INDEX);
        int writers = 8;
        int inserts = 25;
        List<Integer> counts = concurrently(writers, writer -> {
            int done = 0;
            for (int i = 0; i < inserts; i++) {
                long id = writer * 1000L + i;
                run("INSERT INTO kt_distinct VALUES (" + id + ", " + writer + "), (" + (id + 500) + ", " + writer + ")");
                done++;
            }
            return done;
        });
        assertThat(counts).containsOnly(inserts);
        assertThat(query("SELECT count(*), count(DISTINCT id) FROM kt_distinct"))
                .containsExactly(row((long) writers * inserts * 2, (long) writers * inserts * 2));
    }

    @Test
    void concurrentAutocommitInsertsOfTheSameKeyLetExactlyOneSucceed() throws Exception {
        run("CREATE TABLE kt_same (id BIGINT PRIMARY KEY, writer INTEGER)" + NO_INDEX);
        int writers = 8;
        for (int round = 0; round < 10; round++) {
            long key = round;
            List<Integer> winners = concurrently(writers, writer -> {
                try {
                    run("INSERT INTO kt_same VALUES (" + key + ", " + writer + ")");
                    return writer;
                } catch (FlightRuntimeException e) {
                    assertThat(ErrorCodes.of(e)).as(e.getMessage()).isEqualTo(ErrorCode.CONSTRAINT_VIOLATION);
                    assertThat(e.getMessage()).contains("Duplicate key");
                    return -1;
                }
            });
            List<Integer> succeeded = winners.stream().filter(w -> w >= 0).toList();
            assertThat(succeeded).as("round " + round).hasSize(1);
            assertThat(query("SELECT writer FROM kt_same WHERE id = " + key)).containsExactly(row(succeeded.get(0)));
        }
        assertThat(query("SELECT count(*), count(DISTINCT id) FROM kt_same")).containsExactly(row(10L, 10L));
    }

    @Test
    void aTableCreatedInsideATransactionIsRolledBackWithItsKey() {
        Transaction rolledBack = begin();
        sql.executeUpdate("CREATE TABLE kt_created (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX, rolledBack, auth);
        sql.executeUpdate("INSERT INTO kt_created VALUES (1, 'a')", rolledBack, auth);
        refused(() -> sql.executeUpdate("INSERT INTO kt_created VALUES (1, 'b')", rolledBack, auth),
                ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key");
        rollbackIfOpen(rolledBack);
        assertThat(query("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'kt_created'"))
                .containsExactly(row(0L));
        // no key record outlived the rollback
        run("CREATE TABLE kt_created (id BIGINT, v VARCHAR)");
        run("INSERT INTO kt_created VALUES (1, 'a'), (1, 'b')");
        assertThat(rows(sql, sql.getPrimaryKeys(TableRef.of("default_db", "main",
                "kt_created"), auth), auth)).isEmpty();
        run("DROP TABLE kt_created");

        Transaction committed = begin();
        sql.executeUpdate("CREATE TABLE kt_created (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX, committed, auth);
        sql.commit(committed, auth);
        run("INSERT INTO kt_created VALUES (1, 'a')");
        refused(() -> run("INSERT INTO kt_created VALUES (1, 'b')"), ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key");
        refused(() -> run("ALTER TABLE kt_created RENAME TO kt_moved"), ErrorCode.NOT_SUPPORTED, "kt_created");
    }

    @Test
    void aKeyFreedEarlierInTheSameTransactionCanBeInsertedAgain() {
        run("CREATE TABLE kt_freed (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("INSERT INTO kt_freed VALUES (1, 'a'), (2, 'b')");
        Transaction transaction = begin();
        sql.executeUpdate("DELETE FROM kt_freed WHERE id = 1", transaction, auth);
        sql.executeUpdate("INSERT INTO kt_freed VALUES (1, 'deleted and inserted')", transaction, auth);
        sql.executeUpdate("UPDATE kt_freed SET id = 20 WHERE id = 2", transaction, auth);
        sql.executeUpdate("INSERT INTO kt_freed VALUES (2, 'moved and inserted')", transaction, auth);
        sql.commit(transaction, auth);
        assertThat(query("SELECT id, v FROM kt_freed ORDER BY id")).containsExactly(
                row(1L, "deleted and inserted"), row(2L, "moved and inserted"), row(20L, "b"));
    }

    @Test
    void aDropInsideATransactionTakesTheKeyOnlyIfItCommits() {
        run("CREATE TABLE kt_dropped (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("INSERT INTO kt_dropped VALUES (1, 'a')");
        Transaction rolledBack = begin();
        sql.executeUpdate("DROP TABLE kt_dropped", rolledBack, auth);
        sql.rollback(rolledBack, auth);
        refused(() -> run("INSERT INTO kt_dropped VALUES (1, 'b')"), ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key");
        assertThat(primaryKey("kt_dropped")).containsExactly("id");

        Transaction committed = begin();
        sql.executeUpdate("DROP TABLE kt_dropped", committed, auth);
        sql.executeUpdate("CREATE TABLE kt_dropped (id BIGINT, v VARCHAR)", committed, auth);
        sql.commit(committed, auth);
        run("INSERT INTO kt_dropped VALUES (1, 'a'), (1, 'b')");
        assertThat(primaryKey("kt_dropped")).isEmpty();
        assertThat(query("SELECT count(*) FROM kt_dropped")).containsExactly(row(2L));
    }

    @Test
    void keyedWritesStayVisibleToTheNextQueryWhileATransactionWritesTheTable() throws Exception {
        run("CREATE TABLE kt_folded (id BIGINT PRIMARY KEY, name VARCHAR NOT NULL, n INTEGER)" + NO_INDEX);
        run("CREATE TABLE kt_unrelated (x INTEGER)");
        run("INSERT INTO kt_folded VALUES (1, 'a', 1)");
        Transaction transaction = begin();
        sql.executeUpdate("INSERT INTO kt_folded VALUES (500, 'in transaction', 5)", transaction, auth);
        upsert("kt_folded", row(1L, "upserted", 10), row(2L, "new", 20));
        boolean committed = false;
        try {
            // every statement on the database folds first, one on another table too
            assertThat(query("SELECT count(*) FROM kt_unrelated")).containsExactly(row(0L));
            // the next query folds the upserts although the transaction holds the table
            assertThat(query("SELECT id, name FROM kt_folded ORDER BY id")).containsExactly(
                    row(1L, "upserted"), row(2L, "new"));
            try {
                sql.commit(transaction, auth);
                committed = true;
            } catch (FlightRuntimeException e) {
                assertThat(ErrorCodes.of(e)).isEqualTo(ErrorCode.TRANSACTION_CONFLICT);
            }
        } finally {
            if (!committed) {
                rollbackIfOpen(transaction);
            }
        }
        List<List<Object>> expected = new ArrayList<>(List.of(row(1L, "upserted"), row(2L, "new")));
        if (committed) {
            expected.add(row(500L, "in transaction"));
        }
        assertThat(query("SELECT id, name FROM kt_folded ORDER BY id")).as("committed: " + committed)
                .isEqualTo(expected);
    }

    @Test
    void aTransactionBegunBeforeAFoldOfTheTableCanStillWriteIt() throws Exception {
        run("CREATE TABLE kt_begun (id BIGINT PRIMARY KEY, name VARCHAR NOT NULL, n INTEGER)" + NO_INDEX);
        Transaction transaction = begin();
        upsert("kt_begun", row(1L, "upserted", 1));
        assertThat(query("SELECT id FROM kt_begun")).containsExactly(row(1L)); // folds
        sql.executeUpdate("INSERT INTO kt_begun VALUES (2, 'in transaction', 2)", transaction, auth);
        sql.commit(transaction, auth);
        assertThat(query("SELECT id FROM kt_begun ORDER BY id")).containsExactly(row(1L), row(2L));
    }

    @Test
    void aCommitOfATransactionDuckDbAbortedFailsAndAppliesNothing() throws SQLException {
        // an ordinary table: DuckDB's own key violation aborts the transaction
        run("CREATE TABLE kt_aborted (id INTEGER PRIMARY KEY, v VARCHAR)");
        run("INSERT INTO kt_aborted VALUES (0, 'committed')");
        Transaction transaction = begin();
        sql.executeUpdate("INSERT INTO kt_aborted VALUES (1, 'in transaction')", transaction, auth);
        refused(() -> sql.executeUpdate("INSERT INTO kt_aborted VALUES (0, 'duplicate')", transaction, auth),
                ErrorCode.CONSTRAINT_VIOLATION);
        refused(() -> sql.commit(transaction, auth), ErrorCode.TRANSACTION_CONFLICT, "rolled back");
        assertThat(query("SELECT id FROM kt_aborted")).containsExactly(row(0));

        try (Connection connection = flockJdbc(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.executeUpdate("INSERT INTO kt_aborted VALUES (2, 'in transaction')");
            assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO kt_aborted VALUES (0, 'duplicate')"))
                    .isInstanceOf(SQLIntegrityConstraintViolationException.class);
            assertThatThrownBy(connection::commit).isInstanceOfSatisfying(SQLTransactionRollbackException.class, e -> {
                assertThat(e.getErrorCode()).isEqualTo(ErrorCode.TRANSACTION_CONFLICT.code());
                assertThat(e.getMessage()).contains("rolled back");
            });
        }
        assertThat(query("SELECT id FROM kt_aborted")).containsExactly(row(0));
    }

    // ---- helpers ----

    private interface Writer {
        int write(int writer) throws Exception;
    }

    /** Runs {@code writers} writers at once (released together), returning each one's result in order. */
    private static List<Integer> concurrently(int writers, Writer body) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch ready = new CountDownLatch(writers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(executor.submit(() -> {
                    ready.countDown();
                    go.await();
                    return body.write(writer);
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    /** Begins a Flight SQL transaction, rolled back after the test unless it ended. */
    private Transaction begin() {
        Transaction transaction = sql.beginTransaction(auth);
        opened.add(transaction);
        return transaction;
    }

    /** Rolls back a transaction whose failed statement may have ended it already. */
    private static void rollbackIfOpen(Transaction transaction) {
        try {
            sql.rollback(transaction, auth);
        } catch (FlightRuntimeException e) {
            assertThat(ErrorCodes.of(e)).isIn(ErrorCode.NOT_FOUND, ErrorCode.TRANSACTION_CONFLICT);
        }
    }

    /** Upserts {@code (id, name, n)} rows into {@code table} through the engine's keyed write. */
    @SafeVarargs
    private static void upsert(String table, List<Object>... rows) throws Exception {
        FlockEngine engine = server.server().engine();
        Session session = engine.session(engine.principal("admin"), Optional.of("default_db"));
        try (ArrowReader reader = ArrowRows.of(allocator, List.of("id:L", "name:S", "n:I"), List.of(rows))) {
            engine.append(session, TableWrite.upsertInto("main", table), reader, allocator);
        }
    }

    private static List<String> primaryKey(String table) {
        return rows(sql, sql.getPrimaryKeys(TableRef.of("default_db", "main", table),
                auth), auth).stream().map(r -> (String) r.get(3)).toList();
    }

    /** Rolls back a JDBC transaction whose failed statement may have ended it already. */
    private static void rollbackIfOpen(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            assertThat(ErrorCodes.of(e)).isIn(ErrorCode.NOT_FOUND, ErrorCode.TRANSACTION_CONFLICT);
        }
    }

    private static Connection flockJdbc() throws SQLException {
        return DriverManager.getConnection("jdbc:flock://" + server.host() + ":" + server.port()
                + "/default_db?user=admin&token=" + server.adminToken());
    }
}

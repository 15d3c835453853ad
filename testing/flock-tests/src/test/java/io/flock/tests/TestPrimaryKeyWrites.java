package io.flock.tests;

import static io.flock.tests.FlightTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.engine.FlockEngine;
import io.flock.engine.query.Session;
import io.flock.engine.worker.TableInfo;
import io.flock.engine.worker.TableWrite;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import io.flock.spi.RowLocation;
import io.flock.testing.TestingFlockServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * UPSERT and CHANGES writes into primary-key tables (docs/primary-key-tables.md): new and existing
 * keys, deletes of present and missing keys, last change per key wins, composite keys, a bad row
 * rejecting the whole write, SQL DML and DDL on the table afterwards, restart, concurrent writers,
 * and random change streams checked against an in-memory model.
 */
class TestPrimaryKeyWrites {
    private static final List<String> CHANGE_COLUMNS = List.of("id:L", "name:S", "n:I", "__flock_op:S");

    private static TestingFlockServer server;
    private static BufferAllocator allocator;
    private static FlightSqlClient sql;

    @BeforeAll
    static void start() {
        // No background compaction: every statement's own fold must make the changes visible.
        server = TestingFlockServer.builder().property("storage.compaction-interval", "1h").build();
        allocator = new RootAllocator();
        sql = server.flightSqlClient(allocator);
    }

    @AfterAll
    static void stop() throws Exception {
        sql.close();
        allocator.close();
        server.close();
    }

    @BeforeEach
    void table() {
        run("DROP TABLE IF EXISTS kv");
        run("CREATE TABLE kv (id BIGINT PRIMARY KEY, name VARCHAR NOT NULL, n INTEGER DEFAULT 7)");
    }

    @Test
    void upsertInsertsNewKeysAndReplacesExistingOnes() {
        run("INSERT INTO kv VALUES (1, 'a', 1), (2, 'b', 2)");
        long written = upsert(List.of("id:L", "name:S", "n:I"), List.of(row(2L, "b2", 20), row(3L, "c", 30)));
        assertThat(written).isEqualTo(2);
        assertThat(query("SELECT id, name, n FROM kv ORDER BY id")).containsExactly(
                row(1L, "a", 1), row(2L, "b2", 20), row(3L, "c", 30));
        // A row that leaves out a column replaces the whole row: the column takes its default.
        upsert(List.of("id:L", "name:S"), List.of(row(1L, "a2")));
        assertThat(query("SELECT id, name, n FROM kv WHERE id = 1")).containsExactly(row(1L, "a2", 7));
    }

    @Test
    void aTableRedefinedBetweenWritesIsWrittenWithItsNewKey() {
        upsert(List.of("id:L", "name:S"), List.of(row(1L, "a")));
        run("DROP TABLE kv");
        run("CREATE TABLE kv (name VARCHAR PRIMARY KEY, id BIGINT, n INTEGER DEFAULT 7)");
        // keyed by name now: the second row replaces the first (keyed by id, both would stay)
        upsert(List.of("id:L", "name:S"), List.of(row(1L, "x"), row(2L, "x")));
        assertThat(query("SELECT name, id, n FROM kv")).containsExactly(row("x", 2L, 7));
        run("ALTER TABLE kv ADD COLUMN note VARCHAR DEFAULT 'none'");
        upsert(List.of("id:L", "name:S", "note:S"), List.of(row(3L, "y", "new column")));
        assertThat(query("SELECT name, id, note FROM kv ORDER BY name")).containsExactly(
                row("x", 2L, "none"), row("y", 3L, "new column"));
    }

    @Test
    void theSystemTableCompactionsShowsBacklogAndFolds() {
        upsert(List.of("id:L", "name:S"), List.of(row(1L, "a"), row(2L, "b")));
        assertThat(query("SELECT count(*) FROM kv")).containsExactly(row(2L)); // the statement folds first
        try (io.flock.client.FlockClient system = io.flock.client.FlockClient.builder().host(server.host())
                .port(server.port()).token(server.adminToken()).database("flock").build();
             io.flock.client.QueryResult result = system.execute("SELECT pending_rows, folds >= 1, folded_rows >= 2,"
                     + " last_fold_ms >= 0, last_fold_at <= now(), failed_folds FROM compactions"
                     + " WHERE database_name = 'default_db' AND table_name = 'main.kv'")) {
            io.flock.client.Row compaction = result.rows().next();
            assertThat(compaction.getLong(0)).isZero();
            assertThat(compaction.getBoolean(1)).isTrue();
            assertThat(compaction.getBoolean(2)).isTrue();
            assertThat(compaction.getBoolean(3)).isTrue();
            assertThat(compaction.getBoolean(4)).isTrue();
            assertThat(compaction.getLong(5)).isZero();
        }
    }

    @Test
    void tableNamesResolveCaseInsensitivelyLikeSql() throws Exception {
        try (ArrowReader reader = ArrowRows.of(allocator, List.of("ID:L", "Name:S"), List.of(row(1L, "a")))) {
            assertThat(engine().append(admin(), TableWrite.upsertInto("MAIN", "Kv"), reader, allocator)).isEqualTo(1);
        }
        // A plain insert of the key just upserted (maybe still in the delta) fails as a duplicate.
        try (ArrowReader reader = ArrowRows.of(allocator, List.of("id:L", "name:S"), List.of(row(1L, "b")))) {
            assertThatThrownBy(() -> engine().append(admin(), TableWrite.into("main", "KV"), reader, allocator))
                    .hasMessageContaining("uplicate key");
        }
        assertThat(query("SELECT id, name FROM kv")).containsExactly(row(1L, "a"));
    }

    @Test
    void changesApplyInOrderAndTheLastChangeOfAKeyWins() {
        run("INSERT INTO kv VALUES (1, 'a', 1), (2, 'b', 2), (3, 'c', 3)");
        long written = changes(List.of(
                row(1L, "x", 10, "UPSERT"),
                row(1L, null, null, "DELETE"),
                row(4L, null, null, "DELETE"), // missing key: ignored
                row(2L, "y", 20, "UPSERT"),
                row(2L, "z", 21, "UPSERT"),
                row(3L, null, null, "DELETE"),
                row(3L, "w", 30, "UPSERT"),
                row(5L, "v", 50, "UPSERT"),
                row(5L, null, null, "DELETE")));
        assertThat(written).isEqualTo(9);
        assertThat(query("SELECT id, name, n FROM kv ORDER BY id")).containsExactly(
                row(2L, "z", 21), row(3L, "w", 30));
    }

    @Test
    void compositeKeysIdentifyRowsByEveryKeyColumn() {
        run("CREATE OR REPLACE TABLE pairs (a BIGINT, b VARCHAR, v DOUBLE, PRIMARY KEY (a, b))");
        try {
            run("INSERT INTO pairs VALUES (1, 'x', 1.0), (1, 'y', 2.0), (2, 'x', 3.0)");
            List<String> columns = List.of("a:L", "b:S", "v:D", "__flock_op:S");
            try (ArrowReader reader = ArrowRows.of(allocator, columns, List.of(
                    row(1L, "y", 20.0, "UPSERT"), row(2L, "x", null, "DELETE"), row(2L, "y", 4.0, "UPSERT")))) {
                engine().append(admin(), TableWrite.changesInto("main", "pairs"), reader, allocator);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertThat(query("SELECT a, b, v FROM pairs ORDER BY a, b")).containsExactly(
                    row(1L, "x", 1.0), row(1L, "y", 20.0), row(2L, "y", 4.0));
        } finally {
            run("DROP TABLE pairs");
        }
    }

    @Test
    void aBadRowRejectsTheWholeWriteNamingRowAndColumn() {
        run("INSERT INTO kv VALUES (1, 'a', 1)");
        // The NULL key is in the third batch of one-row batches: nothing of the first two may stay.
        assertThatThrownBy(() -> changes(List.of(
                row(1L, "new", 2, "UPSERT"), row(2L, "b", 2, "UPSERT"), row(null, "c", 3, "UPSERT")), 1))
                .isInstanceOfSatisfying(FlockException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.CONSTRAINT_VIOLATION);
                    assertThat(e.getMessage()).contains("Row 3", "'id'", "main.kv", "nothing was written");
                    // 0-based among the rows of the write, across its batches
                    assertThat(e.rowLocation()).contains(RowLocation.of(2, "id"));
                });
        assertThatThrownBy(() -> changes(List.of(row(2L, "b", 2, "UPSERT"), row(1L, "x", 1, "MERGE"))))
                .isInstanceOfSatisfying(FlockException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.DATA_ERROR);
                    assertThat(e.getMessage()).contains("Row 2", "UPSERT or DELETE", "__flock_op");
                    assertThat(e.rowLocation()).contains(RowLocation.of(1, "__flock_op"));
                });
        assertThatThrownBy(() -> changes(List.of(row(2L, "b", 2, "UPSERT"), row(3L, null, 1, "UPSERT"))))
                .isInstanceOfSatisfying(FlockException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.CONSTRAINT_VIOLATION);
                    assertThat(e.getMessage()).contains("Row 2", "NOT NULL column 'name'");
                    assertThat(e.rowLocation()).contains(RowLocation.of(1, "name"));
                });
        assertThatThrownBy(() -> upsert(List.of("id:L", "name:S", "color:S"), List.of(row(2L, "b", "red"))))
                .isInstanceOfSatisfying(FlockException.class,
                        e -> assertThat(e.getMessage()).contains("Column 'color'", "main.kv", "does not exist"));
        assertThatThrownBy(() -> upsert(List.of("id:L", "name:S", "n:S"),
                List.of(row(2L, "b", "12"), row(3L, "c", "not a number"))))
                .isInstanceOfSatisfying(FlockException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.DATA_ERROR);
                    assertThat(e.getMessage()).contains("Row 2", "column 'n'", "not a valid INTEGER");
                });
        assertThatThrownBy(() -> upsert(List.of("id:S", "name:S"), List.of(row("x1", "b"))))
                .isInstanceOfSatisfying(FlockException.class,
                        e -> assertThat(e.getMessage()).contains("Row 1", "column 'id'", "not a valid BIGINT"));
        assertThatThrownBy(() -> upsert(List.of("name:S"), List.of(row("b"))))
                .hasMessageContaining("primary-key column 'id'");
        assertThatThrownBy(() -> upsert(List.of("id:L", "name:S", "n:I", "__flock_op:S"),
                List.of(row(2L, "b", 1, "UPSERT"))))
                .hasMessageContaining("Column '__flock_op'");
        try (ArrowReader reader = ArrowRows.of(allocator, List.of("id:L", "name:S"), List.of(row(2L, "b")))) {
            assertThatThrownBy(() -> engine().append(admin(), TableWrite.changesInto("main", "kv"), reader, allocator))
                    .hasMessageContaining("need the VARCHAR column '__flock_op'");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(query("SELECT id, name, n FROM kv ORDER BY id")).containsExactly(row(1L, "a", 1));
    }

    @Test
    void valuesConvertToTheColumnTypesAsInAnInsert() throws Exception {
        run("CREATE OR REPLACE TABLE typed (id BIGINT PRIMARY KEY, amount DECIMAL(10, 2), day DATE, ts TIMESTAMP,"
                + " tz TIMESTAMPTZ, flag BOOLEAN, u UUID, ratio FLOAT)");
        try {
            List<String> columns = List.of("id:L", "amount:S", "day:S", "ts:S", "tz:S", "flag:S", "u:S", "ratio:D");
            try (ArrowReader reader = ArrowRows.of(allocator, columns, List.of(row(1L, "12.34", "2024-02-29",
                    "2024-02-29 10:11:12", "2024-02-29 10:11:12+02", "true", "7d444840-9dc0-11d1-b245-5ffdce74fad2",
                    0.5)))) {
                engine().append(admin(), TableWrite.upsertInto("main", "typed"), reader, allocator);
            }
            assertThat(query("SELECT amount::VARCHAR, day::VARCHAR, ts::VARCHAR, tz::VARCHAR, flag, u::VARCHAR, ratio"
                    + " FROM typed")).containsExactly(row("12.34", "2024-02-29", "2024-02-29 10:11:12",
                    "2024-02-29 08:11:12+00", true, "7d444840-9dc0-11d1-b245-5ffdce74fad2", 0.5f));
        } finally {
            run("DROP TABLE typed");
        }
    }

    @Test
    void aTableWithoutPrimaryKeyIsRefusedByName() {
        run("CREATE OR REPLACE TABLE plain (id BIGINT, name VARCHAR)");
        try (ArrowReader reader = ArrowRows.of(allocator, List.of("id:L", "name:S"), List.of(row(1L, "a")))) {
            assertThatThrownBy(() -> engine().append(admin(), TableWrite.upsertInto("main", "plain"), reader,
                    allocator))
                    .isInstanceOfSatisfying(FlockException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_SUPPORTED);
                        assertThat(e.getMessage()).contains("'main.plain' has no primary key", "PRIMARY KEY");
                    });
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            run("DROP TABLE plain");
        }
        try (ArrowReader reader = ArrowRows.of(allocator, List.of("id:L", "name:S"), List.of(row(1L, "a")))) {
            assertThatThrownBy(() -> engine().append(admin(), TableWrite.upsertInto("main", "nowhere"), reader,
                    allocator))
                    .hasMessageContaining("'main.nowhere' does not exist");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void sqlDmlAndDdlKeepWorkingOnTheTable() {
        upsert(List.of("id:L", "name:S", "n:I"), List.of(row(1L, "a", 1), row(2L, "b", 2), row(3L, "c", 3)));
        run("UPDATE kv SET n = n * 100 WHERE id = 2");
        run("DELETE FROM kv WHERE id = 3");
        run("MERGE INTO kv USING (SELECT 1 AS id, 'merged' AS name) AS src USING (id)"
                + " WHEN MATCHED THEN UPDATE SET name = src.name"
                + " WHEN NOT MATCHED THEN INSERT (id, name) VALUES (src.id, src.name)");
        assertThat(query("SELECT id, name, n FROM kv ORDER BY id")).containsExactly(
                row(1L, "merged", 1), row(2L, "b", 200));
        // A plain INSERT of a key that only the delta holds still fails as a duplicate.
        upsert(List.of("id:L", "name:S", "n:I"), List.of(row(9L, "i", 9)));
        assertThatThrownBy(() -> run("INSERT INTO kv VALUES (9, 'again', 0)"))
                .hasMessageContaining("uplicate key");

        upsert(List.of("id:L", "name:S", "n:I"), List.of(row(4L, "d", 4)));
        run("ALTER TABLE kv ADD COLUMN color VARCHAR DEFAULT 'none'");
        upsert(List.of("id:L", "name:S", "n:I", "color:S"), List.of(row(5L, "e", 5, "red"), row(1L, "a", 1, "blue")));
        assertThat(query("SELECT id, name, n, color FROM kv ORDER BY id")).containsExactly(
                row(1L, "a", 1, "blue"), row(2L, "b", 200, "none"), row(4L, "d", 4, "none"),
                row(5L, "e", 5, "red"), row(9L, "i", 9, "none"));

        upsert(List.of("id:L", "name:S"), List.of(row(6L, "f")));
        run("DROP TABLE kv");
        run("CREATE TABLE kv (id BIGINT PRIMARY KEY, name VARCHAR NOT NULL, n INTEGER DEFAULT 7)");
        upsert(List.of("id:L", "name:S"), List.of(row(1L, "fresh")));
        assertThat(query("SELECT id, name, n FROM kv")).containsExactly(row(1L, "fresh", 7));
    }

    @Test
    void theDeltaStoresStringColumnsUncompressedAndKeepsEveryType() {
        run("DROP TABLE kv");
        run("CREATE TABLE kv (id BIGINT PRIMARY KEY, name VARCHAR NOT NULL, n INTEGER DEFAULT 7, note VARCHAR,"
                + " data BLOB, price DECIMAL(9, 2), tags VARCHAR[], info STRUCT(city VARCHAR), pair INTEGER[2],"
                + " choice UNION(i INTEGER, s VARCHAR))");
        upsert(List.of("id:L", "name:S", "n:I", "note:S"), List.of(row(1L, "a", 1, "x"), row(2L, "b", 2, "y")));
        upsert(List.of("id:L", "name:S"), List.of(row(2L, "b2")));
        assertThat(query("SELECT id, name, n, note, data, price, tags, info, pair, choice FROM kv ORDER BY id"))
                .containsExactly(row(1L, "a", 1, "x", null, null, null, null, null, null),
                        row(2L, "b2", 7, null, null, null, null, null, null, null));
        String ddl = (String) query("SELECT sql FROM duckdb_tables() WHERE schema_name = '__flock_delta'"
                + " AND table_name = 'main.kv'").get(0).get(0);
        assertThat(ddl).contains("\"name\" VARCHAR USING COMPRESSION Uncompressed",
                "note VARCHAR USING COMPRESSION Uncompressed", "\"data\" BLOB USING COMPRESSION Uncompressed",
                "price DECIMAL(9,2),", "n INTEGER DEFAULT(7),", "info STRUCT(city VARCHAR),", "pair INTEGER[2],",
                "__flock_op VARCHAR NOT NULL");
    }

    @Test
    void theMetadataShowsTheTableWithItsKeyAndNoDelta() {
        upsert(List.of("id:L", "name:S"), List.of(row(1L, "a")));
        List<TableInfo> tables = engine().tables(engine().principal("admin"), "default_db");
        assertThat(tables).extracting(TableInfo::schema).doesNotContain("__flock_delta");
        assertThat(tables).filteredOn(t -> t.name().equals("kv")).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo("TABLE");
            assertThat(t.primaryKey()).containsExactly("id");
        });
        assertThat(engine().schemas(engine().principal("admin"), "default_db")).doesNotContain("__flock_delta");
    }

    @Test
    void insideATransactionTheRowsApplyAtCommitOnly() {
        run("INSERT INTO kv VALUES (1, 'a', 1)");
        Session session = admin();
        String transaction = engine().beginTransaction(session);
        try (ArrowReader reader = ArrowRows.of(allocator, CHANGE_COLUMNS, List.of(
                row(1L, null, null, "DELETE"), row(2L, "b", 2, "UPSERT")))) {
            assertThat(engine().append(session, transaction, TableWrite.changesInto("main", "kv"), reader, allocator))
                    .isEqualTo(2);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(engine().executeUpdate(session, transaction, "UPDATE kv SET n = 22 WHERE id = 2", List.of(),
                allocator)).isEqualTo(1);
        assertThat(query("SELECT id FROM kv ORDER BY id")).containsExactly(row(1L));
        engine().commit(session.principal(), transaction);
        assertThat(query("SELECT id, name, n FROM kv ORDER BY id")).containsExactly(row(2L, "b", 22));

        String rolledBack = engine().beginTransaction(session);
        try (ArrowReader reader = ArrowRows.of(allocator, CHANGE_COLUMNS, List.of(row(3L, "c", 3, "UPSERT")))) {
            engine().append(session, rolledBack, TableWrite.changesInto("main", "kv"), reader, allocator);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        engine().rollback(session.principal(), rolledBack);
        assertThat(query("SELECT id FROM kv ORDER BY id")).containsExactly(row(2L));
    }

    @Test
    void aColumnAddedInATransactionIsWrittenOnlyOnceItCommits() {
        upsert(List.of("id:L", "name:S"), List.of(row(1L, "a")));
        Session session = admin();
        String rolledBack = engine().beginTransaction(session);
        engine().executeUpdate(session, rolledBack, "ALTER TABLE kv ADD COLUMN note VARCHAR", List.of(), allocator);
        // a write of its own meanwhile sees the committed table
        upsert(List.of("id:L", "name:S"), List.of(row(2L, "b")));
        engine().rollback(session.principal(), rolledBack);
        assertThatThrownBy(() -> upsert(List.of("id:L", "name:S", "note:S"), List.of(row(3L, "c", "x"))))
                .isInstanceOfSatisfying(FlockException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
        String committed = engine().beginTransaction(session);
        engine().executeUpdate(session, committed, "ALTER TABLE kv ADD COLUMN note VARCHAR", List.of(), allocator);
        upsert(List.of("id:L", "name:S"), List.of(row(2L, "b"))); // reads (and keeps) the table without the column
        engine().commit(session.principal(), committed);
        upsert(List.of("id:L", "name:S", "note:S"), List.of(row(3L, "c", "x")));
        assertThat(query("SELECT id, note FROM kv ORDER BY id")).containsExactly(
                row(1L, null), row(2L, null), row(3L, "x"));
    }

    @Test
    void anOpenTransactionOnARowDoesNotBlockReadsAndTheLaterUpsertWins() {
        run("INSERT INTO kv VALUES (1, 'a', 1), (2, 'b', 2)");
        Session session = admin();
        String transaction = engine().beginTransaction(session);
        engine().executeUpdate(session, transaction, "UPDATE kv SET n = 10 WHERE id = 2", List.of(), allocator);
        engine().executeUpdate(session, transaction, "UPDATE kv SET n = 10 WHERE id = 1", List.of(), allocator);
        upsert(List.of("id:L", "name:S", "n:I"), List.of(row(1L, "upserted", 100), row(3L, "c", 3)));
        // The fold before this read replaces row 1 although the transaction holds an update of it.
        assertThat(query("SELECT id, name, n FROM kv ORDER BY id")).containsExactly(
                row(1L, "upserted", 100), row(2L, "b", 2), row(3L, "c", 3));
        engine().commit(session.principal(), transaction);
        // As if the transaction had committed before the upsert: its update of row 1 is replaced.
        assertThat(query("SELECT id, name, n FROM kv ORDER BY id")).containsExactly(
                row(1L, "upserted", 100), row(2L, "b", 10), row(3L, "c", 3));
    }

    @Test
    void writesSurviveARestartBeforeAndAfterCompaction() {
        List<List<Object>> rows = new ArrayList<>();
        for (long id = 0; id < 5000; id++) {
            rows.add(row(id, "v" + id, (int) id));
        }
        upsert(List.of("id:L", "name:S", "n:I"), rows);
        assertThat(query("SELECT count(*), sum(n)::BIGINT FROM kv")).containsExactly(row(5000L, 12_497_500L));
        // This write is still in the delta when the server stops.
        changes(List.of(row(0L, null, null, "DELETE"), row(1L, "one", -1, "UPSERT"), row(9999L, "last", 1, "UPSERT")));
        server.restart();
        try {
            sql.close();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        sql = server.flightSqlClient(allocator);
        assertThat(query("SELECT count(*), sum(n)::BIGINT FROM kv")).containsExactly(row(5000L, 12_497_500L - 0 - 2 + 1));
        assertThat(query("SELECT name, n FROM kv WHERE id IN (0, 1, 9999) ORDER BY id")).containsExactly(
                row("one", -1), row("last", 1));
        upsert(List.of("id:L", "name:S", "n:I"), List.of(row(1L, "after", 2)));
        assertThat(query("SELECT name, n FROM kv WHERE id = 1")).containsExactly(row("after", 2));
    }

    @Test
    void randomChangeStreamsMatchAnInMemoryModel() {
        Random random = new Random(42);
        Map<Long, List<Object>> model = new TreeMap<>();
        for (int write = 0; write < 30; write++) {
            List<List<Object>> rows = new ArrayList<>();
            int size = 1 + random.nextInt(400);
            for (int i = 0; i < size; i++) {
                long id = random.nextInt(500);
                if (random.nextInt(4) == 0) {
                    rows.add(row(id, null, null, "DELETE"));
                    model.remove(id);
                } else {
                    String name = "n" + write + "_" + i;
                    int n = random.nextInt(1000);
                    rows.add(row(id, name, n, "UPSERT"));
                    model.put(id, row(id, name, n));
                }
            }
            changes(rows, 1 + random.nextInt(200));
            if (random.nextInt(5) == 0) {
                assertThat(query("SELECT id, name, n FROM kv ORDER BY id")).containsExactlyElementsOf(model.values());
            }
        }
        assertThat(query("SELECT id, name, n FROM kv ORDER BY id")).containsExactlyElementsOf(model.values());
    }

    @Test
    void concurrentWritersProduceASerialResult() throws Exception {
        int writers = 4;
        int writes = 25;
        // The table's columns no longer match its delta: the first writes race to re-create it.
        upsert(List.of("id:L", "name:S"), List.of(row(-1L, "start")));
        run("ALTER TABLE kv ADD COLUMN extra INTEGER");
        ExecutorService executor = Executors.newFixedThreadPool(writers + 1);
        try {
            List<Future<Map<Long, List<Object>>>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                long base = w * 1000L;
                long writer = w;
                futures.add(executor.submit(() -> {
                    // Each writer owns its keys, so a serial order of the writes gives this model;
                    // key -1 is shared and ends as the last write of one of the writers.
                    Random random = new Random(writer);
                    Map<Long, List<Object>> model = new TreeMap<>();
                    for (int write = 0; write < writes; write++) {
                        List<List<Object>> rows = new ArrayList<>();
                        for (int i = 0; i < 50; i++) {
                            long id = base + random.nextInt(100);
                            if (random.nextInt(3) == 0) {
                                rows.add(row(id, null, null, "DELETE"));
                                model.remove(id);
                            } else {
                                rows.add(row(id, "w" + writer, write, "UPSERT"));
                                model.put(id, row(id, "w" + writer, write));
                            }
                        }
                        rows.add(row(-1L, "w" + writer, write, "UPSERT"));
                        changes(rows);
                    }
                    return model;
                }));
            }
            Future<?> reader = executor.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    query("SELECT count(*) FROM kv");
                }
            });
            Map<Long, List<Object>> expected = new TreeMap<>();
            for (Future<Map<Long, List<Object>>> future : futures) {
                expected.putAll(future.get());
            }
            reader.get();
            List<List<Object>> actual = query("SELECT id, name, n FROM kv WHERE id >= 0 ORDER BY id");
            assertThat(actual).containsExactlyElementsOf(expected.values());
            assertThat(query("SELECT name, n FROM kv WHERE id = -1")).singleElement()
                    .satisfies(r -> assertThat(r.get(1)).isEqualTo(writes - 1));
        } finally {
            executor.shutdownNow();
        }
    }

    private static long upsert(List<String> columns, List<List<Object>> rows) {
        try (ArrowReader reader = ArrowRows.of(allocator, columns, rows)) {
            return engine().append(admin(), TableWrite.upsertInto("main", "kv"), reader, allocator);
        } catch (FlockException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static long changes(List<List<Object>> rows) {
        return changes(rows, 1000);
    }

    private static long changes(List<List<Object>> rows, int batchRows) {
        try (ArrowReader reader = ArrowRows.of(allocator, CHANGE_COLUMNS, rows, batchRows)) {
            return engine().append(admin(), TableWrite.changesInto("main", "kv"), reader, allocator);
        } catch (FlockException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static FlockEngine engine() {
        return server.server().engine();
    }

    private static Session admin() {
        return engine().session(engine().principal("admin"), Optional.of("default_db"));
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    /**
     * Table options appended to every CREATE TABLE with a PRIMARY KEY: empty here, so DuckDB keeps
     * the keys; {@link TestPrimaryKeyWritesWithoutKeyIndex} runs every test again with Flock keeping them.
     */
    static volatile String tableOptions = "";

    private static void run(String statement) {
        boolean keyed = statement.startsWith("CREATE") && statement.contains("PRIMARY KEY");
        sql.executeUpdate(keyed ? statement + tableOptions : statement, TestingFlockServer.bearer(server.adminToken()));
    }

    static List<List<Object>> query(String statement) {
        return rows(sql, statement, TestingFlockServer.bearer(server.adminToken()));
    }
}

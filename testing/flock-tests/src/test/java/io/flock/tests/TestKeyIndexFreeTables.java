package io.flock.tests;

import static io.flock.tests.FlightTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.client.FlockClient;
import io.flock.client.QueryResult;
import io.flock.client.bulk.BulkFormat;
import io.flock.client.ingest.IngestOptions;
import io.flock.client.ingest.IngestStream;
import io.flock.client.ingest.RowOperation;
import io.flock.client.ingest.StreamMode;
import io.flock.engine.worker.TableWrite;
import io.flock.spi.ErrorCode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions;
import org.apache.arrow.flight.sql.util.TableRef;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.Test;

/**
 * Primary-key tables created {@code WITH (key_index = false)}, whose key Flock keeps instead of a
 * DuckDB index: the DDL forms and their errors, the key in the metadata (Flight SQL, stock and Flock
 * JDBC, SDK), DROP and OR REPLACE, refused ALTERs, a restart, keyed writes and SQL against an
 * in-memory model, every way SQL and the bulk paths could add a duplicate key. Transactions and
 * concurrent writers: {@link TestKeyIndexFreeTransactions}.
 */
class TestKeyIndexFreeTables extends KeyIndexFreeTestBase {
    private static final List<String> CHANGE_COLUMNS = List.of("id:L", "name:S", "n:I", "__flock_op:S");

    // ---- DDL ----

    @Test
    void everyFormOfTheKeyIsKeptByFlockWithNotNullColumnsAndNoDuckDbKey() {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("kf_column (id BIGINT PRIMARY KEY, v VARCHAR)", List.of("id"));
        keys.put("kf_table (id BIGINT, v VARCHAR, PRIMARY KEY (id))", List.of("id"));
        keys.put("kf_composite (a INTEGER, b VARCHAR, v VARCHAR, PRIMARY KEY (b, a))", List.of("b", "a"));
        keys.put("kf_named (a INTEGER, b VARCHAR, v VARCHAR, CONSTRAINT kf_named_pk PRIMARY KEY (a, b))",
                List.of("a", "b"));
        keys.forEach((definition, key) -> {
            String table = definition.substring(0, definition.indexOf(' '));
            run("CREATE TABLE " + definition + NO_INDEX);
            assertThat(flightPrimaryKey("main", table)).as(table).isEqualTo(key);
            List<String> constraints = duckDbConstraints(table);
            assertThat(constraints).as(table).noneMatch(c -> c.startsWith("PRIMARY KEY") || c.startsWith("UNIQUE"));
            key.forEach(column -> assertThat(constraints).as(table).contains("NOT NULL:" + column));
        });
        run("INSERT INTO kf_column VALUES (424242, 'a')");
        refused(() -> run("INSERT INTO kf_column VALUES (424242, 'b')"), ErrorCode.CONSTRAINT_VIOLATION,
                "Duplicate key", "424242");
        run("INSERT INTO kf_table VALUES (1, 'a')");
        refused(() -> run("INSERT INTO kf_table VALUES (1, 'b')"), ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key");
        // a composite key is a duplicate only in all its columns
        run("INSERT INTO kf_composite VALUES (7331, 'zeta', 'first'), (7331, 'eta', 'same a'), (1, 'zeta', 'same b')");
        refused(() -> run("INSERT INTO kf_composite VALUES (7331, 'zeta', 'again')"), ErrorCode.CONSTRAINT_VIOLATION,
                "Duplicate key", "7331", "zeta");
        run("INSERT INTO kf_named VALUES (1, 'x', 'first')");
        refused(() -> run("INSERT INTO kf_named VALUES (1, 'x', 'again')"), ErrorCode.CONSTRAINT_VIOLATION,
                "Duplicate key");
        assertThat(query("SELECT v FROM kf_column")).containsExactly(row("a"));
        assertThat(query("SELECT v FROM kf_table")).containsExactly(row("a"));
        assertThat(query("SELECT a, b, v FROM kf_composite ORDER BY a, b")).containsExactly(
                row(1, "zeta", "same b"), row(7331, "eta", "same a"), row(7331, "zeta", "first"));
        assertThat(query("SELECT v FROM kf_named")).containsExactly(row("first"));
    }

    @Test
    void keyIndexTrueIsAnOrdinaryDuckDbPrimaryKey() {
        run("CREATE TABLE kf_indexed (id BIGINT PRIMARY KEY, v VARCHAR) WITH (key_index = true)");
        assertThat(duckDbConstraints("kf_indexed")).contains("PRIMARY KEY:id");
        run("INSERT INTO kf_indexed VALUES (1, 'a')");
        // DuckDB's own upsert needs its index: it works here, and is refused without the index
        run("INSERT INTO kf_indexed VALUES (1, 'b') ON CONFLICT (id) DO UPDATE SET v = excluded.v");
        refused(() -> run("INSERT INTO kf_indexed VALUES (1, 'c')"), ErrorCode.CONSTRAINT_VIOLATION);
        assertThat(query("SELECT id, v FROM kf_indexed")).containsExactly(row(1L, "b"));
    }

    @Test
    void ifNotExistsAndSchemaQualifiedNamesKeepTheKeyPerTable() {
        run("CREATE SCHEMA kf_schema");
        run("CREATE TABLE IF NOT EXISTS kf_schema.kf_twin (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("INSERT INTO kf_schema.kf_twin VALUES (1, 'a')");
        run("CREATE TABLE IF NOT EXISTS kf_schema.kf_twin (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        assertThat(query("SELECT id, v FROM kf_schema.kf_twin")).containsExactly(row(1L, "a"));
        refused(() -> run("INSERT INTO kf_schema.kf_twin VALUES (1, 'b')"), ErrorCode.CONSTRAINT_VIOLATION,
                "Duplicate key");
        assertThat(flightPrimaryKey("kf_schema", "kf_twin")).containsExactly("id");
        // a table of the same name in another schema has no key
        run("CREATE TABLE main.kf_twin (id BIGINT, v VARCHAR)");
        run("INSERT INTO main.kf_twin VALUES (1, 'a'), (1, 'b')");
        assertThat(flightPrimaryKey("main", "kf_twin")).isEmpty();
        assertThat(query("SELECT count(*) FROM kf_schema.kf_twin")).containsExactly(row(1L));
    }

    @Test
    void aBadDefinitionNamesTheProblemAndCreatesNothing() {
        refused(() -> run("CREATE TABLE kf_bad (id BIGINT, v VARCHAR)" + NO_INDEX), ErrorCode.INVALID_ARGUMENT,
                "PRIMARY KEY");
        refused(() -> run("CREATE TABLE kf_bad (id BIGINT PRIMARY KEY, v VARCHAR) WITH (foo = 1)"),
                ErrorCode.INVALID_ARGUMENT, "foo", "key_index");
        refused(() -> run("CREATE TABLE kf_bad (id BIGINT PRIMARY KEY, v VARCHAR) WITH (key_index = maybe)"),
                ErrorCode.INVALID_ARGUMENT, "maybe");
        refused(() -> run("CREATE TABLE kf_bad AS SELECT 1::BIGINT AS id" + NO_INDEX), ErrorCode.NOT_SUPPORTED);
        refused(() -> run("CREATE TEMP TABLE kf_bad (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX),
                ErrorCode.NOT_SUPPORTED);
        assertThat(query("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'kf_bad'")).containsExactly(row(0L));
        // no key record was left behind: a table of that name made now is an ordinary one
        run("CREATE TABLE kf_bad (id BIGINT, v VARCHAR)");
        run("INSERT INTO kf_bad VALUES (1, 'a'), (1, 'b')");
        run("ALTER TABLE kf_bad RENAME COLUMN id TO ident");
        assertThat(flightPrimaryKey("main", "kf_bad")).isEmpty();
        assertThat(query("SELECT count(*) FROM kf_bad")).containsExactly(row(2L));
    }

    // ---- metadata ----

    @Test
    void theMetadataShowsTheKeyAsForAnOrdinaryPrimaryKeyTable() throws SQLException {
        String columns = " (b VARCHAR, v DOUBLE, a INTEGER, PRIMARY KEY (a, b))";
        run("CREATE TABLE kf_meta" + columns + NO_INDEX);
        run("CREATE TABLE kf_meta_ordinary" + columns);
        List<List<Object>> keyed = rows(sql, sql.getPrimaryKeys(TableRef.of("default_db", "main", "kf_meta"), auth), auth);
        List<List<Object>> ordinary = rows(sql, sql.getPrimaryKeys(TableRef.of("default_db", "main",
                "kf_meta_ordinary"), auth), auth);
        assertThat(keyed).hasSize(2);
        assertThat(withoutTableName(keyed)).isEqualTo(withoutTableName(ordinary));
        assertThat(flightPrimaryKey("main", "kf_meta")).containsExactly("a", "b");
        try (Connection stock = DriverManager.getConnection(server.adminJdbcUrl());
             Connection flock = DriverManager.getConnection("jdbc:flock://" + server.host() + ":" + server.port()
                     + "/default_db?user=admin&token=" + server.adminToken())) {
            for (Connection jdbc : List.of(stock, flock)) {
                assertThat(jdbcPrimaryKey(jdbc, "kf_meta")).as(jdbc.getMetaData().getDriverName())
                        .isEqualTo(jdbcPrimaryKey(jdbc, "kf_meta_ordinary")).containsExactly("a:1", "b:2");
            }
            Map<String, String> nullable = new TreeMap<>();
            try (ResultSet rs = stock.getMetaData().getColumns("default_db", "main", "kf_meta", null)) {
                while (rs.next()) {
                    nullable.put(rs.getString("COLUMN_NAME"), rs.getString("IS_NULLABLE"));
                }
            }
            assertThat(nullable).isEqualTo(Map.of("a", "NO", "b", "NO", "v", "YES"));
            try (java.sql.Statement statement = stock.createStatement()) {
                statement.executeUpdate("INSERT INTO kf_meta VALUES ('x', 1.0, 1)");
                assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO kf_meta VALUES ('x', 2.0, 1)"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("Duplicate key");
            }
        }
        try (FlockClient client = AdminClients.of(server)) {
            assertThat(client.primaryKey("default_db", "main.kf_meta")).containsExactly("a", "b");
        }
        refused(() -> run("INSERT INTO kf_meta VALUES (NULL, 1.0, 2)"), ErrorCode.CONSTRAINT_VIOLATION);
        assertThat(query("SELECT b, v, a FROM kf_meta")).containsExactly(row("x", 1.0, 1));
    }

    // ---- DROP, OR REPLACE, ALTER, restart ----

    @Test
    void dropAndOrReplaceTakeTheKeyWithTheTable() {
        run("CREATE TABLE kf_dropped (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("INSERT INTO kf_dropped VALUES (1, 'a')");
        run("DROP TABLE kf_dropped");
        run("CREATE TABLE kf_dropped (id BIGINT, v VARCHAR)");
        run("INSERT INTO kf_dropped VALUES (1, 'a'), (1, 'b')");
        assertThat(flightPrimaryKey("main", "kf_dropped")).isEmpty();
        run("DROP TABLE kf_dropped");
        run("CREATE TABLE kf_dropped (id BIGINT PRIMARY KEY, v VARCHAR)");
        assertThat(duckDbConstraints("kf_dropped")).contains("PRIMARY KEY:id");

        run("CREATE TABLE kf_replaced (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("INSERT INTO kf_replaced VALUES (1, 'a')");
        run("CREATE OR REPLACE TABLE kf_replaced (id BIGINT, v VARCHAR)");
        run("INSERT INTO kf_replaced VALUES (1, 'a'), (1, 'b')");
        run("ALTER TABLE kf_replaced RENAME COLUMN id TO ident");
        assertThat(flightPrimaryKey("main", "kf_replaced")).isEmpty();
        // replacing an ordinary table, and a key-index-free one by one with another key
        run("CREATE OR REPLACE TABLE kf_replaced (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("INSERT INTO kf_replaced VALUES (1, 'a')");
        refused(() -> run("INSERT INTO kf_replaced VALUES (1, 'b')"), ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key");
        run("CREATE OR REPLACE TABLE kf_replaced (id BIGINT, name VARCHAR PRIMARY KEY)" + NO_INDEX);
        assertThat(flightPrimaryKey("main", "kf_replaced")).containsExactly("name");
        run("INSERT INTO kf_replaced VALUES (1, 'a'), (1, 'b')");
        refused(() -> run("INSERT INTO kf_replaced VALUES (2, 'a')"), ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key");
        run("CREATE OR REPLACE TABLE kf_replaced (id BIGINT PRIMARY KEY, v VARCHAR)");
        assertThat(duckDbConstraints("kf_replaced")).contains("PRIMARY KEY:id");
        assertThat(query("SELECT count(*) FROM kf_replaced")).containsExactly(row(0L));
    }

    @Test
    void altersOfTheTableNameOrKeyColumnsAreRefusedAndAddColumnWorks() {
        run("CREATE TABLE kf_altered (order_no BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("INSERT INTO kf_altered VALUES (1, 'a')");
        List<List<Object>> columns = columns("kf_altered");
        for (String table : List.of("kf_altered", "main.kf_altered", "KF_Altered", "\"kf_altered\"")) {
            refused(() -> run("ALTER TABLE " + table + " RENAME TO kf_renamed"), ErrorCode.NOT_SUPPORTED,
                    "kf_altered");
        }
        for (String alter : List.of("DROP COLUMN order_no", "ALTER COLUMN order_no TYPE VARCHAR",
                "ALTER COLUMN order_no SET DEFAULT 0", "ALTER COLUMN order_no DROP NOT NULL")) {
            refused(() -> run("ALTER TABLE kf_altered " + alter), ErrorCode.NOT_SUPPORTED, "order_no");
            assertThat(columns("kf_altered")).as(alter).isEqualTo(columns);
        }
        assertThat(query("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'kf_renamed'"))
                .containsExactly(row(0L));
        assertThat(flightPrimaryKey("main", "kf_altered")).containsExactly("order_no");
        run("ALTER TABLE kf_altered ADD COLUMN note VARCHAR DEFAULT 'none'");
        run("INSERT INTO kf_altered VALUES (2, 'b', 'noted')");
        refused(() -> run("INSERT INTO kf_altered VALUES (2, 'c', 'x')"), ErrorCode.CONSTRAINT_VIOLATION,
                "Duplicate key");
        assertThat(query("SELECT order_no, v, note FROM kf_altered ORDER BY order_no")).containsExactly(
                row(1L, "a", "none"), row(2L, "b", "noted"));
    }

    @Test
    void aRenameOfAKeyColumnIsRefusedNamingTheColumn() {
        run("CREATE TABLE kf_renamed_column (order_no BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        List<List<Object>> columns = columns("kf_renamed_column");
        refused(() -> run("ALTER TABLE kf_renamed_column RENAME COLUMN order_no TO ident"), ErrorCode.NOT_SUPPORTED,
                "order_no");
        refused(() -> run("ALTER TABLE kf_renamed_column RENAME \"ORDER_NO\" TO ident"), ErrorCode.NOT_SUPPORTED,
                "ORDER_NO");
        assertThat(columns("kf_renamed_column")).isEqualTo(columns);
        // another column may be renamed: the key does not name it
        run("ALTER TABLE kf_renamed_column RENAME COLUMN v TO w");
        run("INSERT INTO kf_renamed_column (order_no, w) VALUES (1, 'a')");
        refused(() -> run("INSERT INTO kf_renamed_column (order_no, w) VALUES (1, 'b')"),
                ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key");
    }

    @Test
    void sqlCannotChangeTheRecordOfTheKeys() {
        run("CREATE TABLE kf_recorded (id BIGINT PRIMARY KEY)" + NO_INDEX);
        for (String statement : List.of("DELETE FROM main.__flock_table_keys",
                "UPDATE __flock_table_keys SET key_columns = ['x']", "DROP TABLE \"__flock_table_keys\"")) {
            refused(() -> run(statement), ErrorCode.PERMISSION_DENIED, "__flock_table_keys");
        }
        run("INSERT INTO kf_recorded VALUES (1)");
        refused(() -> run("INSERT INTO kf_recorded VALUES (1)"), ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key");
    }

    @Test
    void theKeySurvivesARestartWithAWritePendingInTheDelta() {
        run("CREATE TABLE kf_restarted (id BIGINT PRIMARY KEY, name VARCHAR NOT NULL, n INTEGER)" + NO_INDEX);
        run("INSERT INTO kf_restarted SELECT range, 'r' || range, 0 FROM range(100)");
        changes("kf_restarted", List.of(row(100L, "pending", 1, "UPSERT"), row(0L, null, null, "DELETE")));
        server.restart();
        reconnect();
        assertThat(flightPrimaryKey("main", "kf_restarted")).containsExactly("id");
        refused(() -> run("INSERT INTO kf_restarted VALUES (100, 'again', 2)"), ErrorCode.CONSTRAINT_VIOLATION,
                "Duplicate key", "100");
        refused(() -> run("INSERT INTO kf_restarted VALUES (5, 'again', 2)"), ErrorCode.CONSTRAINT_VIOLATION,
                "Duplicate key");
        refused(() -> run("ALTER TABLE kf_restarted DROP COLUMN id"), ErrorCode.NOT_SUPPORTED, "kf_restarted");
        run("INSERT INTO kf_restarted VALUES (0, 'back', 3)");
        upsert("kf_restarted", List.of(row(5L, "upserted", 4)));
        assertThat(query("SELECT count(*), count(DISTINCT id) FROM kf_restarted")).containsExactly(row(101L, 101L));
        assertThat(query("SELECT id, name FROM kf_restarted WHERE id IN (0, 5, 100) ORDER BY id")).containsExactly(
                row(0L, "back"), row(5L, "upserted"), row(100L, "pending"));
    }

    // ---- keyed writes ----

    @Test
    void keyedWritesAndSqlTogetherMatchAnInMemoryModel() {
        run("CREATE TABLE kf_model (id BIGINT PRIMARY KEY, name VARCHAR NOT NULL, n INTEGER)" + NO_INDEX);
        Random random = new Random(7);
        Map<Long, List<Object>> model = new TreeMap<>();
        int duplicatesRefused = 0;
        for (int round = 0; round < 40; round++) {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 1 + random.nextInt(250); i > 0; i--) {
                long id = random.nextInt(600);
                if (random.nextInt(4) == 0) {
                    rows.add(row(id, null, null, "DELETE"));
                    model.remove(id);
                } else {
                    List<Object> values = row(id, "c" + round + "_" + i, random.nextInt(1000));
                    rows.add(row(values.get(0), values.get(1), values.get(2), "UPSERT"));
                    model.put(id, values);
                }
            }
            changes("kf_model", rows);
            for (int statement = 0; statement < 5; statement++) {
                long id = random.nextInt(600);
                switch (random.nextInt(3)) {
                    case 0 -> {
                        if (model.containsKey(id)) {
                            refused(() -> run("INSERT INTO kf_model VALUES (" + id + ", 'sql', 0)"),
                                    ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key");
                            duplicatesRefused++;
                        } else {
                            run("INSERT INTO kf_model VALUES (" + id + ", 'sql', 0)");
                            model.put(id, row(id, "sql", 0));
                        }
                    }
                    case 1 -> {
                        run("UPDATE kf_model SET n = n + 1 WHERE id = " + id);
                        model.computeIfPresent(id, (k, r) -> row(k, r.get(1), (Integer) r.get(2) + 1));
                    }
                    default -> {
                        run("DELETE FROM kf_model WHERE id = " + id);
                        model.remove(id);
                    }
                }
            }
            if (round % 8 == 7) {
                assertThat(query("SELECT id, name, n FROM kf_model ORDER BY id")).containsExactlyElementsOf(model.values());
            }
        }
        assertThat(duplicatesRefused).as("the random statements tried existing keys").isPositive();
        assertThat(query("SELECT id, name, n FROM kf_model ORDER BY id")).containsExactlyElementsOf(model.values());
    }

    @Test
    void cdcStreamsWriteAsIntoAnOrdinaryKeyTableAndAppendOnlyStreamsAreRefused() {
        run("CREATE TABLE kf_cdc (k BIGINT PRIMARY KEY, v VARCHAR, n INTEGER)" + NO_INDEX);
        Map<Long, String> model = new TreeMap<>();
        Random random = new Random(11);
        try (FlockClient client = AdminClients.of(server)) {
            try (IngestStream stream = client.openStream("default_db", "kf_cdc", StreamMode.CDC,
                    IngestOptions.builder().maxBufferRows(97).build())) {
                for (int i = 0; i < 3_000; i++) {
                    long key = random.nextInt(400);
                    if (random.nextInt(4) == 0) {
                        stream.apply(stream.createRow(RowOperation.DELETE_IGNORE).setLong("k", key));
                        model.remove(key);
                    } else {
                        stream.apply(stream.createRow(RowOperation.UPSERT).setLong("k", key).setString("v", "v" + i)
                                .setInt("n", i));
                        model.put(key, "v" + i);
                    }
                }
            }
            Map<Long, String> table = new TreeMap<>();
            try (QueryResult result = client.execute("SELECT k, v FROM kf_cdc")) {
                result.rows().forEachRemaining(r -> assertThat(table.put(r.getLong(0), r.getString(1))).isNull());
            }
            assertThat(table).isEqualTo(model);
            assertThatThrownBy(() -> client.openStream("default_db", "kf_cdc", StreamMode.APPEND_ONLY,
                    IngestOptions.defaults())).satisfies(e -> {
                        assertThat(ErrorCodes.of(e)).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).contains("kf_cdc", "has a primary key");
                    });
        }
    }

    @Test
    void compositeKeysTakeUpsertsAndDeletesByAllTheirColumns() throws Exception {
        run("CREATE TABLE kf_pairs (a BIGINT, b VARCHAR, v DOUBLE, PRIMARY KEY (a, b))" + NO_INDEX);
        run("INSERT INTO kf_pairs VALUES (1, 'x', 1.0), (1, 'y', 2.0), (2, 'x', 3.0)");
        try (ArrowReader reader = ArrowRows.of(allocator, List.of("a:L", "b:S", "v:D", "__flock_op:S"), List.of(
                row(1L, "y", 20.0, "UPSERT"), row(2L, "x", null, "DELETE"), row(2L, "y", 4.0, "UPSERT")))) {
            engine().append(admin(), TableWrite.changesInto("main", "kf_pairs"), reader, allocator);
        }
        assertThat(query("SELECT a, b, v FROM kf_pairs ORDER BY a, b")).containsExactly(
                row(1L, "x", 1.0), row(1L, "y", 20.0), row(2L, "y", 4.0));
        refused(() -> run("INSERT INTO kf_pairs VALUES (2, 'y', 5.0)"), ErrorCode.CONSTRAINT_VIOLATION,
                "Duplicate key");
        run("INSERT INTO kf_pairs VALUES (2, 'x', 5.0)");
        assertThat(query("SELECT count(*) FROM kf_pairs")).containsExactly(row(4L));
    }

    // ---- SQL writes ----

    @Test
    void anInsertOfAnExistingOrRepeatedKeyFailsAndAppliesNothing() {
        run("CREATE TABLE kf_insert (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("INSERT INTO kf_insert VALUES (101, 'a'), (202, 'b'), (303, 'c')");
        List<List<Object>> before = query("SELECT id, v FROM kf_insert ORDER BY id");
        refused(() -> run("INSERT INTO kf_insert VALUES (404, 'new'), (101, 'old')"), ErrorCode.CONSTRAINT_VIOLATION,
                "Duplicate key", "101");
        refused(() -> run("INSERT INTO kf_insert VALUES (505, 'once'), (505, 'twice')"),
                ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key", "505");
        refused(() -> run("INSERT INTO kf_insert SELECT range, 'many' FROM range(1000, 6000) UNION ALL SELECT 202, 'x'"),
                ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key", "202");
        refused(() -> run("INSERT INTO kf_insert SELECT range, 'many' FROM range(1000, 6000)"
                + " UNION ALL SELECT 4321, 'again'"), ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key", "4321");
        refused(() -> run("INSERT INTO kf_insert VALUES (NULL, 'no key')"), ErrorCode.CONSTRAINT_VIOLATION);
        assertThat(query("SELECT id, v FROM kf_insert ORDER BY id")).isEqualTo(before);
        run("INSERT INTO kf_insert SELECT range, 'many' FROM range(1000, 6000)");
        assertThat(query("SELECT count(*), count(DISTINCT id) FROM kf_insert")).containsExactly(row(5003L, 5003L));
    }

    @Test
    void anUpdateOfTheKeyIsChecked() {
        run("CREATE TABLE kf_update (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("INSERT INTO kf_update VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        run("UPDATE kf_update SET v = 'b2' WHERE id = 2");
        List<List<Object>> before = query("SELECT id, v FROM kf_update ORDER BY id");
        refused(() -> run("UPDATE kf_update SET id = 3 WHERE id = 1"), ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key");
        refused(() -> run("UPDATE kf_update SET id = 7"), ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key", "7");
        assertThat(query("SELECT id, v FROM kf_update ORDER BY id")).isEqualTo(before);
        run("UPDATE kf_update SET id = id + 1000000");
        assertThat(query("SELECT id, v FROM kf_update ORDER BY id")).containsExactly(
                row(1_000_001L, "a"), row(1_000_002L, "b2"), row(1_000_003L, "c"));
        run("INSERT INTO kf_update VALUES (1, 'free again')");
        refused(() -> run("INSERT INTO kf_update VALUES (1000002, 'taken')"), ErrorCode.CONSTRAINT_VIOLATION,
                "Duplicate key", "1000002");
    }

    @Test
    void deleteTruncateAndMergeWorkAndAMergeAddingADuplicateAppliesNothing() {
        run("CREATE TABLE kf_merge (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("INSERT INTO kf_merge VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        run("DELETE FROM kf_merge WHERE id = 2");
        run("INSERT INTO kf_merge VALUES (2, 'b again')");
        run("MERGE INTO kf_merge AS t USING (VALUES (1, 'a2'), (9, 'new')) AS s(id, v) ON t.id = s.id"
                + " WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v)");
        List<List<Object>> merged = List.of(row(1L, "a2"), row(2L, "b again"), row(3L, "c"), row(9L, "new"));
        assertThat(query("SELECT id, v FROM kf_merge ORDER BY id")).isEqualTo(merged);
        refused(() -> run("MERGE INTO kf_merge AS t USING (VALUES (3, 'c2'), (77, 'x'), (77, 'y')) AS s(id, v)"
                + " ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v"
                + " WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v)"), ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key",
                "77");
        assertThat(query("SELECT id, v FROM kf_merge ORDER BY id")).isEqualTo(merged);
        run("TRUNCATE kf_merge");
        assertThat(query("SELECT count(*) FROM kf_merge")).containsExactly(row(0L));
        run("INSERT INTO kf_merge VALUES (1, 'after truncate'), (9, 'x')");
        refused(() -> run("INSERT INTO kf_merge VALUES (9, 'y')"), ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key");
        assertThat(query("SELECT count(*) FROM kf_merge")).containsExactly(row(2L));
    }

    @Test
    void onConflictOrReplaceAndReturningAreRefusedNamingAnAlternative() {
        run("CREATE TABLE kf_refused (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("INSERT INTO kf_refused VALUES (1, 'a')");
        for (String insert : List.of(
                "INSERT INTO kf_refused VALUES (1, 'b'), (2, 'new') ON CONFLICT DO NOTHING",
                "INSERT INTO kf_refused VALUES (1, 'b'), (2, 'new') ON CONFLICT (id) DO UPDATE SET v = excluded.v",
                "INSERT OR REPLACE INTO kf_refused VALUES (1, 'b'), (2, 'new')")) {
            assertThatThrownBy(() -> run(insert)).as(insert).satisfies(e -> {
                assertThat(ErrorCodes.of(e)).isEqualTo(ErrorCode.NOT_SUPPORTED);
                assertThat(e.getMessage()).containsIgnoringCase("index")
                        .satisfiesAnyOf(m -> assertThat(m).contains("MERGE INTO"),
                                m -> assertThat(m).containsIgnoringCase("upsert"));
            });
        }
        refused(() -> run("INSERT INTO kf_refused VALUES (3, 'c') RETURNING id"), ErrorCode.NOT_SUPPORTED,
                "RETURNING");
        refused(() -> query("INSERT INTO kf_refused VALUES (3, 'c') RETURNING id"), ErrorCode.NOT_SUPPORTED,
                "RETURNING");
        assertThat(query("SELECT id, v FROM kf_refused")).containsExactly(row(1L, "a"));
    }

    @Test
    void insertOrIgnoreCannotBypassTheKey() {
        // Not named by the spec: DuckDB's shorthand for ON CONFLICT DO NOTHING.
        run("CREATE TABLE kf_ignore (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("INSERT INTO kf_ignore VALUES (1, 'a')");
        assertThatThrownBy(() -> run("INSERT OR IGNORE INTO kf_ignore VALUES (1, 'b'), (2, 'new')"))
                .satisfies(e -> assertThat(ErrorCodes.of(e)).isEqualTo(ErrorCode.NOT_SUPPORTED));
        assertThat(query("SELECT id, v FROM kf_ignore")).containsExactly(row(1L, "a"));
    }

    @Test
    void aKeyPendingInTheDeltaIsADuplicateForSqlAndPlainInserts() throws Exception {
        run("CREATE TABLE kf_pending (id BIGINT PRIMARY KEY, name VARCHAR NOT NULL, n INTEGER)" + NO_INDEX);
        upsert("kf_pending", List.of(row(77L, "upserted", 1)));
        assertThat(pendingRows("kf_pending")).as("the upsert is still pending in the delta").isEqualTo(1);
        refused(() -> run("INSERT INTO kf_pending VALUES (77, 'inserted', 2)"), ErrorCode.CONSTRAINT_VIOLATION,
                "Duplicate key", "77");
        upsert("kf_pending", List.of(row(78L, "upserted", 1)));
        try (ArrowReader reader = ArrowRows.of(allocator, List.of("id:L", "name:S"), List.of(row(78L, "plain")))) {
            refused(() -> engine().append(admin(), TableWrite.into("main", "kf_pending"), reader, allocator),
                    ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key", "78");
        }
        assertThat(query("SELECT id, name FROM kf_pending ORDER BY id")).containsExactly(
                row(77L, "upserted"), row(78L, "upserted"));
    }

    // ---- bulk paths ----

    @Test
    void flightIngestAndPlainTableWritesRefuseADuplicateKey() throws Exception {
        run("CREATE TABLE kf_ingest (id BIGINT PRIMARY KEY, name VARCHAR)" + NO_INDEX);
        TableDefinitionOptions append = TableDefinitionOptions.newBuilder()
                .setIfExists(TableDefinitionOptions.TableExistsOption.TABLE_EXISTS_OPTION_APPEND)
                .setIfNotExist(TableDefinitionOptions.TableNotExistOption.TABLE_NOT_EXIST_OPTION_FAIL).build();
        FlightSqlClient.ExecuteIngestOptions into = new FlightSqlClient.ExecuteIngestOptions("kf_ingest", append,
                "default_db", "main", Map.of());
        try (VectorSchemaRoot root = idsAndNames(1, 2, 3)) {
            assertThat(sql.executeIngest(root, into, auth)).isEqualTo(3);
        }
        for (long[] ids : new long[][] {{4, 5, 2}, {6, 6}}) {
            try (VectorSchemaRoot root = idsAndNames(ids)) {
                refused(() -> sql.executeIngest(root, into, auth), ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key");
            }
        }
        for (long[] ids : new long[][] {{7, 3}, {8, 8}}) {
            try (ArrowReader reader = ArrowRows.of(allocator, List.of("id:L", "name:S"),
                    Arrays.stream(ids).mapToObj(id -> row(id, "w")).toList())) {
                refused(() -> engine().append(admin(), TableWrite.into("main", "kf_ingest"), reader, allocator),
                        ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key");
            }
        }
        assertThat(query("SELECT id FROM kf_ingest ORDER BY id")).containsExactly(row(1L), row(2L), row(3L));
    }

    @Test
    void aFlightIngestThatReplacesTheTableTakesTheKeyWithIt() {
        run("CREATE TABLE kf_ingest_replaced (id BIGINT PRIMARY KEY, name VARCHAR)" + NO_INDEX);
        TableDefinitionOptions replace = TableDefinitionOptions.newBuilder()
                .setIfExists(TableDefinitionOptions.TableExistsOption.TABLE_EXISTS_OPTION_REPLACE)
                .setIfNotExist(TableDefinitionOptions.TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE).build();
        try (VectorSchemaRoot root = idsAndNames(1, 1)) {
            // docs/flight-sql.md: 'replace' replaces the table, its rows, columns and key
            assertThat(sql.executeIngest(root, new FlightSqlClient.ExecuteIngestOptions("kf_ingest_replaced", replace,
                    "default_db", "main", Map.of()), auth)).isEqualTo(2);
        }
        assertThat(flightPrimaryKey("main", "kf_ingest_replaced")).isEmpty();
        run("INSERT INTO kf_ingest_replaced VALUES (1, 'third')");
        assertThat(query("SELECT count(*) FROM kf_ingest_replaced")).containsExactly(row(3L));
    }

    @Test
    void anHttpImportUpsertsAsIntoAnOrdinaryPrimaryKeyTable() {
        // docs/bulk.md: an import into a primary-key table is an upsert (the spec lists it among the
        // paths that INSERT; see the report). Either way the key must stay unique.
        String csv = "id,v\n2,b2\n3,c\n3,c2\n";
        Map<String, List<List<Object>>> results = new TreeMap<>();
        try (FlockClient client = FlockClient.builder().host(server.host()).port(server.port())
                .httpPort(server.server().httpPort()).token(server.adminToken()).build()) {
            for (String table : List.of("kf_import", "kf_import_ordinary")) {
                run("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, v VARCHAR)"
                        + (table.equals("kf_import") ? NO_INDEX : ""));
                run("INSERT INTO " + table + " VALUES (1, 'a'), (2, 'b')");
                client.importFrom(table, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), BulkFormat.CSV);
                results.put(table, query("SELECT id, v FROM " + table + " ORDER BY id"));
            }
        }
        assertThat(results.get("kf_import")).isEqualTo(results.get("kf_import_ordinary"))
                .containsExactly(row(1L, "a"), row(2L, "b2"), row(3L, "c2"));
    }

    // ---- helpers ----

    /** Each constraint DuckDB itself holds on the table, as {@code TYPE:column,column}. */
    private static List<String> duckDbConstraints(String table) {
        return query("SELECT constraint_type || ':' || array_to_string(constraint_column_names, ',')"
                + " FROM duckdb_constraints() WHERE schema_name = 'main' AND table_name = '" + table + "' ORDER BY 1")
                .stream().map(r -> (String) r.get(0)).toList();
    }

    /** The key columns Flight SQL GetPrimaryKeys reports, in key_sequence order. */
    private static List<String> flightPrimaryKey(String schema, String table) {
        return rows(sql, sql.getPrimaryKeys(TableRef.of("default_db", schema, table), auth), auth).stream()
                .sorted((x, y) -> Integer.compare((Integer) x.get(4), (Integer) y.get(4)))
                .map(r -> (String) r.get(3)).toList();
    }

    private static List<List<Object>> withoutTableName(List<List<Object>> primaryKeys) {
        return primaryKeys.stream().map(r -> row(r.get(0), r.get(1), r.get(3), r.get(4), r.get(5))).toList();
    }

    /** A JDBC driver's getPrimaryKeys of the table, as {@code COLUMN_NAME:KEY_SEQ} in key order. */
    private static List<String> jdbcPrimaryKey(Connection connection, String table) throws SQLException {
        Map<Integer, String> key = new TreeMap<>();
        try (ResultSet rs = connection.getMetaData().getPrimaryKeys("default_db", "main", table)) {
            while (rs.next()) {
                key.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME") + ":" + rs.getInt("KEY_SEQ"));
            }
        }
        return List.copyOf(key.values());
    }

    private static List<List<Object>> columns(String table) {
        return query("SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns"
                + " WHERE table_schema = 'main' AND table_name = '" + table + "' ORDER BY ordinal_position");
    }

    /** The table's keyed writes not folded yet, from the system table {@code flock.compactions}. */
    private static long pendingRows(String table) {
        try (FlockClient system = FlockClient.builder().host(server.host()).port(server.port())
                .token(server.adminToken()).database("flock").build();
             QueryResult result = system.execute("SELECT pending_rows FROM compactions"
                     + " WHERE database_name = 'default_db' AND table_name = 'main." + table + "'")) {
            return result.rows().next().getLong(0);
        }
    }

    private static VectorSchemaRoot idsAndNames(long... ids) {
        BigIntVector id = new BigIntVector("id", allocator);
        VarCharVector name = new VarCharVector("name", allocator);
        id.allocateNew(ids.length);
        name.allocateNew();
        for (int i = 0; i < ids.length; i++) {
            id.set(i, ids[i]);
            name.setSafe(i, ("n" + ids[i]).getBytes(StandardCharsets.UTF_8));
        }
        id.setValueCount(ids.length);
        name.setValueCount(ids.length);
        VectorSchemaRoot root = VectorSchemaRoot.of(id, name);
        root.setRowCount(ids.length);
        return root;
    }

    private static void upsert(String table, List<List<Object>> rows) {
        try (ArrowReader reader = ArrowRows.of(allocator, List.of("id:L", "name:S", "n:I"), rows)) {
            engine().append(admin(), TableWrite.upsertInto("main", table), reader, allocator);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void changes(String table, List<List<Object>> rows) {
        try (ArrowReader reader = ArrowRows.of(allocator, CHANGE_COLUMNS, rows, 100)) {
            engine().append(admin(), TableWrite.changesInto("main", table), reader, allocator);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void reconnect() {
        try {
            sql.close();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        sql = server.flightSqlClient(allocator);
    }
}

package io.flock.tests;

import static io.flock.tests.FlightTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.spi.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.sql.util.TableRef;
import org.junit.jupiter.api.Test;

/**
 * The ways a SQL statement can name or reach a primary-key table created {@code WITH (key_index =
 * false)} (see {@link TestKeyIndexFreeTables}) besides the plain one: qualified, differently cased
 * and quoted names, a CTE before the write, column lists, key updates through FROM and MERGE,
 * EXPLAIN ANALYZE, prepared and cached statements older than the table, another database, and the DDL that drops
 * a table without naming it (DROP SCHEMA … CASCADE, CREATE OR REPLACE … AS SELECT). Every one must
 * keep the key unique, or drop it with the table.
 */
class TestKeyIndexFreeStatementForms extends KeyIndexFreeTestBase {

    @Test
    void insertsThroughEveryFormOfTheNameAreChecked() {
        run("CREATE TABLE kf_forms (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("INSERT INTO kf_forms VALUES (1, 'a'), (2, 'b')");
        List<List<Object>> before = query("SELECT id, v FROM kf_forms ORDER BY id");
        List<String> duplicates = List.of(
                "INSERT INTO main.kf_forms VALUES (1, 'x')",
                "INSERT INTO default_db.main.kf_forms VALUES (1, 'x')",
                "INSERT INTO KF_FORMS VALUES (1, 'x')",
                "INSERT INTO \"kf_forms\" VALUES (1, 'x')",
                "INSERT INTO main.\"KF_Forms\" VALUES (1, 'x')",
                "insert into kf_forms values (1, 'x')",
                "/* a comment */ INSERT\nINTO kf_forms\nVALUES (1, 'x')",
                "INSERT INTO kf_forms (v, id) VALUES ('x', 1)",
                "INSERT INTO kf_forms BY NAME SELECT 'x' AS v, 1 AS id",
                "INSERT INTO kf_forms SELECT * FROM (VALUES (3, 'y'), (3, 'z'))",
                "WITH src AS (SELECT 1 AS id, 'x' AS v) INSERT INTO kf_forms SELECT * FROM src",
                "INSERT INTO kf_forms SELECT id, v || '!' FROM kf_forms");
        for (String duplicate : duplicates) {
            refused(() -> run(duplicate), ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key");
            assertThat(query("SELECT id, v FROM kf_forms ORDER BY id")).as(duplicate).isEqualTo(before);
        }
    }

    @Test
    void keyUpdatesThroughEveryFormAreChecked() {
        run("CREATE TABLE kf_key_updates (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("INSERT INTO kf_key_updates VALUES (1, 'a'), (2, 'b')");
        List<List<Object>> before = query("SELECT id, v FROM kf_key_updates ORDER BY id");
        List<String> duplicates = List.of(
                "UPDATE main.kf_key_updates SET id = 1 WHERE id = 2",
                "UPDATE kf_key_updates AS t SET id = 1 WHERE t.id = 2",
                "UPDATE kf_key_updates SET \"id\" = 1 WHERE id = 2",
                "UPDATE kf_key_updates SET ID = 1 WHERE id = 2",
                "UPDATE kf_key_updates SET v = 'x', id = 1 WHERE id = 2",
                "UPDATE kf_key_updates SET id = s.n FROM (SELECT 1 AS n) AS s WHERE kf_key_updates.id = 2",
                "WITH s AS (SELECT 1 AS n) UPDATE kf_key_updates SET id = (SELECT n FROM s) WHERE id = 2",
                "MERGE INTO kf_key_updates AS t USING (SELECT 2 AS id) AS s ON t.id = s.id"
                        + " WHEN MATCHED THEN UPDATE SET id = 1",
                "MERGE INTO kf_key_updates AS t USING (SELECT 1 AS id, 'x' AS v) AS s ON t.id = s.id + 1000"
                        + " WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v)",
                // words inside the SET list that end other clauses: CASE … WHEN, IS DISTINCT FROM
                "UPDATE kf_key_updates SET v = CASE WHEN v = 'b' THEN 'x' ELSE v END, id = 1 WHERE id = 2",
                "UPDATE kf_key_updates SET v = (v IS DISTINCT FROM 'a')::VARCHAR, id = 1 WHERE id = 2",
                "MERGE INTO kf_key_updates AS t USING (SELECT 2 AS id) AS s ON t.id = s.id"
                        + " WHEN MATCHED THEN UPDATE SET v = CASE WHEN true THEN 'c' END, id = 1");
        for (String duplicate : duplicates) {
            refused(() -> run(duplicate), ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key");
            assertThat(query("SELECT id, v FROM kf_key_updates ORDER BY id")).as(duplicate).isEqualTo(before);
        }
    }

    @Test
    void anAlterAddingADuckDbKeyIsRefusedAndAnAlterOfAnotherSchemasTableIsNot() {
        run("CREATE TABLE kf_altered (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        for (String alter : List.of("ALTER TABLE kf_altered ADD PRIMARY KEY (id)",
                "ALTER TABLE main.kf_altered ADD CONSTRAINT pk PRIMARY KEY (id)")) {
            refused(() -> run(alter), ErrorCode.NOT_SUPPORTED, "kf_altered");
        }
        run("CREATE SCHEMA IF NOT EXISTS other_schema");
        run("CREATE TABLE other_schema.kf_altered (id BIGINT, v VARCHAR)");
        run("ALTER TABLE other_schema.kf_altered RENAME COLUMN id TO ident");
        run("ALTER TABLE IF EXISTS other_schema.kf_altered RENAME TO kf_renamed");
        run("INSERT INTO kf_altered VALUES (1, 'a')");
        refused(() -> run("INSERT INTO kf_altered VALUES (1, 'b')"), ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key");
    }

    @Test
    void quotedMixedCaseNamesOfTablesAndKeyColumnsAreKept() {
        run("CREATE TABLE \"kf Odd Name\" (\"OrderNo\" BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("INSERT INTO \"kf Odd Name\" VALUES (1, 'a'), (2, 'b')");
        List<List<Object>> before = query("SELECT * FROM \"kf Odd Name\" ORDER BY 1");
        refused(() -> run("INSERT INTO \"kf Odd Name\" VALUES (1, 'x')"), ErrorCode.CONSTRAINT_VIOLATION,
                "Duplicate key");
        refused(() -> run("INSERT INTO main.\"KF ODD NAME\" VALUES (1, 'x')"), ErrorCode.CONSTRAINT_VIOLATION,
                "Duplicate key");
        refused(() -> run("UPDATE \"kf Odd Name\" SET orderno = 1 WHERE orderno = 2"), ErrorCode.CONSTRAINT_VIOLATION,
                "Duplicate key");
        refused(() -> run("ALTER TABLE \"kf Odd Name\" DROP COLUMN ORDERNO"), ErrorCode.NOT_SUPPORTED);
        assertThat(query("SELECT * FROM \"kf Odd Name\" ORDER BY 1")).isEqualTo(before);
        assertThat(rows(sql, sql.getPrimaryKeys(TableRef.of("default_db", "main", "kf Odd Name"), auth), auth))
                .extracting(r -> r.get(3)).containsExactly("OrderNo");
    }

    @Test
    void anInsertRunByExplainAnalyzeIsChecked() {
        // EXPLAIN ANALYZE runs the statement it explains (SQL PREPARE/EXECUTE Flock does not allow)
        run("CREATE TABLE kf_explained (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("INSERT INTO kf_explained VALUES (1, 'a')");
        refused(() -> query("EXPLAIN ANALYZE INSERT INTO kf_explained VALUES (2, 'b'), (1, 'x')"),
                ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key");
        assertThat(query("SELECT id, v FROM kf_explained")).containsExactly(row(1L, "a"));
    }

    @Test
    void statementsPreparedOrCachedBeforeTheTableWasRecreatedAreChecked() throws SQLException {
        String insert = "INSERT INTO kf_recreated VALUES (7, 'cached text')";
        run("CREATE TABLE kf_recreated (id BIGINT, v VARCHAR)");
        try (Connection connection = flockJdbc("default_db");
             PreparedStatement prepared = connection.prepareStatement("INSERT INTO kf_recreated VALUES (?, ?)")) {
            for (String v : List.of("a", "b")) {
                prepared.setLong(1, 1);
                prepared.setString(2, v);
                assertThat(prepared.executeUpdate()).isEqualTo(1);
                run(insert);
            }
            run("DROP TABLE kf_recreated");
            run("CREATE TABLE kf_recreated (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
            prepared.setLong(1, 5);
            prepared.setString(2, "x");
            assertThat(prepared.executeUpdate()).isEqualTo(1);
            prepared.setString(2, "y");
            refused(prepared::executeUpdate, ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key");
            run(insert);
            refused(() -> run(insert), ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key");
            assertThat(query("SELECT id, v FROM kf_recreated ORDER BY id")).containsExactly(
                    row(5L, "x"), row(7L, "cached text"));
            // and back: statements older than an ordinary table of the name are not checked against a gone key
            run("CREATE OR REPLACE TABLE kf_recreated (id BIGINT, v VARCHAR)");
            prepared.setString(2, "z");
            assertThat(prepared.executeUpdate()).isEqualTo(1);
            assertThat(prepared.executeUpdate()).isEqualTo(1);
            run(insert);
            run(insert);
        }
        assertThat(query("SELECT count(*) FROM kf_recreated")).containsExactly(row(4L));
    }

    @Test
    void aTableInAnotherDatabaseKeepsItsOwnKey() throws SQLException {
        run("CREATE DATABASE kf_other_db");
        run("CREATE TABLE kf_elsewhere (id BIGINT, v VARCHAR)");
        try (Connection connection = flockJdbc("kf_other_db"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kf_elsewhere (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
            statement.executeUpdate("INSERT INTO kf_elsewhere VALUES (1, 'a')");
            refused(() -> statement.executeUpdate("INSERT INTO kf_elsewhere VALUES (1, 'b')"),
                    ErrorCode.CONSTRAINT_VIOLATION, "Duplicate key");
            List<String> key = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getPrimaryKeys("kf_other_db", "main", "kf_elsewhere")) {
                while (rs.next()) {
                    key.add(rs.getString("COLUMN_NAME"));
                }
            }
            assertThat(key).containsExactly("id");
            assertThat(JdbcTestSupport.rows(statement, "SELECT id, v FROM kf_elsewhere")).containsExactly("1|a");
        }
        // the table of the same name in the default database has no key
        run("INSERT INTO kf_elsewhere VALUES (1, 'a'), (1, 'b')");
        assertThat(rows(sql, sql.getPrimaryKeys(TableRef.of("default_db", "main", "kf_elsewhere"), auth), auth))
                .isEmpty();
    }

    @Test
    void dropSchemaCascadeTakesTheKeyWithTheTable() {
        run("CREATE SCHEMA kf_cascade");
        run("CREATE TABLE kf_cascade.kf_gone (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("INSERT INTO kf_cascade.kf_gone VALUES (1, 'a')");
        run("DROP SCHEMA kf_cascade CASCADE");
        run("CREATE SCHEMA kf_cascade");
        run("CREATE TABLE kf_cascade.kf_gone (id BIGINT, v VARCHAR)");
        run("INSERT INTO kf_cascade.kf_gone VALUES (1, 'a'), (1, 'b')");
        assertThat(rows(sql, sql.getPrimaryKeys(TableRef.of("default_db", "kf_cascade", "kf_gone"), auth), auth))
                .isEmpty();
    }

    @Test
    void createOrReplaceAsSelectTakesTheKeyWithTheTable() {
        run("CREATE TABLE kf_ctas (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("CREATE OR REPLACE TABLE kf_ctas AS SELECT 1::BIGINT AS id, 'a' AS v");
        assertThat(rows(sql, sql.getPrimaryKeys(TableRef.of("default_db", "main", "kf_ctas"), auth), auth)).isEmpty();
        run("INSERT INTO kf_ctas VALUES (1, 'b')");
        run("ALTER TABLE kf_ctas RENAME COLUMN id TO ident");
        assertThat(query("SELECT count(*) FROM kf_ctas")).containsExactly(row(2L));
    }

    @Test
    void copyFromAFileCannotAddADuplicateKey() throws Exception {
        run("CREATE TABLE kf_copy (id BIGINT PRIMARY KEY, v VARCHAR)" + NO_INDEX);
        run("INSERT INTO kf_copy VALUES (1, 'a')");
        Path file = Files.createTempFile("kf_copy", ".csv");
        try {
            Files.writeString(file, "id,v\n2,b\n1,dup\n");
            // COPY may be refused outright (sandbox); if it runs, it must refuse the duplicate
            assertThatThrownBy(() -> run("COPY kf_copy FROM '" + file + "' (HEADER)"))
                    .satisfies(e -> assertThat(ErrorCodes.of(e)).as(e.getMessage()).isNotNull());
        } finally {
            Files.deleteIfExists(file);
        }
        assertThat(query("SELECT id, v FROM kf_copy")).containsExactly(row(1L, "a"));
    }

    // ---- helpers ----

    private static Connection flockJdbc(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:flock://" + server.host() + ":" + server.port() + "/" + database
                + "?user=admin&token=" + server.adminToken());
    }
}

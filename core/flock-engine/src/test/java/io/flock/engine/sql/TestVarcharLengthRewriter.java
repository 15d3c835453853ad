package io.flock.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestVarcharLengthRewriter {
    private static String rewrite(String sql) {
        return VarcharLengthRewriter.rewrite(sql, SqlLexer.tokenize(sql));
    }

    @Test
    void addsACheckAfterEachLengthType() {
        assertThat(rewrite("CREATE TABLE t (a VARCHAR(3), b INTEGER, c CHAR(2) NOT NULL, d CHARACTER VARYING (5), e CHARACTER(1))"))
                .isEqualTo("CREATE TABLE t (a VARCHAR(3) CHECK (length(\"a\") <= 3), b INTEGER,"
                        + " c CHAR(2) CHECK (length(\"c\") <= 2) NOT NULL,"
                        + " d CHARACTER VARYING (5) CHECK (length(\"d\") <= 5),"
                        + " e CHARACTER(1) CHECK (length(\"e\") <= 1))");
    }

    @Test
    void quotesColumnNames() {
        assertThat(rewrite("CREATE TABLE t (\"Odd \"\"Name\"\"\" varchar(4))"))
                .isEqualTo("CREATE TABLE t (\"Odd \"\"Name\"\"\" varchar(4) CHECK (length(\"Odd \"\"Name\"\"\") <= 4))");
    }

    @Test
    void leavesOtherTypesAndStatementsAlone() {
        String[] unchanged = {
                "CREATE TABLE t (a VARCHAR, b DECIMAL(10, 2), c TEXT)",
                "CREATE TABLE t AS SELECT 'abc'::VARCHAR(3) AS a",
                "CREATE VIEW v AS SELECT CAST(x AS VARCHAR(3)) FROM t",
                "INSERT INTO t VALUES ('VARCHAR(3)')",
                "CREATE TABLE t (a VARCHAR DEFAULT 'VARCHAR(3)')"};
        for (String sql : unchanged) {
            assertThat(rewrite(sql)).as(sql).isEqualTo(sql);
        }
    }

    @Test
    void rewritesNextToGeneratedColumns() {
        assertThat(rewrite("CREATE TABLE t (a VARCHAR(2), b VARCHAR GENERATED ALWAYS AS (a || a))"))
                .isEqualTo("CREATE TABLE t (a VARCHAR(2) CHECK (length(\"a\") <= 2), b VARCHAR GENERATED ALWAYS AS (a || a))");
    }

    @Test
    void rewritesCreateOrReplaceAndIfNotExists() {
        assertThat(rewrite("CREATE OR REPLACE TABLE s.t (a VARCHAR(1))"))
                .isEqualTo("CREATE OR REPLACE TABLE s.t (a VARCHAR(1) CHECK (length(\"a\") <= 1))");
        assertThat(rewrite("CREATE TABLE IF NOT EXISTS t (a VARCHAR(1))"))
                .isEqualTo("CREATE TABLE IF NOT EXISTS t (a VARCHAR(1) CHECK (length(\"a\") <= 1))");
    }
}

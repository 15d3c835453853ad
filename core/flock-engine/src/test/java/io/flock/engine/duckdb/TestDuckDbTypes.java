package io.flock.engine.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.DuckDBResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DuckDbTypes} against DuckDB itself: the field computed from the type name DuckDB reports
 * before execution must equal the field of DuckDB's Arrow export, metadata included.
 */
class TestDuckDbTypes {
    private static Connection connection;
    private static BufferAllocator allocator;

    @BeforeAll
    static void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
        }
        allocator = new RootAllocator();
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
        allocator.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "true", "1::TINYINT", "1::SMALLINT", "1::INTEGER", "1::BIGINT", "1::UTINYINT", "1::USMALLINT",
            "1::UINTEGER", "1::UBIGINT", "1::HUGEINT", "1::UHUGEINT", "1::FLOAT", "1::DOUBLE", "1::DECIMAL(4,1)",
            "1::DECIMAL(9,2)", "1::DECIMAL(18,3)", "1::DECIMAL(38,10)", "1::DECIMAL", "1::NUMERIC(20, 5)",
            "'a'", "'a'::VARCHAR(3)", "'a'::CHAR(3)", "'a'::BLOB", "'101'::BIT", "1::VARINT",
            "DATE '2020-01-01'", "TIME '01:02:03'", "TIMETZ '01:02:03+01'", "TIMESTAMP '2020-01-01 01:02:03'",
            "TIMESTAMPTZ '2020-01-01 01:02:03'", "'2020-01-01'::TIMESTAMP_S", "'2020-01-01'::TIMESTAMP_MS",
            "'2020-01-01'::TIMESTAMP_NS", "INTERVAL 1 DAY", "uuid()", "'{}'::JSON", "NULL",
            "[1, 2]", "['a']", "[[1]]", "[1, 2, 3]::INTEGER[3]", "[[1, 2]]::INTEGER[2][]",
            "MAP {'a': 1}", "MAP {1: {'a': 2}}", "{'a': 1, 'b': 'x'}", "{'a b': 1}", "{'k': [1]}",
            "{'a,b': 1, 'c)d': 2, '\"q\"': 3, 'select': 4, 'x y z': 5}",
            "[{'x': MAP {1: [2]}}]", "union_value(n := 1)", "union_value(s := 'x')::UNION(n INTEGER, s VARCHAR)"})
    void announcedFieldIsTheExportedField(String expression) throws Exception {
        try (DuckDBPreparedStatement p = (DuckDBPreparedStatement) connection.prepareStatement("SELECT " + expression + " AS v")) {
            String typeName = p.getMetaData().getColumnTypeName(1);
            p.execute();
            try (DuckDBResultSet rs = (DuckDBResultSet) p.getResultSet();
                 ArrowReader reader = (ArrowReader) rs.arrowExportStream(allocator, 1024)) {
                Field exported = reader.getVectorSchemaRoot().getSchema().getFields().get(0);
                assertThat(DuckDbTypes.field("v", typeName, true)).as(typeName).isEqualTo(exported);
            }
        }
    }

    @Test
    void tableColumnTypesAsDuckDbColumnsPrintsThem() throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE t (a VARCHAR(3), b CHAR(2), c DECIMAL, d STRUCT(\"a b\" INT, \"c,d\" VARCHAR),"
                    + " e MAP(VARCHAR, INT[]), f HUGEINT, g UUID, h JSON, i TIMESTAMPTZ, j DOUBLE PRECISION)");
            List<Field> announced = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT column_name, data_type FROM duckdb_columns()"
                    + " WHERE table_name = 't' ORDER BY column_index")) {
                while (rs.next()) {
                    announced.add(DuckDbTypes.field(rs.getString(1), rs.getString(2), true));
                }
            }
            try (DuckDBResultSet rs = (DuckDBResultSet) s.executeQuery("SELECT * FROM t");
                 ArrowReader reader = (ArrowReader) rs.arrowExportStream(allocator, 1024)) {
                assertThat(announced).isEqualTo(reader.getVectorSchemaRoot().getSchema().getFields());
            }
        }
    }

    @Test
    void hugeIntFieldsAreMarkedForTheRangeCheck() {
        assertThat(DuckDbTypes.field("h", "HUGEINT", true).getType()).isSameAs(DuckDbTypes.HUGEINT);
        assertThat(DuckDbTypes.field("u", "UHUGEINT[]", true).getChildren().get(0).getType()).isSameAs(DuckDbTypes.UHUGEINT);
    }

    @Test
    void timeParametersAreAnnouncedInMilliseconds() {
        assertThat(DuckDbTypes.parameterField("p", "TIMESTAMP WITH TIME ZONE").getType())
                .hasToString("Timestamp(MILLISECOND, UTC)");
        assertThat(DuckDbTypes.parameterField("p", "TIMESTAMP").getType()).hasToString("Timestamp(MILLISECOND, null)");
        assertThat(DuckDbTypes.parameterField("p", "TIME").getType()).hasToString("Time(MILLISECOND, 32)");
        assertThat(DuckDbTypes.parameterField("p", "TIMESTAMP_NS").getType()).hasToString("Timestamp(NANOSECOND, null)");
        assertThat(DuckDbTypes.parameterField("p", "TIMESTAMP[]")).isEqualTo(DuckDbTypes.field("p", "TIMESTAMP[]", true));
    }
}

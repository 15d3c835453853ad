package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.PeriodDuration;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every type of {@link TypeCase#ALL} through Arrow's {@link FlightSqlClient}: as a query result, as
 * a table column and as a prepared-statement parameter, compared value by value on the Arrow
 * vectors, with the schema announced at prepare time equal to the schema of the stream.
 */
class TestTypesFlightSqlClient {
    private static final Map<String, Object> EXPECTED = new HashMap<>();

    static {
        EXPECTED.put("BOOLEAN", true);
        EXPECTED.put("TINYINT", (byte) -128);
        EXPECTED.put("SMALLINT", (short) -32768);
        EXPECTED.put("INTEGER", Integer.MIN_VALUE);
        EXPECTED.put("BIGINT", Long.MIN_VALUE);
        EXPECTED.put("UTINYINT", (short) 255);
        EXPECTED.put("USMALLINT", 65535);
        EXPECTED.put("UINTEGER", 4294967295L);
        EXPECTED.put("UBIGINT", new BigInteger("18446744073709551615"));
        EXPECTED.put("HUGEINT", new BigDecimal("-99999999999999999999999999999999999999"));
        EXPECTED.put("UHUGEINT", new BigDecimal("99999999999999999999999999999999999999"));
        EXPECTED.put("FLOAT", 3.4028235e38f);
        EXPECTED.put("DOUBLE", -1.7976931348623157e308);
        EXPECTED.put("DECIMAL(4,1)", new BigDecimal("-999.9"));
        EXPECTED.put("DECIMAL(9,4)", new BigDecimal("12345.6789"));
        EXPECTED.put("DECIMAL(18,6)", new BigDecimal("-999999999999.999999"));
        EXPECTED.put("DECIMAL(38,10)", new BigDecimal("9999999999999999999999999999.9999999999"));
        EXPECTED.put("DECIMAL(38,0)", new BigDecimal("-99999999999999999999999999999999999999"));
        EXPECTED.put("VARCHAR", "héllo ☃ 😀 \"q\" 's'");
        EXPECTED.put("BLOB", List.of((byte) 0, (byte) -1, (byte) 'a', (byte) 'b'));
        EXPECTED.put("DATE", -1); // DateDayVector: days since 1970-01-01
        EXPECTED.put("TIME", 86_399_999_999L);
        EXPECTED.put("TIMESTAMP", LocalDateTime.of(1960, 2, 29, 12, 34, 56, 789_012_000));
        EXPECTED.put("TIMESTAMPTZ", 1_709_202_896_789_012L); // TimeStampMicroTZVector: micros since the epoch, UTC
        EXPECTED.put("INTERVAL", new PeriodDuration(Period.of(0, 14, 3), Duration.parse("PT4H5M6.789S")));
        EXPECTED.put("UUID", "6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        EXPECTED.put("JSON", "{\"a\": [1, 2], \"b\": null}");
        EXPECTED.put("INTEGER[]", "[1,null,3]");
        EXPECTED.put("VARCHAR[][]", "[[\"a\",\"b,c\"],[],null]");
        EXPECTED.put("MAP(VARCHAR, INTEGER)", "[{\"key\":\"a\",\"value\":1},{\"key\":\"b\"}]");
        EXPECTED.put("STRUCT(a INTEGER, \"b c\" VARCHAR)", "{\"a\":1,\"b c\":\"x\"}");
        EXPECTED.put("STRUCT(k INTEGER, v DOUBLE[])[]", "[{\"k\":1,\"v\":[1.5,null]},null]");
        EXPECTED.put("INTEGER[3]", "[1,2,3]");
        EXPECTED.put("VARCHAR[]", "[\"it's\",\"\\\"x\\\"\",\"back\\\\slash\",\"NULL\",\"\",null,\"{a=1}\"]");
        EXPECTED.put("MAP(VARCHAR, DATE[])", "[{\"key\":\"k'=,\",\"value\":[0,null]}]");
    }

    private static FlightSqlFixture fixture;
    private static BufferAllocator allocator;
    private static FlightSqlClient client;
    private static CallOption auth;

    @BeforeAll
    static void start() {
        fixture = FlightSqlFixture.start();
        allocator = fixture.allocator();
        client = fixture.sql();
        auth = fixture.auth();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void everyCaseHasAnExpectedValue() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(TypeCase.ALL.stream().map(TypeCase::type).toList());
    }

    @ParameterizedTest
    @FieldSource("io.flock.tests.TypeCase#ALL")
    void queryResult(TypeCase type) throws Exception {
        String sql = "SELECT " + type.typedLiteral() + " AS v, " + type.typedNull() + " AS n";
        List<List<Object>> rows = queryPrepared(sql);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get(0)).isEqualTo(EXPECTED.get(type.type()));
        assertThat(rows.get(0).get(1)).isNull();
        assertThat(queryStatement(sql)).isEqualTo(rows);
    }

    @ParameterizedTest
    @FieldSource("io.flock.tests.TypeCase#ALL")
    void tableColumn(TypeCase type) throws Exception {
        String table = tableName("col", type);
        update("CREATE TABLE " + table + " (id INTEGER, v " + type.type() + ")");
        try {
            assertThat(update("INSERT INTO " + table + " VALUES (1, " + type.literal() + "), (2, NULL)")).isEqualTo(2);
            List<List<Object>> rows = queryPrepared("SELECT v FROM " + table + " ORDER BY id");
            assertThat(rows).containsExactly(List.of(EXPECTED.get(type.type())), nullRow());
        } finally {
            update("DROP TABLE " + table);
        }
    }

    @ParameterizedTest
    @FieldSource("io.flock.tests.TypeCase#ALL")
    void preparedStatementParameter(TypeCase type) throws Exception {
        String table = tableName("param", type);
        update("CREATE TABLE " + table + " (id INTEGER, v " + type.type() + ")");
        FlightInfo source = client.execute("SELECT 1 AS id, " + type.typedLiteral() + " AS v UNION ALL SELECT 2, NULL ORDER BY id", auth);
        FlightSqlClient.PreparedStatement insert = client.prepare("INSERT INTO " + table + " VALUES (?, ?)", auth);
        try (FlightStream values = client.getStream(source.getEndpoints().get(0).getTicket(), auth)) {
            Schema parameterSchema = insert.getParameterSchema();
            assertThat(parameterSchema.getFields()).hasSize(2);
            assertThat(values.next()).isTrue();
            // send the vectors as the result had them: Flock reads parameters of any time unit
            try (VectorSchemaRoot parameters = VectorSchemaRoot.create(values.getRoot().getSchema(), allocator)) {
                for (int c = 0; c < 2; c++) {
                    FieldVector from = values.getRoot().getVector(c);
                    FieldVector to = parameters.getVector(c);
                    to.allocateNew();
                    for (int r = 0; r < values.getRoot().getRowCount(); r++) {
                        to.copyFromSafe(r, r, from);
                    }
                }
                parameters.setRowCount(values.getRoot().getRowCount());
                insert.setParameters(parameters);
                assertThat(insert.executeUpdate(auth)).isEqualTo(2);
            }
            assertThat(queryPrepared("SELECT v FROM " + table + " ORDER BY id"))
                    .containsExactly(List.of(EXPECTED.get(type.type())), nullRow());
        } finally {
            insert.close(auth);
            update("DROP TABLE " + table);
        }
    }

    @Test
    void enumIsStreamedAsText() throws Exception {
        update("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
        update("CREATE TABLE enum_t (id INTEGER, m mood, e ENUM('x', 'y'))");
        try {
            update("INSERT INTO enum_t VALUES (1, 'happy', 'y'), (2, NULL, 'x'), (3, 'sad', NULL)");
            List<List<Object>> rows = queryPrepared("SELECT m, e, 'b'::ENUM('a', 'b') AS lit FROM enum_t ORDER BY id");
            assertThat(rows).containsExactly(
                    java.util.Arrays.asList("happy", "y", "b"),
                    java.util.Arrays.asList(null, "x", "b"),
                    java.util.Arrays.asList("sad", null, "b"));
        } finally {
            update("DROP TABLE enum_t");
            update("DROP TYPE mood");
        }
    }

    @Test
    void timeParametersAreAnnouncedInMillisecondsForTheStockJdbcDriver() throws Exception {
        update("CREATE TABLE param_units (t TIME, ts TIMESTAMP, tz TIMESTAMPTZ, i INTEGER)");
        FlightSqlClient.PreparedStatement insert = client.prepare("INSERT INTO param_units VALUES (?, ?, ?, ?)", auth);
        try {
            assertThat(insert.getParameterSchema().getFields()).extracting(f -> f.getType().toString())
                    .containsExactly("Time(MILLISECOND, 32)", "Timestamp(MILLISECOND, null)",
                            "Timestamp(MILLISECOND, UTC)", "Int(32, true)");
        } finally {
            insert.close(auth);
            update("DROP TABLE param_units");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "100000000000000000000000000000000000000::HUGEINT",
            "170141183460469231731687303715884105727::HUGEINT",
            "-170141183460469231731687303715884105727::HUGEINT",
            "100000000000000000000000000000000000000::UHUGEINT",
            "170141183460469231731687303715884105728::UHUGEINT",
            "340282366920938463463374607431768211455::UHUGEINT",
            "[1, 170141183460469231731687303715884105727]::HUGEINT[]",
            "{'a': 340282366920938463463374607431768211455::UHUGEINT}"})
    void hugeIntBeyond38DigitsIsAnErrorNotAWrongValue(String literal) {
        assertThatThrownBy(() -> queryPrepared("SELECT " + literal + " AS v"))
                .isInstanceOf(FlightRuntimeException.class)
                .hasMessageContaining("Column 'v' holds a")
                .hasMessageContaining("value of more than 38 digits");
    }

    @Test
    void hugeIntWithin38DigitsIsExact() throws Exception {
        assertThat(queryPrepared("SELECT -99999999999999999999999999999999999999::HUGEINT AS h,"
                + " 99999999999999999999999999999999999999::UHUGEINT AS u, 0::UHUGEINT AS z"))
                .containsExactly(List.of(new BigDecimal("-99999999999999999999999999999999999999"),
                        new BigDecimal("99999999999999999999999999999999999999"), BigDecimal.ZERO));
    }

    @Test
    void timestampWithTimeZoneIsAnnouncedAndStreamedInUtc() throws Exception {
        FlightSqlClient.PreparedStatement prepared = client.prepare("SELECT TIMESTAMPTZ '2024-01-01 00:00:00-05' AS v", auth);
        try {
            Field field = prepared.getResultSetSchema().getFields().get(0);
            assertThat(field.getType()).hasToString("Timestamp(MICROSECOND, UTC)");
        } finally {
            prepared.close(auth);
        }
        assertThat(queryPrepared("SELECT TIMESTAMPTZ '2024-01-01 00:00:00-05' AS v"))
                .containsExactly(List.of(1_704_085_200_000_000L)); // 2024-01-01T05:00Z
    }

    /** Runs {@code sql} as a prepared statement, checking that the announced schema is the streamed one. */
    private static List<List<Object>> queryPrepared(String sql) throws Exception {
        FlightSqlClient.PreparedStatement prepared = client.prepare(sql, auth);
        try {
            Schema announced = prepared.getResultSetSchema();
            FlightInfo info = prepared.execute(auth);
            assertThat(info.getSchema()).as("FlightInfo schema of %s", sql).isEqualTo(announced);
            return read(info, announced);
        } finally {
            prepared.close(auth);
        }
    }

    private static List<List<Object>> queryStatement(String sql) throws Exception {
        FlightInfo info = client.execute(sql, auth);
        return read(info, info.getSchema());
    }

    private static List<List<Object>> read(FlightInfo info, Schema announced) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (FlightStream stream = client.getStream(info.getEndpoints().get(0).getTicket(), auth)) {
            Schema streamed = stream.getSchema();
            assertThat(streamed.getFields()).hasSameSizeAs(announced.getFields());
            for (int i = 0; i < streamed.getFields().size(); i++) {
                assertThat(streamed.getFields().get(i)).as("field %s", i).isEqualTo(announced.getFields().get(i));
            }
            while (stream.next()) {
                VectorSchemaRoot root = stream.getRoot();
                for (int r = 0; r < root.getRowCount(); r++) {
                    List<Object> row = new ArrayList<>();
                    for (FieldVector vector : root.getFieldVectors()) {
                        row.add(value(vector, r));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** The value at {@code r}, unsigned integers widened, text as String, nested values as JSON. */
    private static Object value(FieldVector vector, int r) {
        if (vector.isNull(r)) {
            return null;
        }
        if (vector instanceof UInt1Vector v) {
            return v.getObjectNoOverflow(r);
        }
        if (vector instanceof UInt2Vector v) {
            return (int) v.get(r);
        }
        if (vector instanceof UInt4Vector v) {
            return v.getObjectNoOverflow(r);
        }
        if (vector instanceof UInt8Vector v) {
            return v.getObjectNoOverflow(r);
        }
        Object value = vector.getObject(r);
        if (value instanceof Text text) {
            return text.toString();
        }
        if (value instanceof byte[] bytes) {
            List<Byte> list = new ArrayList<>();
            for (byte b : bytes) {
                list.add(b);
            }
            return list;
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            return value.toString();
        }
        return value;
    }

    private static long update(String sql) {
        return client.executeUpdate(sql, auth);
    }

    private static List<Object> nullRow() {
        List<Object> row = new ArrayList<>();
        row.add(null);
        return row;
    }

    private static String tableName(String prefix, TypeCase type) {
        return prefix + "_" + Integer.toHexString(type.type().hashCode()).replace('-', 'm');
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

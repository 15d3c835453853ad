package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flight SQL bulk ingest ({@code CommandStatementIngest}, as ADBC sends it) through Arrow's
 * FlightSqlClient: ADBC's modes append, create, replace and create_append.
 */
class TestFlightSqlBulkIngest {
    private static FlightSqlFixture fixture;
    private static BufferAllocator allocator;
    private static FlightSqlClient sql;
    private static CallOption auth;

    @BeforeAll
    static void start() {
        fixture = FlightSqlFixture.start();
        allocator = fixture.allocator();
        sql = fixture.sql();
        auth = fixture.auth();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void appendsIntoAnExistingTableAllOrNothing() {
        sql.executeUpdate("CREATE TABLE bulk (id BIGINT NOT NULL, name VARCHAR, note VARCHAR DEFAULT 'd')", auth);
        TableDefinitionOptions append = TableDefinitionOptions.newBuilder()
                .setIfExists(TableDefinitionOptions.TableExistsOption.TABLE_EXISTS_OPTION_APPEND)
                .setIfNotExist(TableDefinitionOptions.TableNotExistOption.TABLE_NOT_EXIST_OPTION_FAIL).build();
        try (VectorSchemaRoot root = rows(new Long[] {1L, 2L, 3L})) {
            long count = sql.executeIngest(root, new FlightSqlClient.ExecuteIngestOptions("bulk", append,
                    "default_db", "main", Map.of()), auth);
            assertThat(count).isEqualTo(3);
        }
        try (VectorSchemaRoot root = rows(new Long[] {4L, null})) {
            assertThatThrownBy(() -> sql.executeIngest(root, new FlightSqlClient.ExecuteIngestOptions("bulk", append,
                    null, null, Map.of()), auth)).isInstanceOf(FlightRuntimeException.class)
                    .hasMessageContaining("NOT NULL");
        }
        try (VectorSchemaRoot root = rows(new Long[] {5L})) {
            assertThatThrownBy(() -> sql.executeIngest(root, new FlightSqlClient.ExecuteIngestOptions("missing",
                    append, null, null, Map.of()), auth)).isInstanceOf(FlightRuntimeException.class)
                    .hasMessageContaining("'default_db.main.missing' does not exist");
        }
        assertThat(FlightTestSupport.rows(sql, "SELECT id, note FROM bulk ORDER BY id", auth))
                .containsExactly(List.of(1L, "d"), List.of(2L, "d"), List.of(3L, "d"));
    }

    @Test
    void adbcCreateMakesTheTableFromTheBatchesColumnsAndRefusesAnExistingOne() {
        TableDefinitionOptions create = options(TableDefinitionOptions.TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE,
                TableDefinitionOptions.TableExistsOption.TABLE_EXISTS_OPTION_FAIL);
        try (VectorSchemaRoot root = rows(new Long[] {1L, null, 3L})) {
            assertThat(sql.executeIngest(root, new FlightSqlClient.ExecuteIngestOptions("created", create, null, null,
                    Map.of()), auth)).isEqualTo(3);
        }
        assertThat(FlightTestSupport.rows(sql, "SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_name = 'created' ORDER BY ordinal_position", auth))
                .containsExactly(List.of("id", "BIGINT"), List.of("name", "VARCHAR"));
        assertThat(FlightTestSupport.rows(sql, "SELECT id, name FROM created ORDER BY name", auth))
                .containsExactly(List.of(1L, "n0"), java.util.Arrays.asList(null, "n1"), List.of(3L, "n2"));
        try (VectorSchemaRoot root = rows(new Long[] {9L})) {
            assertThatThrownBy(() -> sql.executeIngest(root, new FlightSqlClient.ExecuteIngestOptions("created", create,
                    null, null, Map.of()), auth)).isInstanceOf(FlightRuntimeException.class)
                    .hasMessageContaining("'default_db.main.created' already exists");
        }
        assertThat(FlightTestSupport.rows(sql, "SELECT count(*) FROM created", auth)).containsExactly(List.of(3L));
    }

    @Test
    void adbcReplaceAndCreateAppend() {
        sql.executeUpdate("CREATE TABLE replaced (key INTEGER PRIMARY KEY, old DOUBLE)", auth);
        sql.executeUpdate("INSERT INTO replaced VALUES (1, 0.5)", auth);
        TableDefinitionOptions replace = options(TableDefinitionOptions.TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE,
                TableDefinitionOptions.TableExistsOption.TABLE_EXISTS_OPTION_REPLACE);
        try (VectorSchemaRoot root = rows(new Long[] {7L, 8L})) {
            assertThat(sql.executeIngest(root, new FlightSqlClient.ExecuteIngestOptions("replaced", replace, null, null,
                    Map.of()), auth)).isEqualTo(2);
        }
        // the old rows, columns and key are gone: the table is the batches'
        assertThat(FlightTestSupport.rows(sql, "SELECT * FROM replaced ORDER BY id", auth))
                .containsExactly(List.of(7L, "n0"), List.of(8L, "n1"));
        TableDefinitionOptions createAppend = options(
                TableDefinitionOptions.TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE,
                TableDefinitionOptions.TableExistsOption.TABLE_EXISTS_OPTION_APPEND);
        for (int round = 0; round < 2; round++) {
            try (VectorSchemaRoot root = rows(new Long[] {10L + round})) {
                assertThat(sql.executeIngest(root, new FlightSqlClient.ExecuteIngestOptions("grown", createAppend, null,
                        null, Map.of()), auth)).isEqualTo(1);
            }
        }
        assertThat(FlightTestSupport.rows(sql, "SELECT id FROM grown ORDER BY id", auth))
                .containsExactly(List.of(10L), List.of(11L));
    }

    private static TableDefinitionOptions options(TableDefinitionOptions.TableNotExistOption ifNotExist,
                                                  TableDefinitionOptions.TableExistsOption ifExists) {
        return TableDefinitionOptions.newBuilder().setIfNotExist(ifNotExist).setIfExists(ifExists).build();
    }

    private static VectorSchemaRoot rows(Long[] ids) {
        Schema schema = new Schema(List.of(new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null),
                new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        BigIntVector id = (BigIntVector) root.getVector("id");
        VarCharVector name = (VarCharVector) root.getVector("name");
        root.allocateNew();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == null) {
                id.setNull(i);
            } else {
                id.set(i, ids[i]);
            }
            name.setSafe(i, ("n" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        root.setRowCount(ids.length);
        return root;
    }
}

package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flock.client.ArrowBatches;
import io.flock.client.Column;
import io.flock.client.FlockClient;
import io.flock.client.QueryResult;
import io.flock.client.Row;
import io.flock.client.RowCursor;
import io.flock.client.StatementDescription;
import io.flock.client.TableInfo;
import io.flock.testing.TestingFlockServer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DDL, DML, queries, parameters, the fetch styles, large results, prepare and metadata through the SDK. */
class TestClientQueries {
    private static TestingFlockServer server;
    private static FlockClient client;

    @BeforeAll
    static void start() {
        server = TestingFlockServer.create();
        client = AdminClients.of(server);
        client.executeUpdate("CREATE DATABASE shop");
        try (FlockClient shop = shopClient()) {
            shop.executeUpdate("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR, amount DECIMAL(10,2), "
                    + "placed DATE, placed_at TIMESTAMP, placed_tz TIMESTAMPTZ, tags VARCHAR[], paid BOOLEAN)");
        }
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static FlockClient shopClient() {
        return AdminClients.of(server, "shop");
    }

    @Test
    void dmlReportsUpdateCountsAndQueriesReturnTypedRows() {
        try (FlockClient shop = shopClient()) {
            assertThat(shop.executeUpdate("INSERT INTO orders VALUES (1, 'ann', 12.50, DATE '2024-03-01', "
                    + "TIMESTAMP '2024-03-01 10:00:00.123456', TIMESTAMPTZ '2024-03-01 10:00:00+02', ['a', 'b'], true), "
                    + "(2, 'bob', NULL, NULL, NULL, NULL, NULL, false)")).isEqualTo(2);
            try (QueryResult update = shop.execute("UPDATE orders SET paid = true WHERE id = 2")) {
                assertThat(update.returnsRows()).isFalse();
                assertThat(update.updateCount()).hasValue(1);
                assertThat(update.queryId()).isEmpty();
                assertThat(update.fetchAll()).isEmpty();
            }
            try (QueryResult result = shop.execute("SELECT * FROM orders ORDER BY id")) {
                assertThat(result.queryId()).hasValueSatisfying(id -> assertThat(id).matches("[0-9]{8}_[0-9]{6}_[0-9]{5}_[a-z0-9]{5}"));
                assertThat(result.columns()).extracting(Column::name)
                        .containsExactly("id", "customer", "amount", "placed", "placed_at", "placed_tz", "tags", "paid");
                assertThat(result.columns()).extracting(Column::type).containsExactly("BIGINT", "VARCHAR",
                        "DECIMAL(10,2)", "DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "VARCHAR[]", "BOOLEAN");
                List<Row> rows = result.fetchAll();
                assertThat(rows).hasSize(2);
                Row ann = rows.get(0);
                assertThat(ann.getLong("id")).isEqualTo(1);
                assertThat(ann.getString("customer")).isEqualTo("ann");
                assertThat(ann.getBigDecimal("amount")).isEqualByComparingTo("12.50");
                assertThat(ann.getLocalDate("placed")).isEqualTo(LocalDate.of(2024, 3, 1));
                assertThat(ann.getLocalDateTime("placed_at")).isEqualTo(LocalDateTime.of(2024, 3, 1, 10, 0, 0, 123_456_000));
                assertThat(ann.getInstant("placed_tz")).isEqualTo(Instant.parse("2024-03-01T08:00:00Z"));
                assertThat(ann.get("tags")).isEqualTo(List.of("a", "b"));
                assertThat(ann.getBoolean("PAID")).isTrue();
                Row bob = rows.get(1);
                assertThat(bob.isNull("amount")).isTrue();
                assertThat(bob.getBigDecimal("amount")).isNull();
                assertThatThrownBy(() -> bob.getDouble("amount")).hasMessageContaining("Column 'amount' is NULL");
                assertThatThrownBy(() -> bob.get("nope")).hasMessageContaining("No column 'nope'");
            }
            shop.executeUpdate("DELETE FROM orders");
        }
    }

    @Test
    void parametersAreBoundByTheAnnouncedTypes() {
        try (FlockClient shop = shopClient()) {
            shop.executeUpdate("CREATE TABLE params (id INTEGER, name VARCHAR, price DECIMAL(8,3), day DATE, ts TIMESTAMP, ok BOOLEAN)");
            assertThat(shop.executeUpdate("INSERT INTO params VALUES (?, ?, ?, ?, ?, ?)", 7, "it's", new BigDecimal("1.5"),
                    LocalDate.of(2023, 12, 31), LocalDateTime.of(2023, 12, 31, 23, 59, 58), true)).isEqualTo(1);
            assertThat(shop.executeUpdate("INSERT INTO params VALUES (?, ?, ?, ?, ?, ?)", 8L, null, 2, null, null, null))
                    .isEqualTo(1);
            try (QueryResult result = shop.execute("SELECT id, name, price, day, ts, ok FROM params WHERE id >= ? ORDER BY id", 7)) {
                List<Row> rows = result.fetchAll();
                assertThat(rows.get(0).values()).containsExactly(7, "it's", new BigDecimal("1.500"),
                        LocalDate.of(2023, 12, 31), LocalDateTime.of(2023, 12, 31, 23, 59, 58), true);
                assertThat(rows.get(1).values()).containsExactly(8, null, new BigDecimal("2.000"), null, null, null);
            }
            assertThatThrownBy(() -> shop.execute("SELECT * FROM params WHERE id = ?", 1, 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The statement has 1 parameter, but 2 values were given");
            assertThatThrownBy(() -> shop.execute("SELECT * FROM params WHERE id = ?", "seven"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Parameter 1 of type INTEGER cannot take the String value 'seven'");
        }
    }

    @Test
    void fetchOneAndFetchManyWalkTheResult() {
        try (QueryResult result = client.execute("SELECT range AS n FROM range(10)")) {
            assertThat(result.fetchOne()).hasValueSatisfying(row -> assertThat(row.getLong(0)).isEqualTo(0));
            assertThat(result.fetchMany(4)).extracting(row -> row.getLong("n")).containsExactly(1L, 2L, 3L, 4L);
            assertThat(result.fetchAll()).hasSize(5);
            assertThat(result.fetchOne()).isEmpty();
            assertThat(result.fetchMany(3)).isEmpty();
        }
    }

    @Test
    void largeResultsStreamThroughTheIterator() {
        try (QueryResult result = client.execute("SELECT range AS id, 'row ' || range AS label FROM range(2000000)")) {
            long count = 0;
            long sum = 0;
            for (Iterator<Row> rows = result.rows(); rows.hasNext(); ) {
                Row row = rows.next();
                sum += row.getLong(0);
                count++;
            }
            assertThat(count).isEqualTo(2_000_000);
            assertThat(sum).isEqualTo(1_999_999L * 2_000_000L / 2);
        }
    }

    @Test
    void aCursorReadsValuesAcrossBatchesWithoutRows() {
        try (QueryResult result = client.execute("SELECT range AS id, CASE WHEN range % 2 = 0 THEN 'even' END AS tag, "
                + "DATE '2024-01-01' + CAST(range % 7 AS INTEGER) AS day FROM range(200000)")) {
            RowCursor cursor = result.cursor();
            assertThat(cursor.columnCount()).isEqualTo(3);
            assertThatThrownBy(() -> cursor.get(0)).hasMessageContaining("Call next()");
            long count = 0;
            long sum = 0;
            long evens = 0;
            while (cursor.next()) {
                sum += (Long) cursor.get(0);
                if ("even".equals(cursor.get(1))) {
                    evens++;
                }
                assertThat(cursor.get(2)).isEqualTo(LocalDate.of(2024, 1, 1).plusDays(count % 7));
                count++;
            }
            assertThat(count).isEqualTo(200_000);
            assertThat(sum).isEqualTo(199_999L * 200_000L / 2);
            assertThat(evens).isEqualTo(100_000);
            assertThat(cursor.next()).isFalse();
            assertThatThrownBy(() -> cursor.get(0)).hasMessageContaining("no more rows");
            assertThatThrownBy(result::fetchOne).hasMessageContaining("already read as a cursor");
        }
    }

    @Test
    void largeResultsStreamAsArrowBatches() {
        try (QueryResult result = client.execute("SELECT range AS id FROM range(2000000)");
             ArrowBatches batches = result.arrowStream()) {
            assertThat(batches.schema().getFields()).extracting(f -> f.getName()).containsExactly("id");
            long count = 0;
            long sum = 0;
            while (batches.next()) {
                VectorSchemaRoot root = batches.root();
                BigIntVector ids = (BigIntVector) root.getVector("id");
                for (int i = 0; i < root.getRowCount(); i++) {
                    sum += ids.get(i);
                }
                count += root.getRowCount();
            }
            assertThat(count).isEqualTo(2_000_000);
            assertThat(sum).isEqualTo(1_999_999L * 2_000_000L / 2);
            assertThatThrownBy(result::fetchOne).hasMessageContaining("already read as Arrow batches");
        }
    }

    @Test
    void closingAnUnreadResultFreesTheQuery() throws InterruptedException {
        QueryResult result = client.execute("SELECT range FROM range(100000000)");
        String id = result.queryId().orElseThrow();
        result.fetchMany(10);
        result.close();
        assertThat(awaitEnd(client, id)).isIn(io.flock.client.QueryState.CANCELLED,
                io.flock.client.QueryState.FINISHED, io.flock.client.QueryState.FAILED);
    }

    @Test
    void prepareDescribesResultAndParametersWithoutRunning() {
        try (FlockClient shop = shopClient()) {
            StatementDescription query = shop.prepare("SELECT id, customer FROM orders WHERE amount > ? AND placed = ?");
            assertThat(query.returnsRows()).isTrue();
            assertThat(query.columns()).extracting(Column::name, Column::type)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("id", "BIGINT"),
                            org.assertj.core.groups.Tuple.tuple("customer", "VARCHAR"));
            assertThat(query.parameters()).extracting(Column::type).containsExactly("DECIMAL(10,2)", "DATE");
            StatementDescription insert = shop.prepare("INSERT INTO orders (id) VALUES (?)");
            assertThat(insert.returnsRows()).isFalse();
            assertThat(insert.parameters()).extracting(Column::type).containsExactly("BIGINT");
            try (QueryResult count = shop.execute("SELECT count(*) FROM orders WHERE id = 424242")) {
                assertThat(count.fetchOne().orElseThrow().getLong(0)).isZero();
            }
        }
    }

    @Test
    void metadataListsDatabasesTablesColumnsAndPrimaryKeys() {
        try (FlockClient shop = shopClient()) {
            shop.executeUpdate("CREATE TABLE line_items (order_id BIGINT, line INTEGER, sku VARCHAR NOT NULL, "
                    + "PRIMARY KEY (order_id, line))");
            shop.executeUpdate("CREATE VIEW big_orders AS SELECT * FROM orders WHERE amount > 100");
        }
        assertThat(client.databases()).contains("default_db", "shop", "flock");
        assertThat(client.tables("shop")).contains(
                new TableInfo("shop", "main", "orders", "TABLE"),
                new TableInfo("shop", "main", "line_items", "TABLE"),
                new TableInfo("shop", "main", "big_orders", "VIEW"));
        assertThat(client.columns("shop", "line_items")).containsExactly(
                new Column("order_id", "BIGINT", false),
                new Column("line", "INTEGER", false),
                new Column("sku", "VARCHAR", false));
        assertThat(client.primaryKey("shop", "line_items")).containsExactly("order_id", "line");
        assertThat(client.primaryKey("shop", "big_orders")).isEmpty();
        assertThatThrownBy(() -> client.columns("shop", "line_itemz"))
                .isInstanceOfSatisfying(io.flock.client.FlockQueryException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("42P01");
                    assertThat(e.getMessage()).isEqualTo("Table 'shop.line_itemz' does not exist");
                });
    }

    @Test
    void structsAndMapsBecomeJavaMaps() {
        try (QueryResult result = client.execute("SELECT {'a': 1, 'b': 'x'} AS s, MAP {'k': 2} AS m, [[1, 2], [3]] AS l")) {
            Row row = result.fetchOne().orElseThrow();
            assertThat(row.get("s")).isEqualTo(Map.of("a", 1, "b", "x"));
            assertThat(row.get("m")).isEqualTo(Map.of("k", 2));
            assertThat(row.get("l")).isEqualTo(List.of(List.of(1, 2), List.of(3)));
        }
    }

    /** The state once the query ended: the server records the end just after the stream's last message. */
    static io.flock.client.QueryState awaitEnd(FlockClient client, String queryId) throws InterruptedException {
        for (int attempt = 0; attempt < 1500; attempt++) {
            io.flock.client.QueryState state = client.explainAnalyze(queryId).state();
            if (state != io.flock.client.QueryState.RUNNING && state != io.flock.client.QueryState.QUEUED
                    && state != io.flock.client.QueryState.PLANNING) {
                return state;
            }
            Thread.sleep(20);
        }
        return client.explainAnalyze(queryId).state();
    }
}

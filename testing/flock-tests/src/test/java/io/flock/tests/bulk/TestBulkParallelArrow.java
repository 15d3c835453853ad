package io.flock.tests.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flock.client.FlockClient;
import io.flock.client.FlockQueryException;
import io.flock.client.bulk.BulkFormat;
import io.flock.client.bulk.PartSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Arrow IPC parts of a parallel import are staged with the table's column types: a value that does
 * not convert fails its part's upload, named by part, row and column, before anything is written;
 * values that convert are cast, and the parts commit together.
 */
class TestBulkParallelArrow {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Three rows whose qty is text that converts to INTEGER, ids from {@code first}. */
    private static final String GOOD = "SELECT (%d + range)::BIGINT AS id, 'item' || range AS item,"
            + " (range + 5)::VARCHAR AS qty FROM range(3)";
    @RegisterExtension
    static final BulkServerExtension bulk = new BulkServerExtension();

    @BeforeEach
    void freshTable() throws Exception {
        bulk.http().sql("CREATE OR REPLACE TABLE orders (id INTEGER NOT NULL, item VARCHAR, qty INTEGER)");
    }

    @Test
    void aValueThatDoesNotConvertFailsItsPartNamingThePartRowAndColumn() throws Exception {
        String id = begin();
        assertThat(uploadArrow(id, GOOD.formatted(0)).statusCode()).isEqualTo(200);
        // the second part's row 3 holds 'many' in its VARCHAR qty column, which the INTEGER column cannot take
        HttpResponse<String> bad = uploadArrow(id, "SELECT * FROM (VALUES (10, 'a', '5'), (11, 'b', '6'),"
                + " (12, 'c', 'many'), (13, 'd', '8')) AS t(id, item, qty)");
        assertThat(uploadArrow(id, GOOD.formatted(20)).statusCode()).isEqualTo(200);

        // as a serial Arrow import with such a value: 400 DATA_ERROR, now naming the part too
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = JSON.readTree(bad.body());
        assertThat(problem.get("title").asText()).isEqualTo("DATA_ERROR");
        assertThat(problem.get("detail").asText())
                .startsWith("Part 1 of import into default_db.main.orders was not staged: row 3, column 'qty'"
                        + " holds a value that is not a valid INTEGER (")
                .contains("'many'").doesNotContain("spool").doesNotContain("COPY");
        assertThat(problem.get("row").asLong()).isEqualTo(2); // 0-based, within the part
        assertThat(problem.get("column").asText()).isEqualTo("qty");
        // nothing reached the table, nor does after the rollback the SDK does on a failed part
        assertThat(bulk.http().count("SELECT count(*) FROM orders")).isZero();
        assertThat(bulk.http().post("/v1/import/" + id + "/rollback", bulk.server().adminToken(), new byte[0]).statusCode())
                .isEqualTo(200);
        assertThat(bulk.http().count("SELECT count(*) FROM orders")).isZero();
        assertThat(stagedFiles()).isZero();
    }

    @Test
    void aRowTheCommitRefusesIsNamedWithinItsPart() throws Exception {
        bulk.http().sql("CREATE OR REPLACE TABLE keyed (id INTEGER PRIMARY KEY, item VARCHAR NOT NULL)");
        HttpResponse<String> begun = bulk.http().post("/v1/import?table=keyed", bulk.server().adminToken(), new byte[0]);
        String id = JSON.readTree(begun.body()).get("importId").asText();
        List<Integer> numbers = new java.util.ArrayList<>();
        for (String csv : List.of("id,item\n1,a\n2,b\n", "id,item\n3,c\n4,\n")) {
            HttpResponse<String> part = bulk.http().post("/v1/import/" + id + "/parts?format=csv", bulk.server().adminToken(),
                    csv.getBytes(StandardCharsets.UTF_8));
            assertThat(part.statusCode()).as(part.body()).isEqualTo(200);
            numbers.add(JSON.readTree(part.body()).get("part").asInt());
        }
        // the second part's second row has no item: the keyed write refuses it at the commit
        HttpResponse<String> commit = bulk.http().post("/v1/import/" + id + "/commit", bulk.server().adminToken(), new byte[0]);
        assertThat(commit.statusCode()).as(commit.body()).isEqualTo(400);
        JsonNode problem = JSON.readTree(commit.body());
        assertThat(problem.get("detail").asText()).startsWith("Part " + numbers.get(1) + ": ")
                .contains("Row 2 of the UPSERT write").contains("'item'");
        assertThat(problem.get("row").asLong()).isEqualTo(1);
        assertThat(problem.get("column").asText()).isEqualTo("item");
        assertThat(bulk.http().count("SELECT count(*) FROM keyed")).isZero();
    }

    @Test
    void theSdksParallelImportWithABadArrowPartImportsNothing() throws Exception {
        byte[] good = export(GOOD.formatted(0));
        byte[] bad = export("SELECT * FROM (VALUES (10, 'a', '5'), (11, 'b', 'many')) AS t(id, item, qty)");
        List<PartSource> parts = List.of(() -> new ByteArrayInputStream(good), () -> new ByteArrayInputStream(bad));
        try (FlockClient client = FlockClient.builder().host(bulk.server().host()).port(bulk.server().port())
                .httpPort(bulk.server().server().httpPort()).token(bulk.server().adminToken()).build()) {
            assertThatThrownBy(() -> client.importParallel("orders", parts, BulkFormat.ARROW))
                    .isInstanceOf(FlockQueryException.class)
                    .hasMessageContaining("was not staged: row 2, column 'qty' holds a value that is not a valid INTEGER")
                    .satisfies(e -> assertThat(((FlockQueryException) e).sqlState()).isEqualTo("22000"));
        }
        assertThat(bulk.http().count("SELECT count(*) FROM orders")).isZero();
        assertThat(stagedFiles()).isZero();
    }

    @Test
    void valuesThatConvertAreCastAndThePartsCommitTogether() throws Exception {
        String id = begin();
        // text and BIGINT columns cast into INTEGER ones; a part with the table's own types
        List<String> parts = List.of(GOOD.formatted(0), GOOD.formatted(100),
                "SELECT (200 + range)::INTEGER AS id, 'same' AS item, 1::INTEGER AS qty FROM range(4)");
        for (String part : parts) {
            HttpResponse<String> staged = uploadArrow(id, part);
            assertThat(staged.statusCode()).as(part + ": " + staged.body()).isEqualTo(200);
        }
        // a dictionary-encoded text column (as pandas categoricals arrive) into a VARCHAR one
        HttpResponse<String> dictionary = bulk.http().post("/v1/import/" + id + "/parts?format=arrow", bulk.server().adminToken(),
                dictionaryEncodedPart());
        assertThat(dictionary.statusCode()).as(dictionary.body()).isEqualTo(200);
        assertThat(bulk.http().count("SELECT count(*) FROM orders")).isZero();
        HttpResponse<String> commit = bulk.http().post("/v1/import/" + id + "/commit", bulk.server().adminToken(), new byte[0]);
        assertThat(commit.statusCode()).as(commit.body()).isEqualTo(200);
        assertThat(commit.body()).contains("\"rows\":12").contains("\"parts\":4");
        assertThat(bulk.http().count("SELECT sum(qty) FROM orders WHERE id < 200")).isEqualTo(2 * (5 + 6 + 7));
        assertThat(bulk.http().count("SELECT count(*) FROM orders WHERE id >= 200 AND id < 300 AND item = 'same'"
                + " AND qty = 1")).isEqualTo(4);
        assertThat(bulk.http().count("SELECT count(*) FROM orders WHERE id >= 300 AND item IN ('red', 'blue')"
                + " AND qty IS NULL")).isEqualTo(2);
        assertThat(stagedFiles()).isZero();
    }

    /** Rows (300, 'red') and (301, 'blue'), the item column dictionary-encoded. */
    private static byte[] dictionaryEncodedPart() throws Exception {
        DictionaryEncoding encoding = new DictionaryEncoding(1L, false, new ArrowType.Int(32, true));
        try (RootAllocator allocator = new RootAllocator();
             VarCharVector colours = new VarCharVector("colours", allocator);
             BigIntVector ids = new BigIntVector("id", allocator);
             IntVector items = new IntVector(new Field("item", new FieldType(true, new ArrowType.Int(32, true),
                     encoding), null), allocator)) {
            colours.allocateNew();
            colours.setSafe(0, "red".getBytes(StandardCharsets.UTF_8));
            colours.setSafe(1, "blue".getBytes(StandardCharsets.UTF_8));
            colours.setValueCount(2);
            ids.allocateNew(2);
            items.allocateNew(2);
            for (int row = 0; row < 2; row++) {
                ids.set(row, 300 + row);
                items.set(row, row);
            }
            ids.setValueCount(2);
            items.setValueCount(2);
            VectorSchemaRoot root = new VectorSchemaRoot(List.of(ids.getField(), items.getField()),
                    List.of(ids, items), 2);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArrowStreamWriter writer = new ArrowStreamWriter(root,
                    new DictionaryProvider.MapDictionaryProvider(new Dictionary(colours, encoding)), out)) {
                writer.start();
                writer.writeBatch();
                writer.end();
            }
            return out.toByteArray();
        }
    }

    private static String begin() throws Exception {
        HttpResponse<String> begun = bulk.http().post("/v1/import?table=orders", bulk.server().adminToken(), new byte[0]);
        assertThat(begun.statusCode()).as(begun.body()).isEqualTo(200);
        return JSON.readTree(begun.body()).get("importId").asText();
    }

    private static byte[] export(String sql) throws Exception {
        HttpResponse<byte[]> export = bulk.http().export(sql, "format=arrow");
        assertThat(export.statusCode()).isEqualTo(200);
        return export.body();
    }

    private static HttpResponse<String> uploadArrow(String id, String sql) throws Exception {
        return bulk.http().post("/v1/import/" + id + "/parts?format=arrow", bulk.server().adminToken(), export(sql));
    }

    private static long stagedFiles() throws Exception {
        try (Stream<Path> files = Files.list(bulk.server().dataDirectory().resolve("spool"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("import-staged")).count();
        }
    }
}

package io.flock.tests.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Imports into columns whose DuckDB type Arrow cannot name exactly (TIME WITH TIME ZONE, BIT,
 * HUGEINT, UHUGEINT): every format stores the values a SQL INSERT of the same text would, serial
 * and in parallel parts. Reading them with the Arrow-mapped type would drop the time zone offset,
 * take a bit string's characters for bytes, or refuse integers wider than 38 digits.
 */
class TestBulkInexactTypes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TIME = "12:34:56+05:30";
    private static final String BITS = "0101";
    private static final String HUGE = "170141183460469231731687303715884105727";
    private static final String UHUGE = "340282366920938463463374607431768211455";
    /** The values as text, as each format's upload carries them. */
    private static final String TEXT_ROW = "SELECT %d AS id, '" + TIME + "' AS t, '" + BITS + "' AS b, '" + HUGE
            + "' AS h, '" + UHUGE + "' AS u";
    @RegisterExtension
    static final BulkServerExtension bulk = new BulkServerExtension();

    @BeforeEach
    void freshTable() throws Exception {
        bulk.http().sql("CREATE OR REPLACE TABLE odd (id INTEGER, t TIMETZ, b BIT, h HUGEINT, u UHUGEINT)");
    }

    @Test
    void textFormatsStoreTheValuesAsSqlWould() throws Exception {
        String csv = "id,t,b,h,u\n1," + TIME + "," + BITS + "," + HUGE + "," + UHUGE + "\n";
        assertImported(bulk.http().importInto("odd", "format=csv", csv.getBytes(StandardCharsets.UTF_8)));
        String jsonl = "{\"id\":2,\"t\":\"" + TIME + "\",\"b\":\"" + BITS + "\",\"h\":" + HUGE + ",\"u\":" + UHUGE
                + "}\n";
        assertImported(bulk.http().importInto("odd", "format=jsonl", jsonl.getBytes(StandardCharsets.UTF_8)));
        assertStored(1, 2);
    }

    @Test
    void parquetAndArrowUploadsAndPartsStoreTheValuesAsSqlWould() throws Exception {
        assertImported(bulk.http().importInto("odd", "format=parquet", export(TEXT_ROW.formatted(1), "parquet")));
        assertImported(bulk.http().importInto("odd", "format=arrow", export(TEXT_ROW.formatted(2), "arrow")));
        // parts are cast to the table's types when staged: these columns are left to the commit
        HttpResponse<String> begun = bulk.http().post("/v1/import?table=odd", bulk.server().adminToken(), new byte[0]);
        String id = JSON.readTree(begun.body()).get("importId").asText();
        for (String format : new String[] {"arrow", "parquet"}) {
            HttpResponse<String> part = bulk.http().post("/v1/import/" + id + "/parts?format=" + format, bulk.server().adminToken(),
                    export(TEXT_ROW.formatted(format.equals("arrow") ? 3 : 4), format));
            assertThat(part.statusCode()).as(format + ": " + part.body()).isEqualTo(200);
        }
        assertImported(bulk.http().post("/v1/import/" + id + "/commit", bulk.server().adminToken(), new byte[0]));
        assertStored(1, 2, 3, 4);
    }

    private static byte[] export(String sql, String format) throws Exception {
        HttpResponse<byte[]> export = bulk.http().export(sql, "format=" + format);
        assertThat(export.statusCode()).isEqualTo(200);
        return export.body();
    }

    private static void assertImported(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** Rows {@code ids} hold exactly the values a SQL INSERT of the text stores. */
    private static void assertStored(int... ids) throws Exception {
        bulk.http().sql("CREATE OR REPLACE TABLE expected (t TIMETZ, b BIT, h HUGEINT, u UHUGEINT)",
                "INSERT INTO expected VALUES ('" + TIME + "', '" + BITS + "', " + HUGE + ", " + UHUGE + ")");
        assertThat(bulk.http().count("SELECT count(*) FROM odd")).isEqualTo(ids.length);
        assertThat(bulk.http().count("SELECT count(*) FROM odd JOIN expected USING (t, b, h, u)")).isEqualTo(ids.length);
        assertThat(bulk.http().count("SELECT count(*) FROM odd WHERE t::VARCHAR = '" + TIME + "' AND b::VARCHAR = '"
                + BITS + "' AND h::VARCHAR = '" + HUGE + "' AND u::VARCHAR = '" + UHUGE + "'")).isEqualTo(ids.length);
    }
}

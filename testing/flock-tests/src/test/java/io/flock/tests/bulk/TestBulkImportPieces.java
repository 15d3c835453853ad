package io.flock.tests.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CSV and TSV imports cut into pieces while they arrive ({@code bulk.import-piece-size}, here 4 KB so
 * that every upload has many pieces): every row arrives once and in order, quoted line breaks and
 * quotes across piece boundaries stay inside their values, and errors in a later piece still name
 * the line of the whole upload and the column, with the table unchanged.
 */
class TestBulkImportPieces {
    @RegisterExtension
    static final BulkServerExtension bulk = new BulkServerExtension(
            builder -> builder.property("bulk.import-piece-size", "4KB"));

    @BeforeEach
    void freshTable() throws Exception {
        bulk.http().sql("CREATE OR REPLACE TABLE items (id INTEGER NOT NULL, note VARCHAR, qty INTEGER)",
                "INSERT INTO items VALUES (0, 'existing', 1)");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Rows 1..n, each note with quotes, a comma and a line break inside quotes on every third row. */
    private static String quotedRows(int n, String lineEnd) {
        StringBuilder csv = new StringBuilder("id,note,qty" + lineEnd);
        for (int i = 1; i <= n; i++) {
            String note = i % 3 == 0 ? "\"say \"\"hi\"\",\n" + i + "\"" : "plain" + i;
            csv.append(i).append(',').append(note).append(',').append(i % 10).append(lineEnd);
        }
        return csv.toString();
    }

    @Test
    void everyRowArrivesOnceWithQuotedLineBreaksAcrossPieces() throws Exception {
        HttpResponse<String> response = bulk.http().importInto("items", "", utf8(quotedRows(20_000, "\n")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"rows\":20000");
        assertThat(bulk.http().count("SELECT count(*) FROM items WHERE id > 0")).isEqualTo(20_000);
        assertThat(bulk.http().count("SELECT count(DISTINCT id) FROM items WHERE id > 0 AND id <= 20000")).isEqualTo(20_000);
        assertThat(bulk.http().count("SELECT count(*) FROM items WHERE id % 3 = 0 AND note = 'say \"hi\",' || chr(10) || id"))
                .isEqualTo(6_666);
        assertThat(bulk.http().count("SELECT count(*) FROM items WHERE id % 3 <> 0 AND id > 0 AND note = 'plain' || id"
                + " AND qty = id % 10")).isEqualTo(13_334);
        // in upload order: the rowid follows the id
        assertThat(bulk.http().count("SELECT count(*) FROM (SELECT id, lag(id) OVER (ORDER BY rowid) AS before FROM items"
                + " WHERE id > 0) WHERE before IS NOT NULL AND id <> before + 1")).isZero();
    }

    @Test
    void crlfLineEndsAndTsvWithoutHeaderByPosition() throws Exception {
        HttpResponse<String> crlf = bulk.http().importInto("items", "", utf8(quotedRows(5_000, "\r\n")));
        assertThat(crlf.statusCode()).as(crlf.body()).isEqualTo(200);
        StringBuilder tsv = new StringBuilder();
        for (int i = 5_001; i <= 10_000; i++) {
            tsv.append(i).append("\tt").append(i).append('\t').append(i % 7).append('\n');
        }
        HttpResponse<String> byPosition = bulk.http().importInto("items", "format=tsv&header=false", utf8(tsv.toString()));
        assertThat(byPosition.statusCode()).as(byPosition.body()).isEqualTo(200);
        assertThat(bulk.http().count("SELECT count(DISTINCT id) FROM items WHERE id BETWEEN 1 AND 10000")).isEqualTo(10_000);
        assertThat(bulk.http().count("SELECT count(*) FROM items WHERE id > 5000 AND note = 't' || id AND qty = id % 7"))
                .isEqualTo(5_000);
        // a first record with a quoted line feed in a CRLF file: its line break is told to the reader
        HttpResponse<String> quotedFirst = bulk.http().importInto("items", "header=false",
                utf8("10001,\"a\nb\",1\r\n10002,c,2\r\n"));
        assertThat(quotedFirst.statusCode()).as(quotedFirst.body()).isEqualTo(200);
        assertThat(bulk.http().count("SELECT count(*) FROM items WHERE (id = 10001 AND note = 'a' || chr(10) || 'b')"
                + " OR (id = 10002 AND note = 'c' AND qty = 2)")).isEqualTo(2);
    }

    @Test
    void aWrongTypeInALaterPieceNamesTheLineOfTheUploadAndChangesNothing() throws Exception {
        // rows with quoted line breaks before the bad one: lines are records, as DuckDB counts them
        String csv = quotedRows(30_000, "\n").replace("\n29000,plain29000,0\n", "\n29000,plain29000,lots\n");
        HttpResponse<String> response = bulk.http().importInto("items", "", utf8(csv));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("Nothing was imported into default_db.main.items")
                .contains("Line: 29001").contains("column \\\"qty\\\"").contains("lots").doesNotContain("spool");
        assertUnchanged();
    }

    @Test
    void aMalformedLineInALaterPieceNamesTheLineOfTheUpload() throws Exception {
        StringBuilder csv = new StringBuilder("id,note\n");
        for (int i = 1; i <= 20_000; i++) {
            csv.append(i).append(",n").append(i).append(i == 15_000 ? ",extra\n" : "\n");
        }
        HttpResponse<String> response = bulk.http().importInto("items", "", utf8(csv.toString()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("Line: 15001");
        assertUnchanged();
    }

    @Test
    void anUnterminatedQuoteFailsAndChangesNothing() throws Exception {
        String csv = quotedRows(10_000, "\n") + "10001,\"never closed,1\n10002,x,2\n";
        HttpResponse<String> response = bulk.http().importInto("items", "", utf8(csv));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("Line: 10002");
        assertUnchanged();
    }

    @Test
    void gzipUploadsArriveInPiecesAndATruncatedOneChangesNothing() throws Exception {
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gzip)) {
            out.write(utf8(quotedRows(20_000, "\n")));
        }
        byte[] whole = gzip.toByteArray();
        HttpResponse<String> good = bulk.http().importInto("items", "compression=gzip", whole);
        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        assertThat(bulk.http().count("SELECT count(*) FROM items")).isEqualTo(20_001);

        bulk.http().sql("DELETE FROM items WHERE id > 0");
        HttpResponse<String> truncated = bulk.http().importInto("items", "compression=gzip",
                Arrays.copyOf(whole, whole.length * 2 / 3));
        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(truncated.body()).contains("broke off or is not valid gzip").contains("nothing was imported");
        assertUnchanged();
    }

    @Test
    void anUploadCutOffAfterSeveralPiecesChangesNothingAndLeavesNoSpoolFile() throws Exception {
        byte[] part = utf8(quotedRows(5_000, "\n"));
        assertThat(bulk.http().cutOffImport("items", part)).isZero(); // the server cleaned its spool up
        assertUnchanged();
        assertThat(bulk.http().importInto("items", "", utf8("id\n5\n")).statusCode()).isEqualTo(200);
    }

    @Test
    void aHeaderOnlyUploadImportsNothingAndAnEmptyOneSaysSo() throws Exception {
        HttpResponse<String> headerOnly = bulk.http().importInto("items", "", utf8("id,note,qty\n"));
        assertThat(headerOnly.statusCode()).as(headerOnly.body()).isEqualTo(200);
        assertThat(headerOnly.body()).contains("\"rows\":0");
        HttpResponse<String> empty = bulk.http().importInto("items", "", new byte[0]);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("empty");
        assertUnchanged();
    }


    private static void assertUnchanged() throws Exception {
        assertThat(bulk.http().count("SELECT count(*) FROM items")).isEqualTo(1);
        assertThat(bulk.http().count("SELECT count(*) FROM items WHERE id = 0 AND note = 'existing'")).isEqualTo(1);
    }
}

package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.flock.cli.CliContext;
import io.flock.cli.IngestCommand;
import io.flock.client.FlockClient;
import io.flock.client.QueryResult;
import io.flock.client.Row;
import io.flock.testing.TestingFlockServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code flock ingest} in-process: CSV and JSON Lines into a table, a bad line stops it with exit 1
 * naming the line after everything before it is stored, a server-side rejection names its line and
 * stores nothing from its batch on (also with batches in flight behind it), and a server restart in
 * the middle of the input is ridden through exactly once.
 */
class TestCliIngest {
    private static TestingFlockServer server;
    private static FlockClient client;

    record Run(int exitCode, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        server = TestingFlockServer.builder().dataDirectory(Files.createTempDirectory("flock-cli-ingest-"))
                .property("flight.port", Integer.toString(TestIngestExactlyOnce.freePort())).build();
        client = TestIngestExactlyOnce.client(server);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @BeforeEach
    void table() {
        client.executeUpdate("CREATE OR REPLACE TABLE people (id BIGINT NOT NULL, name VARCHAR(10), born DATE,"
                + " seen TIMESTAMP, score DECIMAL(5, 2), tags VARCHAR[], info STRUCT(city VARCHAR))");
    }

    @Test
    void aNamedStreamAddsNewInputAfterItsRowsAndSkipsThemOnlyWhenResuming() {
        Run first = ingest("id,name\n1,a\n2,b\n", "--table", "people", "--stream-id", "daily");
        assertThat(first.exitCode()).as(first.err()).isZero();
        // the next day's input under the same stream name: added, nothing skipped
        Run second = ingest("id,name\n3,c\n4,d\n5,e\n", "--table", "people", "--stream-id", "daily");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.err()).contains("has stored 2 rows before").contains("3 rows ingested");
        // the same input again, resumed: the 5 rows the stream stored are skipped, the sixth is new
        Run resumed = ingest("id,name\n1,a\n2,b\n3,c\n4,d\n5,e\n6,f\n", "--table", "people", "--stream-id",
                "daily", "--resume");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("1 rows ingested").contains("the first 5 input rows were skipped");
        assertThat(texts("SELECT string_agg(id::VARCHAR, ',' ORDER BY id) FROM people")).containsExactly("1,2,3,4,5,6");
        // a bad line of new input is still named by its line, after the stream's stored rows
        Run bad = ingest("id,name\n7,g\nseven,h\n", "--table", "people", "--stream-id", "daily");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("line 3");
        assertThat(ingest("id\n1\n", "--table", "people", "--resume").exitCode()).isEqualTo(2);
    }

    @Test
    void csvWithHeaderAndNulls() {
        Run run = ingest("id,name,born,seen,score,tags\n"
                + "1,ann,1990-01-02,2024-05-06 07:08:09,12.5,\"[\"\"a\"\",\"\"b\"\"]\"\n"
                + "2,,,,,\n"
                + "3,\"c, d\",2000-02-29,2024-05-06T00:00:00,-1,[]\n", "--table", "people");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("3 rows ingested into people");
        assertThat(texts("SELECT id || '|' || coalesce(name, '-') || '|' || coalesce(born::VARCHAR, '-') || '|'"
                + " || coalesce(seen::VARCHAR, '-') || '|' || coalesce(score::VARCHAR, '-') || '|'"
                + " || coalesce(tags::VARCHAR, '-') FROM people ORDER BY id")).containsExactly(
                "1|ann|1990-01-02|2024-05-06 07:08:09|12.50|[a, b]", "2|-|-|-|-|-", "3|c, d|2000-02-29|2024-05-06 00:00:00|-1.00|[]");
    }

    @Test
    void jsonLinesWithNestedValues() {
        Run run = ingest("{\"id\": 1, \"name\": \"x\", \"tags\": [\"p\", null], \"info\": {\"city\": \"Oslo\"}}\n\n"
                + "{\"id\": 2, \"name\": null}\n", "--table", "people", "--format", "jsonl");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(texts("SELECT id || ':' || coalesce(tags::VARCHAR, '-') || ':' || coalesce(info.city, '-')"
                + " FROM people ORDER BY id")).containsExactly("1:[p, NULL]:Oslo", "2:-:-");
    }

    @Test
    void cdcModeUpsertsAndDeletesByKey() {
        client.executeUpdate("CREATE OR REPLACE TABLE keyed (k BIGINT PRIMARY KEY, v VARCHAR)");
        Run run = ingest("__op,k,v\nINSERT,1,a\nUPSERT,2,b\nUPSERT,1,c\nDELETE,2,\nDELETE,9,\n", "--table", "keyed",
                "--mode", "cdc");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(texts("SELECT k || ':' || v FROM keyed ORDER BY k")).containsExactly("1:c");
        Run bad = ingest("__op,k,v\nUPSERT,3,x\nMERGE,4,y\n", "--table", "keyed", "--mode", "cdc");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("line 3: the column '__op' must be INSERT, UPSERT or DELETE, not 'MERGE'");
        assertThat(texts("SELECT k || ':' || v FROM keyed ORDER BY k")).containsExactly("1:c", "3:x");
    }

    @Test
    void aCdcLineTheKeyedStorageRejectsIsNamedByItsLine() {
        client.executeUpdate("CREATE OR REPLACE TABLE keyed_lacking (k BIGINT PRIMARY KEY, v VARCHAR NOT NULL)");
        // batches of three: lines 2-4 delete, lines 5-7 hold an upsert (line 6) without the NOT NULL
        // column 'v', which only the keyed storage's checks see (the batch does not carry the column)
        Run run = ingest("__op,k\nDELETE,1\nDELETE,2\nDELETE,5\nDELETE,6\nUPSERT,3\nDELETE,4\n", "--table",
                "keyed_lacking", "--mode", "cdc", "--flush-mode", "manual", "--batch-rows", "3");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("line 6: the server rejected this line, and with it the batch starting at line 5")
                .contains("lacks NOT NULL column 'v'")
                .contains("nothing from line 5 on is stored; 3 rows before it are");
    }

    @Test
    void cdcDeleteLinesNeedOnlyTheKeyWhenAColumnIsNotNull() {
        client.executeUpdate("CREATE OR REPLACE TABLE keyed_nn (k BIGINT PRIMARY KEY, v VARCHAR NOT NULL, n INTEGER)");
        // batches of two rows: (upsert, upsert), (upsert, delete), (delete, delete), (upsert)
        Run run = ingest("__op,k,v,n\nUPSERT,1,a,1\nUPSERT,2,b,2\nUPSERT,3,c,3\nDELETE,1,,\nDELETE,2,,\n"
                + "DELETE,9,,\nUPSERT,4,d,\n", "--table", "keyed_nn", "--mode", "cdc", "--flush-mode", "manual",
                "--batch-rows", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(texts("SELECT k || ':' || v FROM keyed_nn ORDER BY k")).containsExactly("3:c", "4:d");
        // the same in the default (background) flush mode
        Run background = ingest("__op,k,v\nDELETE,3,\nUPSERT,5,e\nDELETE,4,\n", "--table", "keyed_nn", "--mode",
                "cdc");
        assertThat(background.exitCode()).as(background.err()).isZero();
        assertThat(texts("SELECT k || ':' || v FROM keyed_nn ORDER BY k")).containsExactly("5:e");
    }

    @Test
    void aBadLineStopsWithItsNumberAfterStoringEverythingBefore() {
        Run run = ingest("id,name\n1,a\n2,b\nthree,c\n4,d\n", "--table", "people");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("line 4: column 'id': cannot read 'three' as an integer")
                .contains("every row before it is stored: 2 rows");
        assertThat(texts("SELECT id::VARCHAR FROM people ORDER BY id")).containsExactly("1", "2");

        Run unknown = ingest("id,nickname\n1,a\n", "--table", "people");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("line 2: the table has no column 'nickname'");
    }

    @Test
    void aRowTheServerRejectsIsNamedByItsLineAndNothingFromItsBatchOnIsStored() {
        // batches of three: ids 1-3 (lines 2-4), ids 4-6 (lines 5-7: id 5 is too long), ids 7-8
        Run run = ingest("id,name\n1,a\n2,b\n3,c\n4,d\n5,much too long\n6,f\n7,g\n8,h\n", "--table", "people",
                "--flush-mode", "manual", "--batch-rows", "3");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("line 6: the server rejected this line, and with it the batch starting at line 5")
                .contains("column 'name' is VARCHAR(10)")
                .contains("nothing from line 5 on is stored; 3 rows before it are");
        assertThat(texts("SELECT id::VARCHAR FROM people ORDER BY id")).containsExactly("1", "2", "3");

        // the bad row first in its batch: the line is the batch's first
        client.executeUpdate("DELETE FROM people");
        Run first = ingest("id,name\n1,a\n2,b\n3,much too long\n4,d\n5,e\n", "--table", "people",
                "--flush-mode", "manual", "--batch-rows", "2");
        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(first.err()).contains("line 4: the server rejected this line: ")
                .contains("column 'name' is VARCHAR(10)");
        assertThat(texts("SELECT id::VARCHAR FROM people ORDER BY id")).containsExactly("1", "2");
    }

    @Test
    void inTheDefaultBackgroundModeNothingAfterARejectedLineIsStored() {
        // many small batches in flight behind the bad one
        StringBuilder input = new StringBuilder("id,name\n");
        int bad = 500;
        for (int id = 1; id <= 2_000; id++) {
            input.append(id).append(',').append(id == bad ? "much too long" : "n" + id).append('\n');
        }
        Run run = ingest(input.toString(), "--table", "people", "--batch-rows", "7");
        assertThat(run.exitCode()).isEqualTo(1);
        // id 500 is on line 501
        assertThat(run.err()).contains("line 501: the server rejected this line").contains("column 'name'");
        List<String> stored = texts("SELECT id::VARCHAR FROM people ORDER BY id");
        // exactly the batches before the rejected one: a gapless prefix of the input, ending before the bad row
        assertThat(stored).hasSizeLessThan(bad);
        for (int i = 0; i < stored.size(); i++) {
            assertThat(stored.get(i)).isEqualTo(Integer.toString(i + 1));
        }
        assertThat(run.err()).contains("; " + stored.size() + " rows before it are)");
        assertThat(run.err()).doesNotContain("rows ingested");
    }

    @Test
    void ridesThroughAServerRestartExactlyOnce() throws Exception {
        PipedOutputStream feed = new PipedOutputStream();
        // room for all of the input, so writing never blocks even if the CLI stopped reading
        PipedInputStream input = new PipedInputStream(feed, 1 << 20);
        // Its own thread (not the common pool, which may be busy): the pipe then breaks if the CLI ends early.
        CompletableFuture<Run> run = new CompletableFuture<>();
        Thread cli = new Thread(() -> {
            try {
                run.complete(ingest(input, "--table", "people", "--batch-rows", "500"));
            } catch (Throwable t) {
                run.completeExceptionally(t);
            }
        }, "flock-ingest-cli");
        cli.start();
        try (PrintStream writer = new PrintStream(feed, true, StandardCharsets.UTF_8)) {
            writer.println("id,name");
            for (int i = 0; i < 5_000; i++) {
                writer.println(i + ",n" + i);
            }
            // restart once the CLI has stored rows: the stream is open and batches are flowing
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
            while (TestIngestExactlyOnce.count(client, "SELECT count(*) FROM people") == 0 && !run.isDone()
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            server.restart();
            for (int i = 5_000; i < 10_000; i++) {
                writer.println(i + ",n" + i);
            }
            assertThat(writer.checkError()).as("the CLI read all input").isFalse();
        }
        Run done = run.get(5, java.util.concurrent.TimeUnit.MINUTES);
        assertThat(done.exitCode()).as(done.err()).isZero();
        assertThat(done.err()).contains("10000 rows ingested");
        try (FlockClient again = TestIngestExactlyOnce.client(server)) {
            assertThat(TestIngestExactlyOnce.count(again, "SELECT count(*) FROM people")).isEqualTo(10_000);
            assertThat(TestIngestExactlyOnce.count(again, "SELECT count(DISTINCT id) FROM people")).isEqualTo(10_000);
        }
        client.close();
        client = TestIngestExactlyOnce.client(server);
    }

    private static Run ingest(String stdin, String... args) {
        return ingest(new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    private static Run ingest(InputStream stdin, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream outStream = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Map<String, String> environment = Map.of("FLOCK_HOST", server.host(), "FLOCK_PORT",
                Integer.toString(server.port()), "FLOCK_TOKEN", server.adminToken());
        CliContext context = new CliContext(stdin, outStream, errStream, environment, Path.of("target", "cli-history"),
                () -> {
                    throw new IllegalStateException("the test opens no terminal");
                });
        int exit = new CommandLine(new IngestCommand(context)).setErr(new PrintWriter(errStream, true))
                .execute(args);
        return new Run(exit, err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> texts(String sql) {
        List<String> values = new ArrayList<>();
        try (QueryResult result = client.execute(sql)) {
            result.rows().forEachRemaining((Row r) -> values.add(r.getString(0)));
        }
        return values;
    }
}

package io.flock.tests;

import static io.flock.tests.CliTestSupport.adminEnvironment;
import static io.flock.tests.CliTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.flock.client.FlockClient;
import io.flock.tests.CliTestSupport.CliRun;
import io.flock.testing.TestingFlockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flock sql -e} and {@code -f}: statements, every output format, connection flags, errors and exit codes. */
class TestCliScripts {
    private static final String PEOPLE = "SELECT * FROM people ORDER BY id";
    private static TestingFlockServer server;
    private static Map<String, String> environment;

    @BeforeAll
    static void start() {
        server = TestingFlockServer.create();
        environment = adminEnvironment(server);
        try (FlockClient admin = FlockClient.builder().host(server.host()).port(server.port())
                .token(server.adminToken()).build()) {
            admin.executeUpdate("CREATE DATABASE sales");
            admin.executeUpdate("CREATE TABLE people (id INTEGER, name VARCHAR, score DECIMAL(5, 2))");
            admin.executeUpdate("INSERT INTO people VALUES (1, 'Ann', 12.50), (2, 'Bo, \"the\" tall', NULL), "
                    + "(3, 'semi;colon', 7)");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void alignedIsTheDefault() {
        CliRun run = run(environment, "-e", PEOPLE);
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("""
                 id | name           | score
                ----+----------------+-------
                  1 | Ann            | 12.50
                  2 | Bo, "the" tall |  NULL
                  3 | semi;colon     |  7.00
                """);
    }

    @Test
    void csvQuotesPerRfc4180() {
        CliRun run = run(environment, "-e", PEOPLE, "--format", "csv");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                id,name,score
                1,Ann,12.50
                2,"Bo, ""the"" tall",
                3,semi;colon,7.00
                """);
    }

    @Test
    void csvWithoutHeader() {
        CliRun run = run(environment, "-e", "SELECT 'a\nb' AS text, 1 AS n", "--format", "CSV", "--no-header");
        assertThat(run.out()).isEqualTo("\"a\nb\",1\n");
    }

    @Test
    void tsv() {
        CliRun run = run(environment, "-e", "SELECT 'a\tb' AS x, 'plain' AS y", "--format", "tsv");
        assertThat(run.out()).isEqualTo("x\ty\n\"a\tb\"\tplain\n");
        assertThat(run(environment, "-e", "SELECT 'a\tb' AS x, 'plain' AS y", "--format", "tsv", "--no-header").out())
                .isEqualTo("\"a\tb\"\tplain\n");
    }

    @Test
    void jsonLines() {
        CliRun run = run(environment, "-e", PEOPLE, "--format", "json");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                {"id":1,"name":"Ann","score":12.50}
                {"id":2,"name":"Bo, \\"the\\" tall","score":null}
                {"id":3,"name":"semi;colon","score":7.00}
                """);
    }

    @Test
    void jsonKeepsBooleansListsAndDates() {
        CliRun run = run(environment, "-e", "SELECT true AS ok, [1, 2] AS list, DATE '2024-02-29' AS day",
                "--format", "json");
        assertThat(run.out()).isEqualTo("{\"ok\":true,\"list\":[1,2],\"day\":\"2024-02-29\"}\n");
    }

    @Test
    void markdown() {
        CliRun run = run(environment, "-e", "SELECT 1 AS n, 'a|b' AS text, NULL AS nothing", "--format", "markdown");
        assertThat(run.out()).isEqualTo("""
                | n | text | nothing |
                | --- | --- | --- |
                | 1 | a\\|b | NULL |
                """);
    }

    @Test
    void severalStatementsRespectQuotesAndComments() {
        CliRun run = run(environment, "--format", "csv", "--no-header", "-e",
                "SELECT 'a;b' AS x; -- a comment; with a semicolon\nSELECT \"semi;colon\" FROM (SELECT 2 AS \"semi;colon\")");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("a;b\n2\n");
    }

    @Test
    void fileRunsEveryStatement(@TempDir Path directory) throws Exception {
        Path script = directory.resolve("script.sql");
        Files.writeString(script, """
                CREATE TABLE scratch (id INTEGER);
                INSERT INTO scratch VALUES (1), (2);
                /* a block comment; it holds a semicolon */
                SELECT count(*) AS n FROM scratch;
                DROP TABLE scratch
                """);
        CliRun run = run(environment, "-f", script.toString(), "--format", "csv");
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("n\n2\n");
    }

    @Test
    void fileFromStandardInput() {
        CliRun run = CliTestSupport.runWithInput(environment, "SELECT 42 AS answer;", "-f", "-", "--format", "csv", "--no-header");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("42\n");
    }

    @Test
    void failingStatementStopsTheScriptWithTheServersMessage() {
        CliRun run = run(environment, "--format", "csv", "-e", "SELECT 1 AS a; SELECT * FROM missing_table; SELECT 3 AS c");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("a\n1\n");
        assertThat(run.err()).contains("Table with name missing_table does not exist").contains("SQLSTATE 42");
    }

    @Test
    void failureWhileRunningNamesTheQueryId() {
        CliRun run = run(environment, "-e", "SELECT CAST('x' || range AS INTEGER) FROM range(3)");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).containsPattern("Query failed \\(#(\\w+)\\)").containsPattern(", query \\w+]");
    }

    @Test
    void databaseFlagAndUrlPickTheSessionDatabase() {
        assertThat(run(environment, "--database", "sales", "--format", "csv", "--no-header", "-e",
                "SELECT current_database()").out()).isEqualTo("sales\n");
        String url = "flock://" + server.host() + ":" + server.port() + "/sales";
        assertThat(run(Map.of("FLOCK_TOKEN", server.adminToken()), "--url", url, "--format", "csv", "--no-header",
                "-e", "SELECT current_database()").out()).isEqualTo("sales\n");
    }

    @Test
    void hostPortUserAndTokenFlags() {
        CliRun run = run(Map.of(), "--host", server.host(), "--port", Integer.toString(server.port()),
                "--user", "admin", "--token", server.adminToken(), "--format", "csv", "--no-header", "-e", "SELECT 1");
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("1\n");
    }

    @Test
    void wrongTokenIsAConnectionFailure() {
        Map<String, String> wrong = new HashMap<>(environment);
        wrong.put("FLOCK_TOKEN", "flk_not_a_real_token");
        CliRun run = run(wrong, "-e", "SELECT 1");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isNotBlank();
    }

    @Test
    void missingTokenIsAUsageError() {
        CliRun run = run(Map.of("FLOCK_PORT", Integer.toString(server.port())), "-e", "SELECT 1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).containsIgnoringCase("token");
    }

    @Test
    void badFlagsAreUsageErrors(@TempDir Path directory) {
        CliRun format = run(environment, "-e", "SELECT 1", "--format", "xml");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("Unknown format 'xml'");
        CliRun both = run(environment, "-e", "SELECT 1", "-f", directory.resolve("x.sql").toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("either -e or -f");
        CliRun missing = run(environment, "-f", directory.resolve("missing.sql").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Cannot read the script file").contains("missing.sql");
    }
}

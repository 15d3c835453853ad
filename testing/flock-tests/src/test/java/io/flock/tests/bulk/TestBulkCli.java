package io.flock.tests.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.flock.cli.CliContext;
import io.flock.cli.ExportCommand;
import io.flock.cli.ImportCommand;
import io.flock.testing.TestingFlockServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code flock export} and {@code flock import}: files, directories of parts, formats from names, errors. */
class TestBulkCli {
    private static TestingFlockServer server;
    private static BulkHttp http;
    private static Map<String, String> environment;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() throws Exception {
        server = TestingFlockServer.create();
        http = new BulkHttp(server);
        environment = Map.of("FLOCK_HOST", server.host(), "FLOCK_PORT", Integer.toString(server.port()),
                "FLOCK_HTTP_PORT", Integer.toString(server.server().httpPort()), "FLOCK_TOKEN", server.adminToken());
        http.sql("CREATE TABLE cities AS SELECT range AS id, 'city ' || range AS name FROM range(30000)");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(Function<CliContext, Callable<Integer>> command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]), outStream, errStream, environment,
                Path.of("target", "cli-test-history"), () -> {
                    throw new IllegalStateException("the test opens no terminal");
                });
        int exit = new CommandLine(command.apply(context)).setOut(new PrintWriter(outStream, true))
                .setErr(new PrintWriter(errStream, true)).execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void exportToAFileAndImportItBack() throws Exception {
        Path file = directory.resolve("cities.csv.gz");
        Run export = run(ExportCommand::new, "SELECT * FROM cities", "--out", file.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.err()).contains("Exported").contains("to " + file);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().count()).isEqualTo(30_001);
        }
        http.sql("CREATE OR REPLACE TABLE cities_copy AS SELECT * FROM cities WHERE false");
        Run imported = run(ImportCommand::new, "cities_copy", file.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.err()).contains("Imported 30000 rows from 1 file(s) into default_db.main.cities_copy");
        assertThat(http.count("SELECT count(*) FROM (SELECT * FROM cities EXCEPT SELECT * FROM cities_copy)")).isZero();
    }

    @Test
    void parallelExportWritesPartsThatImportInParallel() throws Exception {
        Path parts = directory.resolve("parts");
        Run export = run(ExportCommand::new, "SELECT * FROM cities", "--out", parts.toString(), "--parallel", "3",
                "--format", "parquet");
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.err()).contains("Exported 30000 rows");
        List<String> files;
        try (Stream<Path> listing = Files.list(parts)) {
            files = listing.map(Path::toString).sorted().toList();
        }
        assertThat(files).hasSize(3).allSatisfy(f -> assertThat(f).endsWith(".parquet"));
        http.sql("CREATE OR REPLACE TABLE cities_parts AS SELECT * FROM cities WHERE false");
        String[] args = Stream.concat(Stream.of("cities_parts"), files.stream()).toArray(String[]::new);
        Run imported = run(ImportCommand::new, args);
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.err()).contains("Imported 30000 rows from 3 file(s)");
        assertThat(http.count("SELECT count(DISTINCT id) FROM cities_parts")).isEqualTo(30_000);
    }

    @Test
    void aParallelExportFailingOnOnePartLeavesNoPartFiles() throws Exception {
        Path parts = directory.resolve("failing-parts");
        // part 1's file cannot be created: a (non-empty) directory has its name
        Path obstacle = parts.resolve("part-00001.csv.partial");
        Files.createDirectories(obstacle);
        Files.writeString(obstacle.resolve("keep"), "x");
        Run export = run(ExportCommand::new, "SELECT * FROM cities", "--out", parts.toString(), "--parallel", "3");
        assertThat(export.exitCode()).as(export.err()).isNotZero();
        assertThat(export.err()).contains("Cannot write").contains("part-00001.csv.partial");
        assertThat(regularFiles(parts)).as("files left by the failed export").isEmpty();
    }

    @Test
    void aParallelExportThatCannotRenameItsPartsLeavesNoneOfThemAndKeepsAnEarlierExport() throws Exception {
        Path parts = directory.resolve("unrenamable-parts");
        // every part arrives, but part 1 cannot take its final name: parts 0 and 2 must not stay alone
        Path obstacle = parts.resolve("part-00001.csv");
        Files.createDirectories(obstacle);
        Files.writeString(obstacle.resolve("keep"), "x");
        // parts 0 and 2 of an earlier export are there: the failed export must not cost them
        Files.writeString(parts.resolve("part-00000.csv"), "earlier 0");
        Files.writeString(parts.resolve("part-00002.csv"), "earlier 2");
        Run export = run(ExportCommand::new, "SELECT * FROM cities", "--out", parts.toString(), "--parallel", "3");
        assertThat(export.exitCode()).as(export.err()).isNotZero();
        assertThat(export.err()).contains("Cannot write").contains("final names");
        assertThat(regularFiles(parts)).as("files left after the failed export")
                .containsExactly("part-00000.csv", "part-00002.csv");
        assertThat(Files.readString(parts.resolve("part-00000.csv"))).isEqualTo("earlier 0");
        assertThat(Files.readString(parts.resolve("part-00002.csv"))).isEqualTo("earlier 2");
    }

    /** The regular files directly in {@code directory} (not the obstacles' contents). */
    private static List<String> regularFiles(Path directory) throws Exception {
        try (Stream<Path> listing = Files.list(directory)) {
            return listing.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void exportToStandardOutput() {
        Run export = run(ExportCommand::new, "SELECT id FROM cities WHERE id < 3 ORDER BY id", "--out", "-",
                "--format", "tsv", "--no-header");
        assertThat(export.exitCode()).isZero();
        assertThat(export.out()).isEqualTo("0\n1\n2\n");
    }

    @Test
    void aFailedImportReportsTheServersErrorAndExitCode() throws Exception {
        Path bad = directory.resolve("bad.csv");
        Files.writeString(bad, "id,name\n1,a\nx,b\n");
        http.sql("CREATE OR REPLACE TABLE cities_bad AS SELECT * FROM cities WHERE false");
        Run imported = run(ImportCommand::new, "cities_bad", bad.toString());
        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(imported.err()).contains("Line: 3").contains("[DATA_ERROR, SQLSTATE 22000");
        assertThat(http.count("SELECT count(*) FROM cities_bad")).isZero();
        Run missing = run(ExportCommand::new, "SELECT * FROM no_such_table", "--out", directory.resolve("x.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no_such_table");
        assertThat(directory.resolve("x.csv")).doesNotExist();
    }
}

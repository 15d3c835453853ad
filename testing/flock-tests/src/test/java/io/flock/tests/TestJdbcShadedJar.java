package io.flock.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.flock.testing.TestingFlockServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shaded driver jar ({@code flock-jdbc-<version>-all.jar}) on its own: it holds no unrelocated
 * Arrow, gRPC, Netty or protobuf class, registers the driver as a service, and runs a query in a
 * separate JVM next to the project's own (unshaded) Arrow jars.
 */
class TestJdbcShadedJar {
    private static Path shadedJar() throws IOException {
        Path target = Paths.get("..", "..", "client", "flock-jdbc", "target").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("flock-jdbc-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("No shaded jar in " + target + "; run the package phase"));
        }
    }

    @Test
    void shadedJarRelocatesItsDependencies() throws IOException {
        try (JarFile jar = new JarFile(shadedJar().toFile())) {
            List<String> classes = jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class"))
                    .filter(n -> !n.startsWith("META-INF/")).toList();
            assertThat(classes).contains("io/flock/jdbc/FlockDriver.class", "io/flock/client/FlockClient.class")
                    .anyMatch(n -> n.startsWith("io/flock/jdbc/shaded/org/apache/arrow/"))
                    .anyMatch(n -> n.startsWith("io/flock/jdbc/shaded/io/grpc/"));
            assertThat(classes).allMatch(n -> n.startsWith("io/flock/"), "every class is Flock's or relocated");
            String services = new String(jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertThat(services.trim()).isEqualTo("io.flock.jdbc.FlockDriver");
            assertThat(jar.getEntry("META-INF/services/io.flock.jdbc.shaded.io.grpc.ManagedChannelProvider")).isNotNull();
        }
    }

    @Test
    void queryRunsThroughTheShadedJarInASeparateJvm() throws Exception {
        List<String> classPath = new ArrayList<>();
        classPath.add(shadedJar().toString());
        classPath.add(Paths.get("target", "test-classes").toAbsolutePath().toString());
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> Paths.get(entry).getFileName().toString().matches("(arrow|flight)-.*\\.jar"))
                .forEach(classPath::add);
        try (TestingFlockServer server = TestingFlockServer.create()) {
            String url = "jdbc:flock://" + server.host() + ":" + server.port() + "/default_db?token=" + server.adminToken();
            Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
            Process process = new ProcessBuilder(java.toString(), "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "-cp", String.join(File.pathSeparator, classPath), ShadedJarProbe.class.getName(), url)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("driver=io.flock.jdbc.FlockDriver", "total=499500")
                    .containsPattern("driver-jar=.*flock-jdbc-.*-all\\.jar")
                    .containsPattern("arrow=.*arrow-memory-core-.*\\.jar");
        }
    }
}

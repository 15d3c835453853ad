package io.flock.tests.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A parallel import ends exactly once: concurrent or repeated commits and rollbacks are refused
 * with a conflict (409), never run twice. The server keeps its default idle timeout, so an ended
 * import is still known when the second call arrives.
 */
class TestBulkParallelCommit {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTS = 4;
    private static final int ROWS_PER_PART = 50_000;
    @RegisterExtension
    static final BulkServerExtension bulk = new BulkServerExtension();

    @Test
    void twoConcurrentCommitsWriteThePartsOnce() throws Exception {
        bulk.http().sql("CREATE TABLE twice (id BIGINT, name VARCHAR)");
        String id = stagedImport("twice");
        List<HttpResponse<String>> answers = concurrently(
                () -> bulk.http().post("/v1/import/" + id + "/commit", bulk.server().adminToken(), new byte[0]),
                () -> bulk.http().post("/v1/import/" + id + "/commit", bulk.server().adminToken(), new byte[0]));

        List<HttpResponse<String>> succeeded = answers.stream().filter(a -> a.statusCode() == 200).toList();
        List<HttpResponse<String>> refused = answers.stream().filter(a -> a.statusCode() != 200).toList();
        assertThat(succeeded).as(answers.toString()).hasSize(1);
        assertThat(succeeded.get(0).body()).contains("\"rows\":" + PARTS * ROWS_PER_PART);
        assertThat(refused).hasSize(1);
        assertConflict(refused.get(0), id);
        // depending on which came second: still running, or done
        assertThat(refused.get(0).body()).containsAnyOf("is already being committed", "is already committed");
        assertThat(bulk.http().count("SELECT count(*) FROM twice")).isEqualTo(PARTS * ROWS_PER_PART);
        assertThat(bulk.http().count("SELECT count(DISTINCT id) FROM twice")).isEqualTo(PARTS * ROWS_PER_PART);

        // and once it is done: a further commit and a rollback are refused alike
        HttpResponse<String> again = bulk.http().post("/v1/import/" + id + "/commit", bulk.server().adminToken(), new byte[0]);
        assertConflict(again, id);
        assertThat(again.body()).contains("is already committed").contains("cannot be committed again");
        HttpResponse<String> rollback = bulk.http().post("/v1/import/" + id + "/rollback", bulk.server().adminToken(), new byte[0]);
        assertConflict(rollback, id);
        assertThat(rollback.body()).contains("is already committed").contains("can no longer be rolled back");
        assertThat(bulk.http().count("SELECT count(*) FROM twice")).isEqualTo(PARTS * ROWS_PER_PART);
    }

    @Test
    void aCommitRacingARollbackEitherWritesEverythingOrNothing() throws Exception {
        bulk.http().sql("CREATE TABLE raced (id BIGINT, name VARCHAR)");
        String id = stagedImport("raced");
        List<HttpResponse<String>> answers = concurrently(
                () -> bulk.http().post("/v1/import/" + id + "/commit", bulk.server().adminToken(), new byte[0]),
                () -> bulk.http().send("DELETE", "/v1/import/" + id, bulk.server().adminToken()));
        HttpResponse<String> commit = answers.get(0);
        HttpResponse<String> rollback = answers.get(1);
        assertThat(List.of(commit.statusCode(), rollback.statusCode())).as(answers.toString())
                .containsExactlyInAnyOrder(200, 409);
        if (commit.statusCode() == 200) {
            assertConflict(rollback, id);
            assertThat(rollback.body()).contains("can no longer be rolled back");
            assertThat(bulk.http().count("SELECT count(DISTINCT id) FROM raced")).isEqualTo(PARTS * ROWS_PER_PART);
            assertThat(bulk.http().count("SELECT count(*) FROM raced")).isEqualTo(PARTS * ROWS_PER_PART);
        } else {
            assertConflict(commit, id);
            assertThat(commit.body()).contains("is already rolled back");
            assertThat(bulk.http().count("SELECT count(*) FROM raced")).isZero();
        }
    }

    @Test
    void aRolledBackImportCannotBeCommittedOrExtended() throws Exception {
        bulk.http().sql("CREATE TABLE dropped (id BIGINT, name VARCHAR)");
        String id = stagedImport("dropped");
        assertThat(bulk.http().post("/v1/import/" + id + "/rollback", bulk.server().adminToken(), new byte[0]).statusCode())
                .isEqualTo(200);
        // rolling back again is harmless
        assertThat(bulk.http().send("DELETE", "/v1/import/" + id, bulk.server().adminToken()).statusCode()).isEqualTo(200);
        HttpResponse<String> commit = bulk.http().post("/v1/import/" + id + "/commit", bulk.server().adminToken(), new byte[0]);
        assertConflict(commit, id);
        assertThat(commit.body()).contains("is already rolled back").contains("cannot be committed again");
        HttpResponse<String> upload = bulk.http().post("/v1/import/" + id + "/parts", bulk.server().adminToken(),
                "id,name\n1,a\n".getBytes(StandardCharsets.UTF_8));
        assertConflict(upload, id);
        assertThat(upload.body()).contains("parts can no longer be added");
        assertThat(bulk.http().count("SELECT count(*) FROM dropped")).isZero();
    }

    private static void assertConflict(HttpResponse<String> answer, String id) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(answer.body()).contains("TRANSACTION_CONFLICT").contains(id);
    }

    /** Begins an import into {@code table} and stages {@link #PARTS} uploads of distinct ids. */
    private static String stagedImport(String table) throws Exception {
        HttpResponse<String> begun = bulk.http().post("/v1/import?table=" + table, bulk.server().adminToken(), new byte[0]);
        assertThat(begun.statusCode()).as(begun.body()).isEqualTo(200);
        String id = JSON.readTree(begun.body()).get("importId").asText();
        for (int part = 0; part < PARTS; part++) {
            StringBuilder csv = new StringBuilder("id,name\n");
            for (int row = 0; row < ROWS_PER_PART; row++) {
                csv.append(part * ROWS_PER_PART + row).append(",n").append(row).append('\n');
            }
            HttpResponse<String> upload = bulk.http().post("/v1/import/" + id + "/parts", bulk.server().adminToken(),
                    csv.toString().getBytes(StandardCharsets.UTF_8));
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        }
        return id;
    }

    /** Runs both calls at once (released together) and returns their answers in order. */
    @SafeVarargs
    private static List<HttpResponse<String>> concurrently(Callable<HttpResponse<String>>... calls) throws Exception {
        CyclicBarrier start = new CyclicBarrier(calls.length);
        ExecutorService threads = Executors.newFixedThreadPool(calls.length);
        try {
            List<Future<HttpResponse<String>>> running = new java.util.ArrayList<>();
            for (Callable<HttpResponse<String>> call : calls) {
                running.add(threads.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            List<HttpResponse<String>> answers = new java.util.ArrayList<>();
            for (Future<HttpResponse<String>> answer : running) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }
}

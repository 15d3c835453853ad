package io.flock.client.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flock.client.FlockConnectionException;
import io.flock.client.FlockErrorType;
import io.flock.client.FlockException;
import io.flock.client.bulk.BulkClient;
import io.flock.client.bulk.BulkOptions;
import io.flock.client.bulk.ExportResult;
import io.flock.client.bulk.ImportResult;
import io.flock.client.bulk.PartConsumer;
import io.flock.client.bulk.PartSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** The bulk API over {@link HttpClient}: requests, streaming, and problem JSON mapped to Flock's exceptions. */
public final class HttpBulkClient implements BulkClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bytes per write of a received export into the caller's stream. */
    private static final int RECEIVE_BUFFER = 256 * 1024;

    private final ClientConfig config;
    private final HttpClient http;
    private final HttpDownloads downloads;
    private final String base;

    public HttpBulkClient(ClientConfig config) {
        this.config = requireNonNull(config, "config is null");
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout());
        Optional<javax.net.ssl.SSLContext> ssl = config.tls() ? Optional.of(HttpTls.sslContext(config)) : Optional.empty();
        ssl.ifPresent(builder::sslContext);
        this.http = builder.build();
        this.base = (config.tls() ? "https://" : "http://") + config.host() + ":" + config.httpPort();
        this.downloads = new HttpDownloads(base, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()),
                ssl.map(javax.net.ssl.SSLContext::getSocketFactory));
    }

    @Override
    public ExportResult export(String sql, BulkOptions options, OutputStream out) {
        requireNonNull(sql, "sql is null");
        requireNonNull(out, "out is null");
        Map<String, String> headers = new LinkedHashMap<>(headers());
        headers.put("Content-Type", "text/plain; charset=utf-8");
        try (HttpDownloads.Download download = downloads.open("POST", "/v1/export?" + options.queryParameters()
                + database("&"), headers, sql.getBytes(StandardCharsets.UTF_8), "export")) {
            String queryId = download.header("x-flock-query-id").orElse("");
            long bytes = receive(download.body(), out, "The export of query " + queryId);
            return new ExportResult(queryId, bytes, Optional.empty());
        }
    }

    @Override
    public ExportResult exportParallel(String sql, int parts, BulkOptions options, PartConsumer consumer) {
        requireNonNull(consumer, "consumer is null");
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1, not " + parts);
        }
        JsonNode plan = json(request("/v1/export/parts?parts=" + parts + "&" + options.queryParameters() + database("&")
                + "&sql=" + encode(sql)).GET().build(), "parallel export");
        String exportId = plan.get("exportId").asText();
        String queryId = plan.get("queryId").asText();
        AtomicLong bytes = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(parts, daemon("flock-export-part"));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (JsonNode part : plan.get("parts")) {
                int number = part.get("part").asInt();
                String url = part.get("url").asText();
                running.add(threads.submit(() -> {
                    try (HttpDownloads.Download download = downloads.open("GET", url, headers(), null,
                            "export part " + number);
                         CountingInputStream in = new CountingInputStream(download.body())) {
                        consumer.accept(number, in);
                        in.transferTo(OutputStream.nullOutputStream());
                        bytes.addAndGet(in.count());
                    } catch (IOException e) {
                        throw brokeOff("Part " + number + " of the export of query " + queryId, e);
                    }
                    return null;
                }));
            }
            awaitAll(running);
        } finally {
            threads.shutdownNow();
            deleteQuietly("/v1/export/parts/" + exportId);
        }
        return new ExportResult(queryId, bytes.get(), Optional.of(plan.get("rows").asLong()));
    }

    @Override
    public ImportResult importFrom(String table, InputStream content, BulkOptions options) {
        requireNonNull(content, "content is null");
        JsonNode answer = json(request("/v1/import/" + tablePath(table) + "?" + options.queryParameters())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> content)).build(), "import into " + table);
        return new ImportResult(answer.get("table").asText(), answer.get("rows").asLong(), 1);
    }

    @Override
    public ImportResult importParallel(String table, List<PartSource> parts, BulkOptions options, int parallelism) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("An import needs at least one part");
        }
        JsonNode begun = json(request("/v1/import?table=" + encode(table) + database("&"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), "import into " + table);
        String importId = begun.get("importId").asText();
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, parts.size())),
                daemon("flock-import-part"));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (PartSource part : parts) {
                running.add(threads.submit(() -> {
                    try (InputStream in = part.open()) {
                        json(request("/v1/import/" + importId + "/parts?" + options.queryParameters())
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> in)).build(),
                                "upload into " + table);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return null;
                }));
            }
            awaitAll(running);
        } catch (RuntimeException e) {
            deleteQuietly("/v1/import/" + importId);
            throw e;
        } finally {
            threads.shutdownNow();
        }
        JsonNode committed = json(request("/v1/import/" + importId + "/commit").POST(HttpRequest.BodyPublishers.noBody())
                .build(), "commit of the import into " + table);
        return new ImportResult(committed.get("table").asText(), committed.get("rows").asLong(),
                committed.get("parts").asInt());
    }

    private String tablePath(String table) {
        String encoded = encode(table);
        return config.database().map(d -> encode(d) + "/" + encoded).orElse(encoded);
    }

    private String database(String separator) {
        return config.database().map(d -> separator + "database=" + encode(d)).orElse("");
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery));
        headers().forEach(request::header);
        return request;
    }

    /** The credentials and the client's extra headers, sent with every request. */
    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", config.user()
                .map(u -> "Basic " + Base64.getEncoder().encodeToString((u + ":" + config.token())
                        .getBytes(StandardCharsets.UTF_8)))
                .orElse("Bearer " + config.token()));
        headers.putAll(config.headers());
        return headers;
    }

    private HttpResponse<InputStream> send(HttpRequest request, String what) {
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new FlockConnectionException("The " + what + " could not reach Flock's HTTP endpoint at " + base
                    + ": " + e.getMessage(), null, FlockException.UNKNOWN_CODE, "UNAVAILABLE", FlockErrorType.EXTERNAL,
                    "08006", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlockConnectionException("Interrupted during the " + what, null, FlockException.UNKNOWN_CODE,
                    "CANCELLED", FlockErrorType.USER_ERROR, "57014", false, e);
        }
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                throw ProblemErrors.map(response.statusCode(), body.readNBytes(1 << 20), what);
            } catch (IOException e) {
                throw ProblemErrors.map(response.statusCode(), new byte[0], what);
            }
        }
        return response;
    }

    private JsonNode json(HttpRequest request, String what) {
        HttpResponse<InputStream> response = send(request, what);
        try (InputStream body = response.body()) {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw brokeOff("The answer to the " + what, e);
        }
    }

    /** Copies {@code body} to {@code out} in large writes; returns the byte count. */
    private static long receive(InputStream body, OutputStream out, String what) {
        byte[] buffer = new byte[RECEIVE_BUFFER];
        long count = 0;
        try {
            int n;
            while ((n = body.readNBytes(buffer, 0, buffer.length)) > 0) {
                out.write(buffer, 0, n);
                count += n;
            }
            return count;
        } catch (IOException e) {
            throw brokeOff(what + " broke off after " + count + " bytes", e);
        }
    }

    private static FlockConnectionException brokeOff(String what, IOException e) {
        return new FlockConnectionException(what + " did not complete (" + e.getMessage() + "): the server ended it"
                + " early or the connection was lost; what was received is incomplete", null,
                FlockException.UNKNOWN_CODE, "TRANSFER_INCOMPLETE", FlockErrorType.EXTERNAL, "08006", false, e);
    }

    private void deleteQuietly(String path) {
        try {
            http.send(request(path).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // expires on the server after bulk.idle-timeout
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitAll(List<Future<?>> running) {
        RuntimeException first = null;
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (ExecutionException e) {
                RuntimeException failure = e.getCause() instanceof RuntimeException r ? r
                        : new IllegalStateException(e.getCause());
                if (failure instanceof UncheckedIOException io) {
                    failure = brokeOff("Reading a part", io.getCause());
                }
                if (first == null) {
                    first = failure;
                    running.forEach(f -> f.cancel(true));
                }
            } catch (java.util.concurrent.CancellationException e) {
                // cancelled after the first failure
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FlockConnectionException("Interrupted while waiting for the parts", null,
                        FlockException.UNKNOWN_CODE, "CANCELLED", FlockErrorType.USER_ERROR, "57014", false, e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong count = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static final class CountingInputStream extends java.io.FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}

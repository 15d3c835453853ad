package io.flock.http.bulk;

import static java.util.Objects.requireNonNull;

import io.flock.engine.FlockEngine;
import io.flock.engine.bulk.BulkCodec;
import io.flock.engine.catalog.Principal;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The bulk transfer API ({@code /v1/export…}, {@code /v1/import…}; docs/bulk.md): routes an
 * authenticated request to exports or imports, and expires abandoned parallel transfers.
 *
 * <p>Thread-safe. Requests block their Jetty thread while they stream.
 */
public final class BulkEndpoints implements AutoCloseable {
    private final Exports exports;
    private final Imports imports;
    private final ExecutorService writers;
    private final ScheduledExecutorService reaper;
    private final BufferAllocator allocator;

    public BulkEndpoints(FlockEngine engine, BulkCodec codec, BufferAllocator parentAllocator, BulkConfig config) {
        requireNonNull(engine, "engine is null");
        requireNonNull(codec, "codec is null");
        requireNonNull(config, "config is null");
        this.allocator = parentAllocator.newChildAllocator("bulk", 0, Long.MAX_VALUE);
        Spool spool = new Spool(codec.spoolDirectory());
        this.writers = Executors.newCachedThreadPool(threads("flock-bulk-writer"));
        this.exports = new Exports(engine, codec, spool, new ExportWriter(codec, spool, writers, allocator), allocator,
                config);
        this.imports = new Imports(engine, codec, spool, allocator, config, writers);
        this.reaper = Executors.newSingleThreadScheduledExecutor(threads("flock-bulk-reaper"));
        long period = Math.max(50, Math.min(30_000, config.idleTimeout().toMillis() / 4));
        reaper.scheduleWithFixedDelay(() -> {
            exports.expire();
            imports.expire();
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /** Whether {@code path} belongs to the bulk API. */
    public static boolean handles(String path) {
        return path.equals("/v1/export") || path.startsWith("/v1/export/") || path.equals("/v1/import")
                || path.startsWith("/v1/import/");
    }

    /**
     * Serves a bulk request of an authenticated principal. Errors found before the response began
     * are thrown (the caller answers with problem JSON); later ones abort the response.
     */
    public void handle(Principal principal, String path, Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String[] segments = path.substring(1).split("/", -1);
        // segments[0] = "v1", segments[1] = "export" | "import"
        if (segments[1].equals("export")) {
            export(principal, method, segments, request, response, callback);
        } else {
            importing(principal, method, segments, request, response, callback);
        }
    }

    private void export(Principal principal, String method, String[] s, Request request, Response response,
                        Callback callback) {
        boolean get = method.equals("GET");
        if (s.length == 2 && (get || method.equals("POST"))) {
            exports.export(principal, request, response, callback);
        } else if (s.length == 3 && s[2].equals("parts") && get) {
            exports.parts(principal, request, response, callback);
        } else if (s.length == 5 && s[2].equals("parts") && get) {
            exports.part(principal, s[3], s[4], request, response, callback);
        } else if (s.length == 4 && s[2].equals("parts") && method.equals("DELETE")) {
            exports.deleteParts(principal, s[3], response, callback);
        } else {
            throw noEndpoint(method, s);
        }
    }

    private void importing(Principal principal, String method, String[] s, Request request, Response response,
                           Callback callback) {
        boolean post = method.equals("POST");
        if (s.length == 2 && post) {
            imports.begin(principal, request, response, callback);
        } else if (s.length >= 3 && imports.isImportId(s[2])) {
            String id = s[2];
            if (s.length == 4 && s[3].equals("parts") && (post || method.equals("PUT"))) {
                imports.uploadPart(principal, id, request, response, callback);
            } else if (s.length == 4 && s[3].equals("commit") && post) {
                imports.commit(principal, id, response, callback);
            } else if ((s.length == 4 && s[3].equals("rollback") && post) || (s.length == 3 && method.equals("DELETE"))) {
                imports.rollback(principal, id, response, callback);
            } else {
                throw noEndpoint(method, s);
            }
        } else if (s.length == 3 && post && !s[2].isEmpty()) {
            imports.importFile(principal, Optional.empty(), s[2], request, response, callback);
        } else if (s.length == 4 && post && !s[2].isEmpty() && !s[3].isEmpty()) {
            imports.importFile(principal, Optional.of(s[2]), s[3], request, response, callback);
        } else {
            throw noEndpoint(method, s);
        }
    }

    private static FlockException noEndpoint(String method, String[] segments) {
        return new FlockException(ErrorCode.NOT_FOUND, "No endpoint " + method + " /" + String.join("/", segments)
                + " (see docs/bulk.md)");
    }

    private static java.util.concurrent.ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Discards unfinished parallel transfers and stops the threads; call after the HTTP server stopped. */
    @Override
    public void close() {
        reaper.shutdownNow();
        writers.shutdown();
        try {
            writers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exports.discardAll();
        imports.discardAll();
        try {
            allocator.close();
        } catch (IllegalStateException e) {
            org.slf4j.LoggerFactory.getLogger(BulkEndpoints.class).warn("Bulk transfers left Arrow memory allocated: {}",
                    e.getMessage());
        }
    }
}

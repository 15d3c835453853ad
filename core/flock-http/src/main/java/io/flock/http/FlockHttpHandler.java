package io.flock.http;

import static java.util.Objects.requireNonNull;

import io.flock.engine.FlockEngine;
import io.flock.engine.catalog.Catalog;
import io.flock.engine.catalog.Credentials;
import io.flock.engine.catalog.Principal;
import io.flock.spi.ErrorCode;
import io.flock.http.bulk.BulkEndpoints;
import io.flock.spi.FlockException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Routes HTTP requests. {@code GET /v1/health} is open (it reveals only liveness and version, for
 * load balancers); everything else checks credentials on every call: {@code Authorization:
 * Bearer <token>} or basic {@code user:token}. Bulk import and export are served by
 * {@link BulkEndpoints}.
 */
final class FlockHttpHandler extends Handler.Abstract {
    private final FlockEngine engine;
    private final FlockMetrics metrics;
    private final String version;
    private final String generation;
    private final BulkEndpoints bulk;

    FlockHttpHandler(FlockEngine engine, FlockMetrics metrics, String version, long generation, BulkEndpoints bulk) {
        this.engine = requireNonNull(engine, "engine is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.version = requireNonNull(version, "version is null");
        this.generation = Long.toString(generation);
        this.bulk = requireNonNull(bulk, "bulk is null");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        response.getHeaders().put("X-Flock-Generation", generation);
        try {
            String path = Request.getPathInContext(request);
            boolean get = request.getMethod().equals("GET");
            if (path.equals("/v1/health") && get) {
                send(response, callback, 200, "application/json",
                        "{\"status\":\"ok\",\"version\":\"" + version + "\",\"generation\":" + generation + "}");
            } else if (path.equals("/metrics") && get) {
                Principal principal = authenticate(request);
                Catalog.checkAdmin(principal, "read metrics");
                send(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
            } else if (BulkEndpoints.handles(path)) {
                bulk.handle(authenticate(request), path, request, response, callback);
            } else {
                authenticate(request);
                throw new FlockException(ErrorCode.NOT_FOUND, "No endpoint " + request.getMethod() + " " + path
                        + " (see docs/http-api.md)");
            }
        } catch (RuntimeException e) {
            FlockException error = HttpErrors.toFlock(e);
            error.queryId().ifPresent(id -> response.getHeaders().put("x-flock-query-id", id.value()));
            if (error.errorCode() == ErrorCode.AUTHENTICATION_FAILED) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"flock\"");
            }
            HttpErrors.addHeaders(error, response);
            HttpErrors.closeIfRequestHasBody(request, response);
            send(response, callback, HttpErrors.status(error), "application/problem+json",
                    HttpErrors.problemJson(error));
        }
        return true;
    }

    private Principal authenticate(Request request) {
        return engine.authenticate(Credentials.parse(request.getHeaders().get(HttpHeader.AUTHORIZATION)));
    }

    private static void send(Response response, Callback callback, int status, String contentType, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}

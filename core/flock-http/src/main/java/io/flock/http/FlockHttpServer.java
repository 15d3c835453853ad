package io.flock.http;

import static java.util.Objects.requireNonNull;

import io.flock.engine.FlockEngine;
import io.flock.engine.bulk.BulkCodec;
import io.flock.http.bulk.BulkConfig;
import io.flock.http.bulk.BulkEndpoints;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import org.apache.arrow.memory.BufferAllocator;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTP endpoint of a coordinator: health, Prometheus metrics and the bulk transfer API
 * (docs/http-api.md, docs/bulk.md).
 */
public final class FlockHttpServer implements AutoCloseable {
    /**
     * Bytes read from a connection at a time (Jetty's default is 8 KiB). Uploads are the large
     * request bodies: a 10M-row CSV import reads 750 MB, so 64 KiB reads (the largest buffer Jetty's
     * pool keeps) make 8 times fewer socket reads and body chunks than the default.
     */
    static final int INPUT_BUFFER_BYTES = 64 * 1024;

    private final Server server;
    private final ServerConnector connector;
    private final boolean tls;
    private final BulkEndpoints bulk;

    private FlockHttpServer(Server server, ServerConnector connector, boolean tls, BulkEndpoints bulk) {
        this.server = server;
        this.connector = connector;
        this.tls = tls;
        this.bulk = bulk;
    }

    /**
     * Starts the endpoint.
     *
     * @param codec the bulk codec of imports and exports (owned by the caller, closed after this)
     * @param allocator the allocator bulk transfers allocate Arrow batches under
     */
    public static FlockHttpServer start(FlockEngine engine, HttpConfig config, BulkCodec codec, BulkConfig bulkConfig,
                                        BufferAllocator allocator, String version) {
        requireNonNull(engine, "engine is null");
        BulkEndpoints bulk = new BulkEndpoints(engine, codec, allocator, bulkConfig);
        Server server = new Server();
        ServerConnector connector;
        if (config.tls().isPresent()) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setSslContext(config.tls().get());
            ssl.setNeedClientAuth(config.requireClientCertificate());
            connector = new ServerConnector(server, ssl);
        } else {
            connector = new ServerConnector(server);
        }
        connector.getConnectionFactory(HttpConnectionFactory.class).setInputBufferSize(INPUT_BUFFER_BYTES);
        connector.setHost(config.bindAddress());
        connector.setPort(config.port());
        server.addConnector(connector);
        server.setHandler(new FlockHttpHandler(engine, new FlockMetrics(engine), version, config.generation(),
                bulk));
        server.setStopTimeout(2_000);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failed
            }
            bulk.close();
            throw new FlockException(ErrorCode.IO_ERROR, "Cannot start the HTTP endpoint on " + config.bindAddress() + ":"
                    + config.port() + ": " + e.getMessage(), e);
        }
        return new FlockHttpServer(server, connector, config.tls().isPresent(), bulk);
    }

    public int port() {
        return connector.getLocalPort();
    }

    public boolean tls() {
        return tls;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new FlockException(ErrorCode.INTERNAL, "Stopping the HTTP endpoint failed: " + e.getMessage(), e);
        } finally {
            bulk.close();
        }
    }

}

package io.flock.http;

import static java.util.Objects.requireNonNull;

import io.flock.engine.FlockEngine;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTP endpoint of a coordinator: health and Prometheus metrics today, the bulk transfer API
 * next (docs/http-api.md).
 */
public final class FlockHttpServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final boolean tls;

    private FlockHttpServer(Server server, ServerConnector connector, boolean tls) {
        this.server = server;
        this.connector = connector;
        this.tls = tls;
    }

    public static FlockHttpServer start(FlockEngine engine, HttpConfig config, String version) {
        requireNonNull(engine, "engine is null");
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
        connector.setHost(config.bindAddress());
        connector.setPort(config.port());
        server.addConnector(connector);
        server.setHandler(new FlockHttpHandler(engine, new FlockMetrics(engine), version, config.generation()));
        server.setStopTimeout(2_000);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failed
            }
            throw new FlockException(ErrorCode.IO_ERROR, "Cannot start the HTTP endpoint on " + config.bindAddress() + ":"
                    + config.port() + ": " + e.getMessage(), e);
        }
        return new FlockHttpServer(server, connector, config.tls().isPresent());
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
        }
    }

}

package io.flock.flight;

import static java.util.Objects.requireNonNull;

import io.flock.engine.FlockEngine;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running Arrow Flight SQL endpoint of a coordinator. */
public final class FlockFlightServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FlockFlightServer.class);

    private final FlightServer server;
    private final ExecutorService calls;
    private final ExecutorService streaming;
    private final FlightConfig config;

    private FlockFlightServer(FlightServer server, ExecutorService calls, ExecutorService streaming, FlightConfig config) {
        this.server = server;
        this.calls = calls;
        this.streaming = streaming;
        this.config = config;
    }

    /** Starts listening; fails with a clear message when the port is taken or TLS files are bad. */
    public static FlockFlightServer start(FlockEngine engine, BufferAllocator allocator, FlightConfig config,
                                          String version) {
        requireNonNull(engine, "engine is null");
        // The server owns the executor of the gRPC calls: Flight's default one is shut down together
        // with the listener, so a call arriving on an open connection during the grace period would
        // be rejected and its stream reset (RST_STREAM INTERNAL_ERROR) instead of being served.
        ExecutorService calls = Executors.newCachedThreadPool(daemonThreads("flock-flight-call"));
        ExecutorService streaming = Executors.newCachedThreadPool(daemonThreads("flock-result-stream"));
        Location location = config.tls().isPresent()
                ? Location.forGrpcTls(config.bindAddress(), config.port())
                : Location.forGrpcInsecure(config.bindAddress(), config.port());
        FlockFlightSqlProducer producer = new FlockFlightSqlProducer(engine, allocator, streaming,
                config.preparedStatementIdleTimeout(), version);
        FlightServer.Builder builder = FlightServer.builder(allocator, location, producer)
                .executor(calls)
                .headerAuthenticator(new FlockAuthenticator(engine))
                .middleware(CallHeadersMiddleware.KEY, new CallHeadersMiddleware.Factory(config.generation()))
                .middleware(FlightSessions.KEY, FlightSessions.factory());
        try {
            if (config.tls().isPresent()) {
                TlsConfig tls = config.tls().get();
                builder.useTls(tls.certificateChain().toFile(), tls.privateKey().toFile());
                if (tls.clientCa().isPresent()) {
                    builder.useMTlsClientVerification(tls.clientCa().get().toFile());
                }
            }
            FlightServer server = builder.build();
            server.start();
            return new FlockFlightServer(server, calls, streaming, config);
        } catch (IOException | RuntimeException e) {
            calls.shutdownNow();
            streaming.shutdownNow();
            String reason = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw new FlockException(ErrorCode.IO_ERROR, "Cannot start the Flight SQL endpoint on "
                    + config.bindAddress() + ":" + config.port() + ": " + reason, e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public boolean tls() {
        return config.tls().isPresent();
    }

    /**
     * Stops accepting calls and waits up to the grace period for running ones; calls that arrive
     * meanwhile on open connections are still served (new connections are refused, which clients
     * see as UNAVAILABLE and retry elsewhere or later). Then closes what is left.
     */
    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(config.shutdownGracePeriod().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Flight calls still running after {} ms; closing them", config.shutdownGracePeriod().toMillis());
            }
            server.close();
            calls.shutdown();
            if (!calls.awaitTermination(config.shutdownGracePeriod().toMillis(), TimeUnit.MILLISECONDS)) {
                calls.shutdownNow();
            }
        } catch (InterruptedException e) {
            calls.shutdownNow();
            Thread.currentThread().interrupt();
        }
        streaming.shutdownNow();
    }

    static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

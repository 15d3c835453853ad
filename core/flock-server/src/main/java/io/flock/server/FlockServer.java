package io.flock.server;

import static java.util.Objects.requireNonNull;

import io.flock.engine.EngineConfig;
import io.flock.engine.FlockEngine;
import io.flock.engine.duckdb.DuckDbCatalogStore;
import io.flock.engine.duckdb.DuckDbSystemDatabase;
import io.flock.engine.duckdb.DuckDbBulkCodec;
import io.flock.engine.duckdb.DuckDbWorker;
import io.flock.engine.system.SystemTables;
import io.flock.flight.FlockFlightServer;
import io.flock.http.FlockHttpServer;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of a server in role {@code all}: the embedded single node with the
 * coordinator and one local worker in this JVM. It wires the engine and the Flight SQL endpoint
 * by hand and shuts them down in the reverse order.
 */
public final class FlockServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FlockServer.class);

    private final ServerConfig config;
    private final DataDirectoryLock lock;
    private final FlockEngine engine;
    private final BufferAllocator allocator;
    private final FlockFlightServer flight;
    private final FlockHttpServer http;
    private final DuckDbBulkCodec codec;
    private final Optional<String> generatedAdminToken;
    private boolean closed;

    private FlockServer(ServerConfig config, DataDirectoryLock lock, FlockEngine engine, BufferAllocator allocator,
                        FlockFlightServer flight, FlockHttpServer http, DuckDbBulkCodec codec,
                        Optional<String> generatedAdminToken) {
        this.config = config;
        this.lock = lock;
        this.engine = engine;
        this.allocator = allocator;
        this.flight = flight;
        this.http = http;
        this.codec = codec;
        this.generatedAdminToken = generatedAdminToken;
    }

    /**
     * Starts a server.
     *
     * @param adminToken the token of user {@code admin} on a new data directory; generated when empty
     */
    public static FlockServer start(ServerConfig config, Optional<String> adminToken) {
        requireNonNull(config, "config is null");
        config.describe().forEach(line -> log.info("config {}", line));
        DataDirectoryLock lock = DataDirectoryLock.acquire(config.dataDirectory());
        FlockEngine engine = null;
        BufferAllocator allocator = null;
        FlockFlightServer flight = null;
        DuckDbBulkCodec codec = null;
        try {
            EngineConfig engineConfig = config.engineConfig();
            FlockEngine.Startup startup = FlockEngine.start(engineConfig,
                    new DuckDbCatalogStore(engineConfig.dataDirectory().resolve("catalog.duckdb")),
                    new DuckDbWorker(engineConfig.dataDirectory().resolve("databases"), engineConfig.duckDb()),
                    new DuckDbSystemDatabase(SystemTables.ALL), adminToken);
            engine = startup.engine();
            allocator = new RootAllocator();
            flight = FlockFlightServer.start(engine, allocator, config.flightConfig(), Version.current());
            codec = DuckDbBulkCodec.open(config.dataDirectory().resolve("spool"), config.bulkMemoryLimit(),
                    config.bulkThreads());
            FlockHttpServer http = FlockHttpServer.start(engine, config.httpConfig(), codec, config.bulkConfig(),
                    allocator, Version.current());
            log.info("Flock {} listening for Arrow Flight SQL on {}:{} and HTTP on {}:{}{}", Version.current(),
                    config.bindAddress(), flight.port(), config.bindAddress(), http.port(), flight.tls() ? " (TLS)" : "");
            return new FlockServer(config, lock, engine, allocator, flight, http, codec, startup.generatedAdminToken());
        } catch (RuntimeException e) {
            if (flight != null) {
                flight.close();
            }
            if (codec != null) {
                codec.close();
            }
            if (engine != null) {
                engine.close();
            }
            if (allocator != null) {
                allocator.close();
            }
            lock.close();
            throw e;
        }
    }

    public int flightPort() {
        return flight.port();
    }

    public int httpPort() {
        return http.port();
    }

    public boolean tls() {
        return flight.tls();
    }

    public String bindAddress() {
        return config.bindAddress();
    }

    public FlockEngine engine() {
        return engine;
    }

    /** The admin token generated on the first start of a new data directory; shown once. */
    public Optional<String> generatedAdminToken() {
        return generatedAdminToken;
    }

    /** Stops accepting calls, lets running ones finish (grace period), checkpoints and releases the data. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("Flock is shutting down");
        try {
            try {
                http.close();
            } finally {
                codec.close();
            }
            flight.close();
        } finally {
            try {
                engine.close();
            } finally {
                try {
                    allocator.close();
                } catch (IllegalStateException e) {
                    log.warn("Arrow memory still allocated at shutdown: {}", e.getMessage());
                }
                lock.close();
                log.info("Flock stopped; data is checkpointed in {}", config.dataDirectory().toAbsolutePath());
            }
        }
    }
}

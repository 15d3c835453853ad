package io.flock.benchmarks;

import io.flock.testing.TestingFlockServer;
import java.util.Map;

/** A Flock server in the benchmark JVM, through the testing harness. */
final class InProcessFlock implements FlockEndpoint {
    private final TestingFlockServer server;

    private InProcessFlock(TestingFlockServer server) {
        this.server = server;
    }

    static InProcessFlock start(Map<String, String> properties) {
        TestingFlockServer.Builder builder = TestingFlockServer.builder();
        properties.forEach(builder::property);
        return new InProcessFlock(builder.build());
    }

    @Override
    public String host() {
        return server.host();
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public String adminToken() {
        return server.adminToken();
    }

    @Override
    public String description() {
        return "in the benchmark JVM";
    }

    @Override
    public void close() {
        server.close();
    }
}

package io.flock.tests;

import io.flock.client.FlockClient;
import io.flock.testing.TestingFlockServer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process Flock server on free ports and an admin SDK client of it for all tests of a class,
 * started before them and closed after them:
 * {@code @RegisterExtension static final FlockServerExtension flock = new FlockServerExtension();}.
 */
final class FlockServerExtension implements BeforeAllCallback, AfterAllCallback {
    private final UnaryOperator<TestingFlockServer.Builder> settings;
    private TestingFlockServer server;
    private FlockClient client;

    /** A server with the default settings. */
    FlockServerExtension() {
        this(UnaryOperator.identity());
    }

    /** A server built with {@code settings} applied to a fresh builder. */
    FlockServerExtension(UnaryOperator<TestingFlockServer.Builder> settings) {
        this.settings = settings;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = settings.apply(TestingFlockServer.builder()).build();
        client = AdminClients.of(server);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    TestingFlockServer server() {
        return server;
    }

    /** An admin client of the server (database {@code default_db}). */
    FlockClient client() {
        return client;
    }
}

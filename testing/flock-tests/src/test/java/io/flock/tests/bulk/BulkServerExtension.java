package io.flock.tests.bulk;

import io.flock.testing.TestingFlockServer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process Flock server on free ports and an HTTP client of its bulk endpoints for all tests
 * of a class, started before them and closed after them:
 * {@code @RegisterExtension static final BulkServerExtension bulk = new BulkServerExtension();}.
 */
final class BulkServerExtension implements BeforeAllCallback, AfterAllCallback {
    private final UnaryOperator<TestingFlockServer.Builder> settings;
    private TestingFlockServer server;
    private BulkHttp http;

    /** A server with the default settings. */
    BulkServerExtension() {
        this(UnaryOperator.identity());
    }

    /** A server built with {@code settings} applied to a fresh builder. */
    BulkServerExtension(UnaryOperator<TestingFlockServer.Builder> settings) {
        this.settings = settings;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = settings.apply(TestingFlockServer.builder()).build();
        http = new BulkHttp(server);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    TestingFlockServer server() {
        return server;
    }

    /** HTTP calls to the server's bulk endpoints, as its admin. */
    BulkHttp http() {
        return http;
    }
}

package io.flock.tests;

import io.flock.client.FlockClient;
import io.flock.client.FlockClientBuilder;
import io.flock.testing.TestingFlockServer;

/** SDK clients of a test server, signed in as its admin. */
final class AdminClients {
    private AdminClients() {}

    /** A client of {@code server}'s default database. */
    static FlockClient of(TestingFlockServer server) {
        return builder(server).build();
    }

    /** A client of {@code database} on {@code server}. */
    static FlockClient of(TestingFlockServer server, String database) {
        return builder(server).database(database).build();
    }

    private static FlockClientBuilder builder(TestingFlockServer server) {
        return FlockClient.builder().host(server.host()).port(server.port()).token(server.adminToken());
    }
}

package io.flock.tests.bulk;

import io.flock.testing.TestingFlockServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Calls of the bulk HTTP API and SQL against a test server, for the bulk tests. */
final class BulkHttp {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final TestingFlockServer server;

    BulkHttp(TestingFlockServer server) {
        this.server = server;
    }

    String base() {
        return "http://127.0.0.1:" + server.server().httpPort();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    HttpResponse<byte[]> get(String pathAndQuery, String token) throws IOException, InterruptedException {
        return HTTP.send(request(pathAndQuery, token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> getText(String pathAndQuery, String token) throws IOException, InterruptedException {
        return HTTP.send(request(pathAndQuery, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String pathAndQuery, String token, byte[] body) throws IOException, InterruptedException {
        return HTTP.send(request(pathAndQuery, token).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String pathAndQuery, String token) throws IOException, InterruptedException {
        return HTTP.send(request(pathAndQuery, token).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Exports {@code sql} as the admin. */
    HttpResponse<byte[]> export(String sql, String parameters) throws IOException, InterruptedException {
        return get("/v1/export?sql=" + encode(sql) + (parameters.isEmpty() ? "" : "&" + parameters), server.adminToken());
    }

    /** Imports {@code body} into {@code table} of the default database as the admin. */
    HttpResponse<String> importInto(String table, String parameters, byte[] body) throws IOException, InterruptedException {
        return post("/v1/import/" + table + (parameters.isEmpty() ? "" : "?" + parameters), server.adminToken(), body);
    }

    HttpRequest.Builder request(String pathAndQuery, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + pathAndQuery));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    void sql(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.adminJdbcUrl()); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.adminJdbcUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A user with a token, granted {@code privilege} on default_db unless null. */
    String user(String name, String privilege) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.adminJdbcUrl()); Statement s = c.createStatement()) {
            String token;
            try (ResultSet rs = s.executeQuery("CREATE USER " + name)) {
                rs.next();
                token = rs.getString("token");
            }
            if (privilege != null) {
                s.execute("GRANT " + privilege + " ON DATABASE default_db TO " + name);
            }
            return token;
        }
    }

    /**
     * Sends the start of an import whose declared length is far longer than {@code part}, waits
     * until the server spools it (so the cut really comes mid-upload), then drops the connection,
     * and waits (at most 30 s) until the server has deleted the upload's spool files; returns how
     * many are left (0 when it cleaned up).
     */
    long cutOffImport(String table, byte[] part) throws IOException, InterruptedException {
        java.nio.file.Path spool = server.dataDirectory().resolve("spool");
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.server().httpPort())) {
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/import/" + table + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + server.adminToken() + "\r\nContent-Length: " + (part.length * 100L + 1_000_000)
                    + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(part);
            out.flush();
            long started = System.nanoTime() + 30_000_000_000L;
            while (uploadsIn(spool) == 0 && System.nanoTime() < started) {
                Thread.sleep(5);
            }
            if (uploadsIn(spool) == 0) {
                throw new IllegalStateException("The server did not start spooling the upload within 30 s");
            }
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (uploadsIn(spool) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return uploadsIn(spool);
    }

    private static long uploadsIn(java.nio.file.Path spool) throws IOException {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(spool)) {
            return files.filter(f -> f.getFileName().toString().startsWith("upload-")).count();
        }
    }
}

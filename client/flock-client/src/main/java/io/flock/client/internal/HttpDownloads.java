package io.flock.client.internal;

import static java.util.Objects.requireNonNull;

import io.flock.client.FlockConnectionException;
import io.flock.client.FlockErrorType;
import io.flock.client.FlockException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * Bulk downloads (exports and export parts) read on the calling thread from a blocking socket,
 * through the JDK's {@link HttpURLConnection}. {@code java.net.http}'s client hands every 16 KiB of
 * a response from its selector thread to the reader through a flow-controlled publisher; for a
 * 375 MB export that cost about 0.7 CPU seconds more than the blocking read (measured with
 * {@code testing/flock-benchmarks/run --bulk}). Small requests and uploads stay on
 * {@code java.net.http}.
 *
 * <p>A chunked body that ends without its last chunk (the server aborted the export) fails the
 * read with an {@link IOException}. Thread-safe; connections are kept alive by the JDK.
 */
final class HttpDownloads {
    private final String base;
    private final int connectTimeoutMillis;
    private final Optional<SSLSocketFactory> tls;

    HttpDownloads(String base, int connectTimeoutMillis, Optional<SSLSocketFactory> tls) {
        this.base = requireNonNull(base, "base is null");
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.tls = requireNonNull(tls, "tls is null");
    }

    /** A response with status 200 whose body is being received; closing it releases the connection. */
    static final class Download implements AutoCloseable {
        private final HttpURLConnection connection;
        private final InputStream body;

        private Download(HttpURLConnection connection, InputStream body) {
            this.connection = connection;
            this.body = body;
        }

        InputStream body() {
            return body;
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(connection.getHeaderField(name));
        }

        /** Closes the body; a body not read to its end also closes the connection (it cannot be reused). */
        @Override
        public void close() {
            try {
                if (body.read() >= 0) {
                    connection.disconnect();
                }
                body.close();
            } catch (IOException e) {
                connection.disconnect();
            }
        }
    }

    /**
     * Sends {@code method} to {@code pathAndQuery} with {@code headers} and, unless null, the body
     * {@code content}; answers the response once its status is 200, or throws the server's error
     * mapped by {@link ProblemErrors}, or a {@link FlockConnectionException} when the server was
     * not reached.
     */
    Download open(String method, String pathAndQuery, Map<String, String> headers, byte[] content, String what) {
        HttpURLConnection connection;
        int status;
        try {
            // direct, as java.net.http's client of the other bulk calls: no system proxy settings
            connection = (HttpURLConnection) new URL(base + pathAndQuery).openConnection(Proxy.NO_PROXY);
        } catch (IOException e) {
            throw unreachable(what, e);
        }
        try {
            if (connection instanceof HttpsURLConnection https && tls.isPresent()) {
                https.setSSLSocketFactory(tls.get());
            }
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setUseCaches(false);
            connection.setInstanceFollowRedirects(false);
            connection.setRequestMethod(method);
            headers.forEach(connection::setRequestProperty);
            if (content != null) {
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(content.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(content);
                }
            }
            status = connection.getResponseCode();
        } catch (IOException e) {
            connection.disconnect();
            throw unreachable(what, e);
        }
        if (status != 200) {
            byte[] problem;
            try (InputStream error = connection.getErrorStream()) {
                problem = error == null ? new byte[0] : error.readNBytes(1 << 20);
            } catch (IOException e) {
                problem = new byte[0];
            } finally {
                connection.disconnect();
            }
            throw ProblemErrors.map(status, problem, what);
        }
        try {
            return new Download(connection, connection.getInputStream());
        } catch (IOException e) {
            connection.disconnect();
            throw unreachable(what, e);
        }
    }

    private FlockConnectionException unreachable(String what, IOException e) {
        return new FlockConnectionException("The " + what + " could not reach Flock's HTTP endpoint at " + base + ": "
                + e.getMessage(), null, FlockException.UNKNOWN_CODE, "UNAVAILABLE", FlockErrorType.EXTERNAL, "08006",
                true, e);
    }
}

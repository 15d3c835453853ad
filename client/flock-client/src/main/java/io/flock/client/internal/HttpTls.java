package io.flock.client.internal;

import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/** The JDK TLS context of the bulk HTTP calls, from the same PEM settings as the Flight channel. */
final class HttpTls {
    private HttpTls() {
    }

    static SSLContext sslContext(ClientConfig config) {
        SslContextBuilder ssl = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
        config.caCertificatePem().ifPresent(pem -> ssl.trustManager(new ByteArrayInputStream(pem)));
        if (config.clientCertificatePem().isPresent()) {
            ssl.keyManager(new ByteArrayInputStream(config.clientCertificatePem().get()),
                    new ByteArrayInputStream(config.clientKeyPem().orElseThrow()));
        }
        try {
            return ((JdkSslContext) ssl.build()).context();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid TLS certificates for Flock's HTTP endpoint at " + config.host()
                    + ":" + config.httpPort() + ": " + e.getMessage(), e);
        }
    }
}

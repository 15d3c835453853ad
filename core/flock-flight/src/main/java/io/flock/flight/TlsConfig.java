package io.flock.flight;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS for the Flight SQL endpoint.
 *
 * @param certificateChain PEM certificate chain the server presents
 * @param privateKey PEM private key (PKCS#8) of that certificate
 * @param clientCa PEM CA that client certificates must chain to; when present, clients must
 *     present a certificate (mutual TLS)
 */
public record TlsConfig(Path certificateChain, Path privateKey, Optional<Path> clientCa) {
    public TlsConfig {
        requireNonNull(certificateChain, "certificateChain is null");
        requireNonNull(privateKey, "privateKey is null");
        requireNonNull(clientCa, "clientCa is null");
    }
}

package io.flock.flight;

import static java.util.Objects.requireNonNull;

import io.flock.engine.FlockEngine;
import io.flock.engine.catalog.Credentials;
import io.flock.engine.catalog.Principal;
import io.flock.spi.FlockException;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.auth2.Auth2Constants;
import org.apache.arrow.flight.auth2.CallHeaderAuthenticator;

/**
 * Checks credentials on every Flight call: {@code Authorization: Basic base64(user:token)} (the
 * Flight SQL handshake, where the token is the password) or {@code Authorization: Bearer token}.
 * A successful basic login answers with the bearer token to use from then on.
 */
final class FlockAuthenticator implements CallHeaderAuthenticator {
    private final FlockEngine engine;

    FlockAuthenticator(FlockEngine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    @Override
    public AuthResult authenticate(CallHeaders headers) {
        try {
            Credentials credentials = Credentials.parse(headers.get(Auth2Constants.AUTHORIZATION_HEADER));
            return result(engine.authenticate(credentials), credentials.token(), credentials.basic());
        } catch (FlockException e) {
            throw FlightErrors.toFlight(e);
        }
    }

    private static AuthResult result(Principal principal, String token, boolean sendBearer) {
        return new AuthResult() {
            @Override
            public String getPeerIdentity() {
                return principal.user();
            }

            @Override
            public void appendToOutgoingHeaders(CallHeaders outgoingHeaders) {
                if (sendBearer) {
                    outgoingHeaders.insert(Auth2Constants.AUTHORIZATION_HEADER, Auth2Constants.BEARER_PREFIX + token);
                }
            }
        };
    }
}

package io.flock.flight;

import static java.util.Objects.requireNonNull;

import io.flock.engine.FlockEngine;
import io.flock.engine.catalog.Principal;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
        String authorization = headers.get(Auth2Constants.AUTHORIZATION_HEADER);
        try {
            if (authorization == null || authorization.isBlank()) {
                throw new FlockException(ErrorCode.AUTHENTICATION_FAILED, "Authentication required: send"
                        + " 'Authorization: Bearer <token>' or basic credentials (user, with the token as password)");
            }
            if (authorization.regionMatches(true, 0, Auth2Constants.BEARER_PREFIX, 0, Auth2Constants.BEARER_PREFIX.length())) {
                String token = authorization.substring(Auth2Constants.BEARER_PREFIX.length()).trim();
                return result(engine.authenticate(token), token, false);
            }
            if (authorization.regionMatches(true, 0, Auth2Constants.BASIC_PREFIX, 0, Auth2Constants.BASIC_PREFIX.length())) {
                String decoded = decode(authorization.substring(Auth2Constants.BASIC_PREFIX.length()).trim());
                int colon = decoded.indexOf(':');
                if (colon < 0) {
                    throw new FlockException(ErrorCode.AUTHENTICATION_FAILED,
                            "Authentication failed: basic credentials must be 'user:token'");
                }
                String token = decoded.substring(colon + 1);
                return result(engine.authenticate(decoded.substring(0, colon), token), token, true);
            }
            throw new FlockException(ErrorCode.AUTHENTICATION_FAILED,
                    "Authentication failed: the Authorization header must use the Basic or Bearer scheme");
        } catch (FlockException e) {
            throw FlightErrors.toFlight(e);
        }
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new FlockException(ErrorCode.AUTHENTICATION_FAILED, "Authentication failed: basic credentials are not valid base64");
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

package io.flock.flight;

import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.RequestContext;

/**
 * Gives the producer the request headers of a call (e.g. {@code database}) and lets it add
 * response headers (e.g. {@code x-flock-query-id}).
 */
final class CallHeadersMiddleware implements FlightServerMiddleware {
    static final FlightServerMiddleware.Key<CallHeadersMiddleware> KEY = FlightServerMiddleware.Key.of("flock-headers");
    static final String QUERY_ID_HEADER = "x-flock-query-id";

    private final CallHeaders incoming;
    private volatile String queryId;

    private CallHeadersMiddleware(CallHeaders incoming) {
        this.incoming = incoming;
    }

    /** The first value of a request header, or null. */
    String header(String name) {
        return incoming.get(name);
    }

    void queryId(String id) {
        this.queryId = id;
    }

    @Override
    public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {
        String id = queryId;
        if (id != null) {
            outgoingHeaders.insert(QUERY_ID_HEADER, id);
        }
    }

    @Override
    public void onCallCompleted(CallStatus status) {
    }

    @Override
    public void onCallErrored(Throwable err) {
    }

    static final class Factory implements FlightServerMiddleware.Factory<CallHeadersMiddleware> {
        @Override
        public CallHeadersMiddleware onCallStarted(CallInfo info, CallHeaders incomingHeaders, RequestContext context) {
            return new CallHeadersMiddleware(incomingHeaders);
        }
    }
}

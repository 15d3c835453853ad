package io.flock.flight;

import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.RequestContext;

/**
 * Gives the producer the request headers of a call (e.g. {@code database}) and adds response
 * headers: {@code x-flock-query-id} and {@code x-flock-generation}.
 */
final class CallHeadersMiddleware implements FlightServerMiddleware {
    static final FlightServerMiddleware.Key<CallHeadersMiddleware> KEY = FlightServerMiddleware.Key.of("flock-headers");
    static final String QUERY_ID_HEADER = "x-flock-query-id";
    /** The deployment generation that answered, on every response (DESIGN.md §10). */
    static final String GENERATION_HEADER = "x-flock-generation";

    private final CallHeaders incoming;
    private final String generation;
    private volatile String queryId;

    private CallHeadersMiddleware(CallHeaders incoming, String generation) {
        this.incoming = incoming;
        this.generation = generation;
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
        outgoingHeaders.insert(GENERATION_HEADER, generation);
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
        private final String generation;

        Factory(long generation) {
            this.generation = Long.toString(generation);
        }

        @Override
        public CallHeadersMiddleware onCallStarted(CallInfo info, CallHeaders incomingHeaders, RequestContext context) {
            return new CallHeadersMiddleware(incomingHeaders, generation);
        }
    }
}

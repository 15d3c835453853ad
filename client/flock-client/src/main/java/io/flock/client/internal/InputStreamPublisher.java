package io.flock.client.internal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An upload body read from an input stream in large buffers, on demand: each buffer becomes one
 * HTTP chunk. {@code BodyPublishers.ofInputStream} reads 16 KiB at a time, so a large upload costs
 * the client and the server one chunk (and often one thread hand-off) per 16 KiB.
 *
 * <p>Subscribed once. Reads happen on the thread that requests more (the HTTP client's), as with
 * {@code ofInputStream}; the caller closes the stream.
 */
final class InputStreamPublisher implements Flow.Publisher<ByteBuffer> {
    /** Bytes read per buffer at most: one HTTP chunk. */
    static final int BUFFER_BYTES = 256 * 1024;

    private final InputStream in;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    InputStreamPublisher(InputStream in) {
        this.in = requireNonNull(in, "in is null");
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        requireNonNull(subscriber, "subscriber is null");
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("An upload body is read once, and this one was"));
            return;
        }
        subscriber.onSubscribe(new Reading(subscriber));
    }

    private final class Reading implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger draining = new AtomicInteger();
        private volatile boolean done;

        Reading(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                done = true;
                subscriber.onError(new IllegalArgumentException("Requested " + n + " buffers; must be positive"));
                return;
            }
            demand.getAndAccumulate(n, (current, more) -> current + more < 0 ? Long.MAX_VALUE : current + more);
            drain();
        }

        @Override
        public void cancel() {
            done = true;
        }

        /** Emits while there is demand; a request made from within onNext is served by the loop. */
        private void drain() {
            if (draining.getAndIncrement() != 0) {
                return;
            }
            do {
                while (!done && demand.get() > 0) {
                    byte[] buffer = new byte[BUFFER_BYTES];
                    int n;
                    try {
                        n = in.read(buffer);
                        while (n == 0) {
                            n = in.read(buffer);
                        }
                    } catch (IOException e) {
                        done = true;
                        subscriber.onError(e);
                        return;
                    }
                    if (n < 0) {
                        done = true;
                        subscriber.onComplete();
                        return;
                    }
                    demand.decrementAndGet();
                    subscriber.onNext(ByteBuffer.wrap(buffer, 0, n));
                }
            } while (draining.decrementAndGet() != 0);
        }
    }
}

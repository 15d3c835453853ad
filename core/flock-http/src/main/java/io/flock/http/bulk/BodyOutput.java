package io.flock.http.bulk;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.Content;

/**
 * The body of a streamed bulk response. Besides an output stream, it takes whole buffers: an
 * uncompressed body hands them to Jetty as they are (a direct buffer goes to the socket without a
 * copy through the heap); a compressed one feeds them to the compressor. Each write blocks until
 * the response took it, so the buffer may be reused when it returns.
 */
final class BodyOutput extends OutputStream {
    private static final int SCRATCH_BYTES = 64 * 1024;

    private final OutputStream out;
    private final Content.Sink sink;
    private byte[] scratch;

    /** {@code sink} is the response when {@code out} writes into it uncompressed; null behind a compressor. */
    private BodyOutput(OutputStream out, Content.Sink sink) {
        this.out = requireNonNull(out, "out is null");
        this.sink = sink;
    }

    /** The body of {@code sink}, compressed with {@code compression}; closing it ends the body. */
    static BodyOutput of(Content.Sink sink, Compression compression) throws IOException {
        OutputStream plain = Content.Sink.asOutputStream(sink);
        return compression == Compression.NONE ? new BodyOutput(plain, sink)
                : new BodyOutput(compression.compress(plain), null);
    }

    /** Writes the remaining bytes of {@code buffer}. */
    void write(ByteBuffer buffer) throws IOException {
        if (sink != null) {
            Content.Sink.write(sink, false, buffer);
            return;
        }
        if (buffer.hasArray()) {
            out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            buffer.position(buffer.limit());
            return;
        }
        if (scratch == null) {
            scratch = new byte[SCRATCH_BYTES];
        }
        while (buffer.hasRemaining()) {
            int n = Math.min(scratch.length, buffer.remaining());
            buffer.get(scratch, 0, n);
            out.write(scratch, 0, n);
        }
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

package io.flock.flight;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/** Schemas in the IPC-encapsulated form Flight SQL messages carry. */
final class ArrowSchemas {
    private ArrowSchemas() {
    }

    static byte[] serialize(Schema schema) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialize an Arrow schema", e);
        }
        return out.toByteArray();
    }

    static ByteString toByteString(Schema schema) {
        return ByteString.copyFrom(serialize(schema));
    }
}

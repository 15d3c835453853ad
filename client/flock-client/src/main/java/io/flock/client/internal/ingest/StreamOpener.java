package io.flock.client.internal.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flock.client.internal.Retrier;
import io.flock.client.internal.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.Result;
import org.apache.arrow.vector.types.pojo.Schema;

/** Opens or resumes a stream with the {@code flock.open-stream} action (retried while the server is unavailable). */
public final class StreamOpener {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamOpener() {
    }

    /**
     * What the server answered; {@code committedRows} is -1 when the server does not know it (an
     * older server, or a stream that last wrote before the server counted its rows), {@code opening}
     * 0 when the server answered no opening token.
     */
    public record Opened(String database, String schema, String table, String streamId, long nextSequence,
                         long committedRows, long opening, Schema columns, List<String> primaryKey) {
        public Opened {
            requireNonNull(streamId, "streamId is null");
            primaryKey = List.copyOf(primaryKey);
        }

        public RowSchema rowSchema() {
            return new RowSchema(database + "." + schema + "." + table, columns, primaryKey);
        }
    }

    public static Opened open(Transport transport, Retrier retrier, String database, String table, String mode,
                              Optional<String> streamId) {
        ObjectNode request = JSON.createObjectNode();
        request.put("database", database);
        int dot = table.indexOf('.');
        request.put("schema", dot < 0 ? "main" : table.substring(0, dot));
        request.put("table", dot < 0 ? table : table.substring(dot + 1));
        request.put("mode", mode);
        streamId.ifPresent(id -> request.put("streamId", id));
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = database.isBlank() ? table : database + "." + table;
        return retrier.idempotent("Opening an ingest stream into '" + name + "'", () -> {
            Iterator<Result> results = transport.flight().doAction(new Action(IngestWire.OPEN_STREAM_ACTION, body),
                    transport.call());
            List<byte[]> bodies = new ArrayList<>();
            results.forEachRemaining(r -> bodies.add(r.getBody()));
            if (bodies.size() < 2) {
                throw new IllegalStateException("The server answered " + IngestWire.OPEN_STREAM_ACTION + " with "
                        + bodies.size() + " results; expected 2 (is it an older Flock?)");
            }
            try {
                JsonNode answer = JSON.readTree(bodies.get(0));
                List<String> key = new ArrayList<>();
                answer.path("primaryKey").forEach(k -> key.add(k.asText()));
                Schema columns = Schema.deserializeMessage(ByteBuffer.wrap(bodies.get(1)));
                return new Opened(answer.path("database").asText(database), answer.path("schema").asText("main"),
                        answer.path("table").asText(table), answer.path("streamId").asText(),
                        answer.path("nextSequence").asLong(), answer.path("committedRows").asLong(-1),
                        Long.parseLong(answer.path("opening").asText("0")), columns, key);
            } catch (IOException e) {
                throw new UncheckedIOException("The server's answer to " + IngestWire.OPEN_STREAM_ACTION
                        + " is not JSON", e);
            }
        });
    }
}

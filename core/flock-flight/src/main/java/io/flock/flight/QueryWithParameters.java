package io.flock.flight;

import com.google.protobuf.Any;
import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * Flock's one-call parameterized query (docs/flight-sql.md), a {@code GetFlightInfo} command
 * beside Flight SQL's: the SQL text and its parameter row travel together, so a query with
 * parameters starts in one round trip instead of a DoPut (bind) then a GetFlightInfo. The command
 * is an {@code Any} of type {@value #TYPE_URL} whose value is an Arrow IPC stream: its schema's
 * custom metadata holds {@value #SQL_KEY} (and {@value #TRANSACTION_KEY} inside a transaction),
 * its one batch holds one row of parameter values. The SDK holds its own copy of this format.
 *
 * @param sql the statement
 * @param transactionId the transaction it runs in, if any
 * @param parameters the parameter values, in order
 */
record QueryWithParameters(String sql, Optional<String> transactionId, List<Object> parameters) {
    static final String TYPE_URL = "type.flock.io/flock.QueryWithParameters";
    static final String SQL_KEY = "flock.sql";
    static final String TRANSACTION_KEY = "flock.transaction-id";

    /** Reads the command {@code command}, whose type URL is {@link #TYPE_URL}. */
    static QueryWithParameters parse(Any command, BufferAllocator allocator) {
        try (ArrowStreamReader reader = new ArrowStreamReader(
                new ByteArrayInputStream(command.getValue().toByteArray()), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            Map<String, String> metadata = root.getSchema().getCustomMetadata();
            String sql = metadata == null ? null : metadata.get(SQL_KEY);
            if (sql == null || sql.isBlank()) {
                throw invalid("its schema's custom metadata has no '" + SQL_KEY + "'");
            }
            if (!reader.loadNextBatch() || root.getRowCount() != 1) {
                throw invalid("it must hold exactly one row of parameter values");
            }
            List<Object> parameters = new ArrayList<>(root.getFieldVectors().size());
            for (FieldVector vector : root.getFieldVectors()) {
                parameters.add(ArrowParameters.value(vector, 0));
            }
            return new QueryWithParameters(sql, Optional.ofNullable(metadata.get(TRANSACTION_KEY)),
                    Collections.unmodifiableList(parameters));
        } catch (IOException | RuntimeException e) {
            if (e instanceof FlockException flock) {
                throw flock;
            }
            throw invalid("its value is not a readable Arrow IPC stream (" + e.getMessage() + ")");
        }
    }

    private static FlockException invalid(String why) {
        return new FlockException(ErrorCode.INVALID_ARGUMENT, "Invalid " + TYPE_URL + " command: " + why);
    }
}

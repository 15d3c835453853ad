package io.flock.client.internal;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.sql.FlightSqlClient.Transaction;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The SDK's copy of Flock's one-call parameterized query (docs/flight-sql.md; the server's is
 * {@code io.flock.flight.QueryWithParameters}): a {@code GetFlightInfo} command carrying the SQL
 * and its bound parameter row, so a query with parameters starts in one round trip instead of a
 * DoPut then a GetFlightInfo.
 */
final class QueryWithParametersWire {
    static final String TYPE_URL = "type.flock.io/flock.QueryWithParameters";
    static final String SQL_KEY = "flock.sql";
    static final String TRANSACTION_KEY = "flock.transaction-id";

    private QueryWithParametersWire() {
    }

    /** The command for {@code sql} with the one row of {@code parameters}, in {@code transaction} when not null. */
    static FlightDescriptor descriptor(String sql, Transaction transaction, VectorSchemaRoot parameters) {
        Map<String, String> metadata = new HashMap<>();
        metadata.put(SQL_KEY, sql);
        if (transaction != null) {
            metadata.put(TRANSACTION_KEY, new String(transaction.getTransactionId(), StandardCharsets.UTF_8));
        }
        // A view over the caller's vectors with the metadata on its schema; the caller keeps and closes them.
        VectorSchemaRoot view = new VectorSchemaRoot(new Schema(parameters.getSchema().getFields(), metadata),
                parameters.getFieldVectors(), parameters.getRowCount());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArrowStreamWriter writer = new ArrowStreamWriter(view, null, Channels.newChannel(bytes))) {
            writer.start();
            writer.writeBatch();
            writer.end();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode the query's parameters: " + e.getMessage(), e);
        }
        return FlightDescriptor.command(Any.newBuilder().setTypeUrl(TYPE_URL)
                .setValue(ByteString.copyFrom(bytes.toByteArray())).build().toByteArray());
    }
}

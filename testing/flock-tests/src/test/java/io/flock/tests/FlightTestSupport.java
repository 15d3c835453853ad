package io.flock.tests;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Small helpers for tests that talk to Flock with Arrow's FlightSqlClient. */
final class FlightTestSupport {
    private FlightTestSupport() {
    }

    /** Runs a query and returns every row as a list of values (getObject of each vector). */
    static List<List<Object>> rows(FlightSqlClient client, String sql, CallOption... options) {
        FlightInfo info = client.execute(sql, options);
        return rows(client, info, options);
    }

    static List<List<Object>> rows(FlightSqlClient client, FlightInfo info, CallOption... options) {
        List<List<Object>> rows = new ArrayList<>();
        try (FlightStream stream = client.getStream(info.getEndpoints().get(0).getTicket(), options)) {
            while (stream.next()) {
                VectorSchemaRoot root = stream.getRoot();
                for (int r = 0; r < root.getRowCount(); r++) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 0; c < root.getFieldVectors().size(); c++) {
                        Object value = root.getVector(c).getObject(r);
                        row.add(value instanceof org.apache.arrow.vector.util.Text t ? t.toString() : value);
                    }
                    rows.add(row);
                }
            }
        } catch (Exception e) {
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** Counts the rows of a query's stream. */
    static long count(FlightSqlClient client, FlightInfo info, CallOption... options) throws Exception {
        long rows = 0;
        try (FlightStream stream = client.getStream(info.getEndpoints().get(0).getTicket(), options)) {
            while (stream.next()) {
                rows += stream.getRoot().getRowCount();
            }
        }
        return rows;
    }

    /** The query id a FlightInfo carries in app_metadata. */
    static String queryId(FlightInfo info) {
        return new String(info.getAppMetadata(), StandardCharsets.UTF_8);
    }
}

package io.flock.tests.conformance;

import io.flock.client.Column;
import io.flock.client.FlockClient;
import io.flock.client.FlockClientBuilder;
import io.flock.client.FlockException;
import io.flock.client.QueryResult;
import io.flock.client.Row;
import io.flock.client.TableInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The conformance suite through the Java SDK ({@link FlockClient}). */
class TestConformanceSdk extends ConformanceSuite {
    @Override
    protected ConformanceClient client() {
        return new SdkClient();
    }

    static final class SdkClient implements ConformanceClient {
        @Override
        public Quirks quirks() {
            return new Quirks(true, true, false, true, false, null,
                    "parameters of this type are not supported by the client yet", "exceeded the time limit of 1000 ms");
        }

        @Override
        public Session connect(Endpoint endpoint, String database) {
            FlockClientBuilder builder = FlockClient.builder().host(endpoint.host()).port(endpoint.port())
                    .user(endpoint.user()).token(endpoint.token()).database(database);
            if (endpoint.trustedCa() != null) {
                builder.useTls(true).tlsCaCertificate(endpoint.trustedCa());
            }
            return new SdkSession(builder.build());
        }

        @Override
        public Failure failure(Throwable error) {
            for (Throwable t = error; t != null; t = t.getCause()) {
                if (t instanceof FlockException flock) {
                    return new Failure(flock.sqlState(), flock.getMessage());
                }
            }
            return new Failure(null, String.valueOf(error.getMessage()));
        }
    }

    private record SdkSession(FlockClient client) implements ConformanceClient.Session {
        @Override
        public void forEachRow(String sql, List<Object> parameters, Consumer<List<Object>> consumer) {
            try (QueryResult result = client.execute(sql, parameters.toArray())) {
                for (Iterator<Row> rows = result.rows(); rows.hasNext(); ) {
                    Row row = rows.next();
                    List<Object> values = new ArrayList<>(row.size());
                    for (int i = 0; i < row.size(); i++) {
                        values.add(Values.normalize(row.get(i)));
                    }
                    consumer.accept(values);
                }
            }
        }

        @Override
        public long update(String sql, Object... parameters) {
            return client.executeUpdate(sql, parameters);
        }

        @Override
        public Object rawValue(String sql) {
            try (QueryResult result = client.execute(sql)) {
                return result.fetchOne().orElseThrow().get(0);
            }
        }

        @Override
        public List<String> databases() {
            return client.databases();
        }

        @Override
        public List<String> tables(String database) {
            return client.tables(database).stream().map(TableInfo::name).toList();
        }

        @Override
        public List<String> columns(String database, String table) {
            return client.columns(database, table).stream().map(Column::name).toList();
        }

        @Override
        public List<String> primaryKey(String database, String table) {
            return client.primaryKey(database, table);
        }

        @Override
        public ConformanceClient.Running start(String sql) {
            QueryResult result = client.execute(sql);
            String queryId = result.queryId().orElseThrow();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                try (result) {
                    result.fetchOne();
                }
            });
            return new ConformanceClient.Running() {
                @Override
                public Optional<String> queryId() {
                    return Optional.of(queryId);
                }

                @Override
                public void cancel() {
                    client.cancel(queryId);
                }

                @Override
                public Throwable awaitFailure(Duration limit) throws Exception {
                    try {
                        reader.get(limit.toMillis(), TimeUnit.MILLISECONDS);
                        return null;
                    } catch (ExecutionException e) {
                        return e.getCause();
                    }
                }
            };
        }

        @Override
        public void close() {
            client.close();
        }
    }
}

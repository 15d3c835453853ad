package io.flock.client.internal;

import static java.util.Objects.requireNonNull;

import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightGrpcUtils;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.auth2.BasicAuthCredentialWriter;
import org.apache.arrow.flight.auth2.BearerCredentialWriter;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One multiplexed gRPC channel to the server with the Flight and Flight SQL clients on it, and
 * the call options (credentials, database and extra headers, deadline) every call carries.
 * Thread-safe: gRPC channels and Flight clients are.
 */
public final class Transport implements AutoCloseable {
    /** The request header that selects the session's database. */
    static final String DATABASE_HEADER = "database";

    private final ManagedChannel channel;
    private final FlightClient flight;
    private final FlightSqlClient sql;
    private final CallOption[] callOptions;
    private final CallOption[] streamOptions;

    public Transport(ClientConfig config, BufferAllocator allocator) {
        requireNonNull(config, "config is null");
        this.channel = channel(config);
        this.flight = FlightGrpcUtils.createFlightClient(allocator, channel);
        this.sql = new FlightSqlClient(flight);
        this.streamOptions = baseOptions(config).toArray(CallOption[]::new);
        List<CallOption> withDeadline = baseOptions(config);
        withDeadline.add(CallOptions.timeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS));
        this.callOptions = withDeadline.toArray(CallOption[]::new);
    }

    public FlightClient flight() {
        return flight;
    }

    public FlightSqlClient sql() {
        return sql;
    }

    /** Options of a call with the request deadline. */
    public CallOption[] call() {
        return callOptions.clone();
    }

    /** Options of a result stream: no deadline, a large result may stream for long. */
    public CallOption[] stream() {
        return streamOptions.clone();
    }

    /** Lets the channel reconnect at once instead of after gRPC's reconnect backoff. */
    public void resetConnectBackoff() {
        channel.resetConnectBackoff();
    }

    private static List<CallOption> baseOptions(ClientConfig config) {
        List<CallOption> options = new ArrayList<>();
        options.add(new CredentialCallOption(config.user()
                .<java.util.function.Consumer<org.apache.arrow.flight.CallHeaders>>map(
                        user -> new BasicAuthCredentialWriter(user, config.token()))
                .orElseGet(() -> new BearerCredentialWriter(config.token()))));
        FlightCallHeaders headers = new FlightCallHeaders();
        config.headers().forEach(headers::insert);
        config.database().ifPresent(database -> headers.insert(DATABASE_HEADER, database));
        if (!headers.keys().isEmpty()) {
            options.add(new HeaderCallOption(headers));
        }
        return options;
    }

    private static ManagedChannel channel(ClientConfig config) {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(config.host(), config.port())
                .maxInboundMessageSize(Integer.MAX_VALUE)
                .maxInboundMetadataSize(Integer.MAX_VALUE)
                .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        config.connectTimeout().toMillis()));
        if (config.tls()) {
            builder.useTransportSecurity().sslContext(sslContext(config));
        } else {
            builder.usePlaintext();
        }
        return builder.build();
    }

    private static io.netty.handler.ssl.SslContext sslContext(ClientConfig config) {
        SslContextBuilder ssl = GrpcSslContexts.forClient();
        config.caCertificatePem().ifPresent(pem -> ssl.trustManager(new ByteArrayInputStream(pem)));
        if (config.clientCertificatePem().isPresent()) {
            ssl.keyManager(new ByteArrayInputStream(config.clientCertificatePem().get()),
                    new ByteArrayInputStream(config.clientKeyPem().orElseThrow()));
        }
        try {
            return ssl.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid TLS certificates for Flock at " + config.address() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws Exception {
        sql.close();
    }
}

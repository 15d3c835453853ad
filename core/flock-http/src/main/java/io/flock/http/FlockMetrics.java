package io.flock.http;

import io.flock.engine.FlockEngine;
import io.flock.engine.query.QueryCounts;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.ToDoubleFunction;

/** Flock's metrics in a Prometheus registry, read from the engine when scraped. */
final class FlockMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    FlockMetrics(FlockEngine engine) {
        gauge(engine, "flock.queries.running", "Queries holding an execution slot", c -> c.running());
        gauge(engine, "flock.queries.queued", "Queries waiting for an execution slot", c -> c.queued());
        counter(engine, "finished", c -> c.finished());
        counter(engine, "failed", c -> c.failed());
        counter(engine, "cancelled", c -> c.cancelled());
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(registry);
    }

    private void gauge(FlockEngine engine, String name, String help, ToDoubleFunction<QueryCounts> value) {
        Gauge.builder(name, engine, e -> value.applyAsDouble(e.queryCounts())).description(help).register(registry);
    }

    private void counter(FlockEngine engine, String state, ToDoubleFunction<QueryCounts> value) {
        FunctionCounter.builder("flock.queries.ended", engine, e -> value.applyAsDouble(e.queryCounts()))
                .description("Queries ended since the server started, by outcome").tag("state", state).register(registry);
    }

    /** The metrics in the Prometheus text format. */
    String scrape() {
        return registry.scrape();
    }
}

package io.flock.engine.duckdb;

import io.flock.engine.worker.Execution;
import java.util.Optional;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/** A DDL statement's execution that empties the database's {@link ShapeCache} when it has run and when it ends. */
final class SchemaChangeExecution implements Execution {
    private final Execution delegate;
    private final ShapeCache shapes;

    SchemaChangeExecution(Execution delegate, ShapeCache shapes) {
        this.delegate = delegate;
        this.shapes = shapes;
        shapes.invalidate();
    }

    @Override
    public Schema schema() {
        return delegate.schema();
    }

    @Override
    public void run() {
        try {
            delegate.run();
        } finally {
            shapes.invalidate();
        }
    }

    @Override
    public Optional<ArrowReader> reader() {
        return delegate.reader();
    }

    @Override
    public long updateCount() {
        return delegate.updateCount();
    }

    @Override
    public void cancel() {
        delegate.cancel();
    }

    @Override
    public String profileJson() {
        return delegate.profileJson();
    }

    @Override
    public void close() {
        try {
            delegate.close();
        } finally {
            shapes.invalidate();
        }
    }
}

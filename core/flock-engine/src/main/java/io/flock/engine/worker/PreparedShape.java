package io.flock.engine.worker;

import static java.util.Objects.requireNonNull;

import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What a statement returns and takes, known without running it.
 *
 * @param resultSchema the columns of its result; empty when it returns no rows
 * @param parameterSchema one field per {@code ?} or {@code $n} parameter, in order
 */
public record PreparedShape(Schema resultSchema, Schema parameterSchema) {
    public PreparedShape {
        requireNonNull(resultSchema, "resultSchema is null");
        requireNonNull(parameterSchema, "parameterSchema is null");
    }
}

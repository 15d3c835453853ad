package io.flock.client.ingest;

import static java.util.Objects.requireNonNull;

import io.flock.client.internal.ingest.IngestValues;
import io.flock.client.internal.ingest.RowSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One row for an {@link IngestStream}, made by {@link IngestStream#createRow(RowOperation)}:
 * typed setters by column name (case-insensitive) for every Flock type. A setter checks the value
 * against the column at once and throws {@link IllegalArgumentException} naming the column when it
 * does not fit (wrong Java type, out of range, too many decimal places). Columns left unset are
 * sent as NULL when another row of the same batch sets them, and otherwise not at all (the table's
 * default applies).
 *
 * <p>Java types per column type: BOOLEAN {@code boolean}; TINYINT…BIGINT and unsigned ones
 * {@code long} (or {@link BigInteger}, for UBIGINT values above {@link Long#MAX_VALUE}); FLOAT/DOUBLE {@code double}; DECIMAL {@link BigDecimal}; VARCHAR, JSON, UUID
 * {@link String} (or {@link UUID}); BLOB {@code byte[]}; DATE {@link LocalDate}; TIME
 * {@link LocalTime}; TIMESTAMP (no time zone) {@link LocalDateTime}; TIMESTAMPTZ {@link Instant}
 * or {@link OffsetDateTime}; INTERVAL {@link Period} and/or {@link Duration}; LIST {@link List};
 * MAP {@link Map}; STRUCT a {@link Map} of field name to value. Nested values follow the same rules.
 *
 * <p>Not thread-safe; do not change a row after {@link IngestStream#apply(IngestRow) applying} it.
 */
public final class IngestRow {
    private final RowSchema schema;
    private final RowOperation operation;
    private final Object[] values;
    private final BitSet set;
    private long estimatedBytes;

    /** Rows are made by {@link IngestStream#createRow(RowOperation)}. */
    IngestRow(RowSchema schema, RowOperation operation) {
        this.schema = requireNonNull(schema, "schema is null");
        this.operation = requireNonNull(operation, "operation is null");
        this.values = new Object[schema.fields().size()];
        this.set = new BitSet(values.length);
    }

    public RowOperation operation() {
        return operation;
    }

    /** Sets any column from a Java value of the kind listed in the class comment (null = NULL). */
    public IngestRow set(String column, Object value) {
        int position = schema.indexOf(column);
        Object normalized = IngestValues.convert(schema.field(position), value, schema.field(position).getName());
        estimatedBytes += IngestValues.estimateBytes(normalized) - (set.get(position)
                ? IngestValues.estimateBytes(values[position]) : 0);
        values[position] = normalized;
        set.set(position);
        return this;
    }

    public IngestRow setNull(String column) {
        return set(column, null);
    }

    public IngestRow setBoolean(String column, boolean value) {
        return set(column, value);
    }

    /** TINYINT, SMALLINT, INTEGER, BIGINT and the unsigned types (range-checked), or DECIMAL. */
    public IngestRow setLong(String column, long value) {
        return set(column, value);
    }

    /**
     * An integer column, range-checked: UBIGINT values up to 2^64 − 1, which no {@code long} holds,
     * and HUGEINT and UHUGEINT (DECIMAL(38, 0) in Arrow).
     */
    public IngestRow setBigInteger(String column, BigInteger value) {
        return set(column, value);
    }

    public IngestRow setInt(String column, int value) {
        return set(column, (long) value);
    }

    /** FLOAT or DOUBLE. */
    public IngestRow setDouble(String column, double value) {
        return set(column, value);
    }

    /** DECIMAL(p, s): the value must fit without rounding. */
    public IngestRow setDecimal(String column, BigDecimal value) {
        return set(column, value);
    }

    /** VARCHAR, JSON or UUID as text. */
    public IngestRow setString(String column, String value) {
        return set(column, value);
    }

    /** A JSON column: the document as text (DuckDB checks it is JSON). */
    public IngestRow setJson(String column, String json) {
        return set(column, json);
    }

    public IngestRow setUuid(String column, UUID value) {
        return set(column, value);
    }

    /** BLOB. */
    public IngestRow setBinary(String column, byte[] value) {
        return set(column, value == null ? null : value.clone());
    }

    public IngestRow setDate(String column, LocalDate value) {
        return set(column, value);
    }

    public IngestRow setTime(String column, LocalTime value) {
        return set(column, value);
    }

    /** TIMESTAMP (without time zone, "NTZ"): a wall-clock date and time. */
    public IngestRow setTimestamp(String column, LocalDateTime value) {
        return set(column, value);
    }

    /** TIMESTAMPTZ ("LTZ"): an instant. */
    public IngestRow setTimestampTz(String column, Instant value) {
        return set(column, value);
    }

    /** TIMESTAMPTZ from an offset date-time (stored as its instant). */
    public IngestRow setTimestampTz(String column, OffsetDateTime value) {
        return set(column, value);
    }

    /** INTERVAL of months and days plus a duration (each may be zero). */
    public IngestRow setInterval(String column, Period period, Duration duration) {
        requireNonNull(period, "period is null");
        requireNonNull(duration, "duration is null");
        return set(column, new IngestValues.Interval(Math.toIntExact(period.toTotalMonths()), period.getDays(),
                duration.toNanos()));
    }

    /** LIST (or a fixed-size array) of values of the element type. */
    public IngestRow setList(String column, List<?> value) {
        return set(column, value == null ? null : new ArrayList<>(value));
    }

    /** MAP: keys must not be null. */
    public IngestRow setMap(String column, Map<?, ?> value) {
        return set(column, value);
    }

    /** STRUCT: field name → value; absent fields are NULL. */
    public IngestRow setStruct(String column, Map<String, ?> value) {
        return set(column, value);
    }

    /** Whether {@code position} was set. */
    boolean isSet(int position) {
        return set.get(position);
    }

    Object value(int position) {
        return values[position];
    }

    long estimatedBytes() {
        return estimatedBytes + 8;
    }

    RowSchema schema() {
        return schema;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(operation.name()).append(" {");
        String separator = "";
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
            Object value = values[i];
            boolean text = schema.field(i).getType().getTypeID() == org.apache.arrow.vector.types.pojo.ArrowType.ArrowTypeID.Utf8;
            out.append(separator).append(schema.field(i).getName()).append('=').append(value instanceof byte[] bytes
                    ? text ? "'" + new String(bytes, java.nio.charset.StandardCharsets.UTF_8) + "'" : "<" + bytes.length + " bytes>"
                    : value);
            separator = ", ";
        }
        return out.append('}').toString();
    }
}

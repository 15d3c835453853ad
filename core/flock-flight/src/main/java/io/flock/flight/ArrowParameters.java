package io.flock.flight;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.holders.NullableIntervalMonthDayNanoHolder;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.util.Text;

/** Reads the parameter rows a client sent with DoPut as plain Java values for the engine. */
final class ArrowParameters {
    private ArrowParameters() {
    }

    /** Every row of every batch in the stream, each as one list of values. */
    static List<List<Object>> readAll(FlightStream stream) {
        List<List<Object>> rows = new ArrayList<>();
        while (stream.next()) {
            VectorSchemaRoot root = stream.getRoot();
            for (int r = 0; r < root.getRowCount(); r++) {
                List<Object> row = new ArrayList<>(root.getFieldVectors().size());
                for (FieldVector vector : root.getFieldVectors()) {
                    row.add(value(vector, r));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static Object value(FieldVector vector, int index) {
        if (vector.isNull(index)) {
            return null;
        }
        if (vector instanceof DateDayVector v) {
            return LocalDate.ofEpochDay(v.get(index));
        }
        if (vector instanceof DateMilliVector v) {
            return LocalDate.ofEpochDay(Math.floorDiv(v.get(index), 86_400_000L));
        }
        if (vector instanceof TimeStampVector v) {
            ArrowType.Timestamp type = (ArrowType.Timestamp) v.getField().getType();
            Instant instant = instant(v.get(index), type.getUnit());
            if (type.getTimezone() == null) {
                return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
            }
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (vector instanceof TimeMicroVector v) {
            return LocalTime.ofNanoOfDay(v.get(index) * 1_000L);
        }
        if (vector instanceof TimeMilliVector v) {
            return LocalTime.ofNanoOfDay(v.get(index) * 1_000_000L);
        }
        if (vector instanceof TimeNanoVector v) {
            return LocalTime.ofNanoOfDay(v.get(index));
        }
        if (vector instanceof TimeSecVector v) {
            return LocalTime.ofSecondOfDay(v.get(index));
        }
        if (vector instanceof UInt1Vector v) {
            return v.getObjectNoOverflow(index);
        }
        if (vector instanceof UInt2Vector v) {
            return (int) v.get(index);
        }
        if (vector instanceof UInt4Vector v) {
            return v.getObjectNoOverflow(index);
        }
        if (vector instanceof UInt8Vector v) {
            return v.getObjectNoOverflow(index);
        }
        if (vector instanceof MapVector || vector instanceof ListVector || vector instanceof FixedSizeListVector
                || vector instanceof StructVector) {
            return nestedText(vector, index);
        }
        if (vector instanceof IntervalMonthDayNanoVector v) {
            NullableIntervalMonthDayNanoHolder h = new NullableIntervalMonthDayNanoHolder();
            v.get(index, h);
            return h.months + " months " + h.days + " days " + (h.nanoseconds / 1_000L) + " microseconds";
        }
        Object value = vector.getObject(index);
        if (value instanceof Text text) {
            return text.toString();
        }
        if (value instanceof BigDecimal || vector instanceof BaseIntVector) {
            return value;
        }
        return value;
    }

    /**
     * A nested value in the text form DuckDB prints and casts back exactly: {@code [1, NULL]} for
     * lists, {@code {'k'=1}} for maps, {@code {'a': 1}} for structs, strings in single quotes with
     * {@code '} and {@code \} escaped by a backslash.
     */
    private static String nestedText(FieldVector vector, int index) {
        StringBuilder out = new StringBuilder();
        appendNested(out, vector, index);
        return out.toString();
    }

    private static void appendNested(StringBuilder out, FieldVector vector, int index) {
        if (vector.isNull(index)) {
            out.append("NULL");
        } else if (vector instanceof MapVector map) {
            StructVector entries = (StructVector) map.getDataVector();
            FieldVector keys = (FieldVector) entries.getChildByOrdinal(0);
            FieldVector values = (FieldVector) entries.getChildByOrdinal(1);
            out.append('{');
            for (int i = map.getElementStartIndex(index); i < map.getElementEndIndex(index); i++) {
                if (i > map.getElementStartIndex(index)) {
                    out.append(", ");
                }
                appendNested(out, keys, i);
                out.append('=');
                appendNested(out, values, i);
            }
            out.append('}');
        } else if (vector instanceof ListVector list) {
            appendElements(out, (FieldVector) list.getDataVector(), list.getElementStartIndex(index),
                    list.getElementEndIndex(index));
        } else if (vector instanceof FixedSizeListVector list) {
            int size = list.getListSize();
            appendElements(out, (FieldVector) list.getDataVector(), index * size, index * size + size);
        } else if (vector instanceof StructVector struct) {
            out.append('{');
            List<FieldVector> children = struct.getChildrenFromFields();
            for (int c = 0; c < children.size(); c++) {
                if (c > 0) {
                    out.append(", ");
                }
                appendQuoted(out, children.get(c).getName());
                out.append(": ");
                appendNested(out, children.get(c), index);
            }
            out.append('}');
        } else {
            Object value = value(vector, index);
            if (value instanceof Number || value instanceof Boolean) {
                out.append(value);
            } else if (value instanceof byte[] bytes) {
                StringBuilder hex = new StringBuilder();
                for (byte b : bytes) {
                    hex.append(String.format("\\x%02X", b & 0xFF));
                }
                appendQuoted(out, hex.toString());
            } else {
                appendQuoted(out, value.toString());
            }
        }
    }

    private static void appendElements(StringBuilder out, FieldVector elements, int start, int end) {
        out.append('[');
        for (int i = start; i < end; i++) {
            if (i > start) {
                out.append(", ");
            }
            appendNested(out, elements, i);
        }
        out.append(']');
    }

    private static void appendQuoted(StringBuilder out, String text) {
        out.append('\'').append(text.replace("\\", "\\\\").replace("'", "\\'")).append('\'');
    }

    private static Instant instant(long value, TimeUnit unit) {
        return switch (unit) {
            case SECOND -> Instant.ofEpochSecond(value);
            case MILLISECOND -> Instant.ofEpochMilli(value);
            case MICROSECOND -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
            case NANOSECOND -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
        };
    }
}

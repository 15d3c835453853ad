package io.flock.client.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
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
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Reads one value of an Arrow vector as a plain Java value (the mapping {@code Row} documents):
 * no Arrow type ever reaches the caller.
 */
public final class ValueReader {
    private ValueReader() {
    }

    public static Object read(ValueVector vector, int index) {
        if (vector.isNull(index)) {
            return null;
        }
        if (vector instanceof BaseVariableWidthVector text && !(vector instanceof VarBinaryVector)
                && vector.getField().getType() instanceof ArrowType.Utf8) {
            return new String(text.get(index), StandardCharsets.UTF_8);
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
        if (vector instanceof DateDayVector v) {
            return LocalDate.ofEpochDay(v.get(index));
        }
        if (vector instanceof DateMilliVector v) {
            return LocalDate.ofEpochDay(Math.floorDiv(v.get(index), 86_400_000L));
        }
        if (vector instanceof TimeSecVector v) {
            return LocalTime.ofSecondOfDay(v.get(index));
        }
        if (vector instanceof TimeMilliVector v) {
            return LocalTime.ofNanoOfDay(v.get(index) * 1_000_000L);
        }
        if (vector instanceof TimeMicroVector v) {
            return LocalTime.ofNanoOfDay(v.get(index) * 1_000L);
        }
        if (vector instanceof TimeNanoVector v) {
            return LocalTime.ofNanoOfDay(v.get(index));
        }
        if (vector instanceof TimeStampVector v) {
            return timestamp(v, index);
        }
        if (vector instanceof IntervalMonthDayNanoVector v) {
            return v.getObject(index).toString();
        }
        if (vector instanceof MapVector v) {
            return map(v, index);
        }
        if (vector instanceof ListVector v) {
            return list(v.getDataVector(), v.getElementStartIndex(index), v.getElementEndIndex(index));
        }
        if (vector instanceof FixedSizeListVector v) {
            return list(v.getDataVector(), index * v.getListSize(), (index + 1) * v.getListSize());
        }
        if (vector instanceof StructVector v) {
            Map<String, Object> struct = new LinkedHashMap<>();
            for (String name : v.getChildFieldNames()) {
                struct.put(name, read(v.getChild(name), index));
            }
            return struct;
        }
        return vector.getObject(index);
    }

    private static Object timestamp(TimeStampVector vector, int index) {
        ArrowType.Timestamp type = (ArrowType.Timestamp) vector.getField().getType();
        long value = vector.get(index);
        Instant instant = switch (type.getUnit()) {
            case SECOND -> Instant.ofEpochSecond(value);
            case MILLISECOND -> Instant.ofEpochMilli(value);
            case MICROSECOND -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L),
                    TimeUnit.MICROSECONDS.toNanos(Math.floorMod(value, 1_000_000L)));
            case NANOSECOND -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L),
                    Math.floorMod(value, 1_000_000_000L));
        };
        return type.getTimezone() == null ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC) : instant;
    }

    private static List<Object> list(ValueVector elements, int start, int end) {
        List<Object> values = new ArrayList<>(end - start);
        for (int i = start; i < end; i++) {
            values.add(read(elements, i));
        }
        return values;
    }

    private static Map<Object, Object> map(MapVector vector, int index) {
        StructVector entries = (StructVector) vector.getDataVector();
        ValueVector keys = entries.getChildByOrdinal(0);
        ValueVector values = entries.getChildByOrdinal(1);
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = vector.getElementStartIndex(index); i < vector.getElementEndIndex(index); i++) {
            map.put(read(keys, i), read(values, i));
        }
        return map;
    }
}

package io.flock.client.internal.ingest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.complex.BaseListVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;

/** Writes values normalized by {@link IngestValues} into Arrow vectors, nested ones included. */
public final class VectorWriter {
    private VectorWriter() {
    }

    public static void write(FieldVector vector, int index, Object value) {
        if (value == null) {
            setNull(vector, index);
            return;
        }
        if (vector instanceof BitVector bits) {
            bits.setSafe(index, (Boolean) value ? 1 : 0);
        } else if (vector instanceof BaseIntVector integers && !(vector instanceof TimeStampVector)
                && !(vector instanceof DateDayVector) && !(vector instanceof TimeMicroVector)) {
            integers.setWithPossibleTruncate(index, (Long) value);
        } else if (vector instanceof Float4Vector floats) {
            floats.setSafe(index, (Float) value);
        } else if (vector instanceof Float8Vector doubles) {
            doubles.setSafe(index, (Double) value);
        } else if (vector instanceof DecimalVector decimals) {
            decimals.setSafe(index, (BigDecimal) value);
        } else if (vector instanceof FixedSizeBinaryVector fixed) {
            fixed.setSafe(index, (byte[]) value);
        } else if (vector instanceof BaseVariableWidthVector variable) {
            variable.setSafe(index, (byte[]) value);
        } else if (vector instanceof DateDayVector days) {
            days.setSafe(index, (Integer) value);
        } else if (vector instanceof TimeMicroVector micros) {
            micros.setSafe(index, (Long) value);
        } else if (vector instanceof TimeNanoVector nanos) {
            nanos.setSafe(index, (Long) value);
        } else if (vector instanceof TimeMilliVector millis) {
            millis.setSafe(index, Math.toIntExact((Long) value));
        } else if (vector instanceof TimeSecVector seconds) {
            seconds.setSafe(index, Math.toIntExact((Long) value));
        } else if (vector instanceof TimeStampVector timestamps) {
            timestamps.setSafe(index, (Long) value);
        } else if (vector instanceof IntervalMonthDayNanoVector intervals) {
            IngestValues.Interval interval = (IngestValues.Interval) value;
            intervals.setSafe(index, interval.months(), interval.days(), interval.nanos());
        } else if (vector instanceof MapVector map) {
            writeMap(map, index, (Map<?, ?>) value);
        } else if (vector instanceof ListVector list) {
            List<?> elements = (List<?>) value;
            int offset = list.startNewValue(index);
            FieldVector child = list.getDataVector();
            for (int i = 0; i < elements.size(); i++) {
                write(child, offset + i, elements.get(i));
            }
            list.endValue(index, elements.size());
        } else if (vector instanceof FixedSizeListVector list) {
            List<?> elements = (List<?>) value;
            int offset = list.startNewValue(index);
            FieldVector child = (FieldVector) list.getDataVector();
            for (int i = 0; i < elements.size(); i++) {
                write(child, offset + i, elements.get(i));
            }
        } else if (vector instanceof StructVector struct) {
            Map<?, ?> fields = (Map<?, ?>) value;
            struct.setIndexDefined(index);
            for (FieldVector child : struct.getChildrenFromFields()) {
                write(child, index, fields.get(child.getName()));
            }
        } else {
            throw new IllegalArgumentException("Cannot write into a column of type " + vector.getField().getType());
        }
    }

    private static void writeMap(MapVector map, int index, Map<?, ?> entries) {
        int offset = map.startNewValue(index);
        StructVector entryVector = (StructVector) map.getDataVector();
        FieldVector keys = entryVector.getChildrenFromFields().get(0);
        FieldVector values = entryVector.getChildrenFromFields().get(1);
        int i = 0;
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            entryVector.setIndexDefined(offset + i);
            write(keys, offset + i, entry.getKey());
            write(values, offset + i, entry.getValue());
            i++;
        }
        map.endValue(index, entries.size());
    }

    private static void setNull(FieldVector vector, int index) {
        if (vector instanceof BaseFixedWidthVector fixed) {
            fixed.setNull(index);
        } else if (vector instanceof BaseVariableWidthVector variable) {
            variable.setNull(index);
        } else if (vector instanceof StructVector struct) {
            while (index >= struct.getValueCapacity()) {
                struct.reAlloc();
            }
            struct.setNull(index);
        } else if (vector instanceof ListVector list) {
            while (index >= list.getValueCapacity()) {
                list.reAlloc();
            }
            list.setNull(index);
        } else if (vector instanceof FixedSizeListVector list) {
            while (index >= list.getValueCapacity()) {
                list.reAlloc();
            }
            list.setNull(index);
        } else if (vector instanceof BaseListVector) {
            throw new IllegalArgumentException("Cannot write a null into " + vector.getField());
        }
    }
}

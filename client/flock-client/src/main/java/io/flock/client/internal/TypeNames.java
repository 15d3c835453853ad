package io.flock.client.internal;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/** The SQL (DuckDB) type name of an Arrow field, the inverse of docs/types.md's table. */
public final class TypeNames {
    private TypeNames() {
    }

    public static String of(Field field) {
        ArrowType type = field.getType();
        List<Field> children = field.getChildren();
        if (type instanceof ArrowType.Int t) {
            String name = switch (t.getBitWidth()) {
                case 8 -> "TINYINT";
                case 16 -> "SMALLINT";
                case 32 -> "INTEGER";
                default -> "BIGINT";
            };
            return t.getIsSigned() ? name : "U" + name;
        }
        if (type instanceof ArrowType.FloatingPoint t) {
            return t.getPrecision() == org.apache.arrow.vector.types.FloatingPointPrecision.SINGLE ? "FLOAT" : "DOUBLE";
        }
        if (type instanceof ArrowType.Decimal t) {
            return "DECIMAL(" + t.getPrecision() + "," + t.getScale() + ")";
        }
        if (type instanceof ArrowType.Timestamp t) {
            if (t.getTimezone() != null) {
                return "TIMESTAMP WITH TIME ZONE";
            }
            return switch (t.getUnit()) {
                case SECOND -> "TIMESTAMP_S";
                case MILLISECOND -> "TIMESTAMP_MS";
                case MICROSECOND -> "TIMESTAMP";
                case NANOSECOND -> "TIMESTAMP_NS";
            };
        }
        if (type instanceof ArrowType.FixedSizeList t) {
            return of(children.get(0)) + "[" + t.getListSize() + "]";
        }
        if (type instanceof ArrowType.Map) {
            List<Field> entry = children.get(0).getChildren();
            return "MAP(" + of(entry.get(0)) + ", " + of(entry.get(1)) + ")";
        }
        if (type instanceof ArrowType.List || type instanceof ArrowType.LargeList) {
            return of(children.get(0)) + "[]";
        }
        if (type instanceof ArrowType.Struct) {
            return children.stream().map(c -> c.getName() + " " + of(c))
                    .collect(Collectors.joining(", ", "STRUCT(", ")"));
        }
        return switch (type.getTypeID()) {
            case Bool -> "BOOLEAN";
            case Utf8, LargeUtf8, Utf8View -> "VARCHAR";
            case Binary, LargeBinary, BinaryView, FixedSizeBinary -> "BLOB";
            case Date -> "DATE";
            case Time -> "TIME";
            case Interval, Duration -> "INTERVAL";
            case Null -> "NULL";
            default -> type.toString();
        };
    }
}

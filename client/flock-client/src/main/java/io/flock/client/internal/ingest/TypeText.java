package io.flock.client.internal.ingest;

import org.apache.arrow.vector.types.pojo.ArrowType;

/** Flock (DuckDB) type names of Arrow column types, for messages. */
final class TypeText {
    private TypeText() {
    }

    static String of(ArrowType type) {
        return switch (type.getTypeID()) {
            case Bool -> "BOOLEAN";
            case Int -> {
                ArrowType.Int i = (ArrowType.Int) type;
                String name = switch (i.getBitWidth()) {
                    case 8 -> "TINYINT";
                    case 16 -> "SMALLINT";
                    case 32 -> "INTEGER";
                    default -> "BIGINT";
                };
                yield i.getIsSigned() ? name : "U" + name;
            }
            case FloatingPoint -> ((ArrowType.FloatingPoint) type).getPrecision()
                    == org.apache.arrow.vector.types.FloatingPointPrecision.SINGLE ? "FLOAT" : "DOUBLE";
            case Decimal -> "DECIMAL(" + ((ArrowType.Decimal) type).getPrecision() + ", "
                    + ((ArrowType.Decimal) type).getScale() + ")";
            case Utf8, LargeUtf8 -> "VARCHAR";
            case Binary, LargeBinary, FixedSizeBinary -> "BLOB";
            case Date -> "DATE";
            case Time -> "TIME";
            case Timestamp -> ((ArrowType.Timestamp) type).getTimezone() == null ? "TIMESTAMP" : "TIMESTAMPTZ";
            case Interval -> "INTERVAL";
            case List, LargeList, FixedSizeList -> "LIST";
            case Map -> "MAP";
            case Struct -> "STRUCT";
            default -> type.toString();
        };
    }
}

package io.flock.engine.duckdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.UnionMode;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Maps DuckDB type names (as {@code ResultSetMetaData} and {@code duckdb_columns()} print them,
 * e.g. {@code STRUCT(a INTEGER, b VARCHAR[])}) to the Arrow fields that DuckDB's own Arrow export
 * produces for them, so that a schema announced before execution matches the stream that follows.
 * docs/types.md documents the mapping.
 */
public final class DuckDbTypes {
    private static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
    /**
     * DuckDB exports HUGEINT and UHUGEINT as Decimal(38, 0), which holds neither type's whole range.
     * These two instances (equal to any other Decimal(38, 0)) mark such fields for
     * {@link HugeIntCheckedReader}, which refuses values the Arrow type cannot carry.
     */
    static final ArrowType HUGEINT = new ArrowType.Decimal(38, 0, 128);
    static final ArrowType UHUGEINT = new ArrowType.Decimal(38, 0, 128);
    /**
     * Whether the Arrow field of a table column, as {@link #field} maps it, names the
     * column's DuckDB type exactly, so the type can be read back from it. Not so for TIME and TIME
     * WITH TIME ZONE (one Arrow Time type), BLOB, BIT and BIGNUM (Binary), HUGEINT, UHUGEINT and
     * DECIMAL(38, 0) (one Decimal), nor for a nested type holding one of them.
     */
    static boolean namesDuckDbTypeExactly(Field field) {
        ArrowType type = field.getType();
        boolean ambiguous = type instanceof ArrowType.Time || type instanceof ArrowType.Binary
                || type instanceof ArrowType.LargeBinary || type instanceof ArrowType.FixedSizeBinary
                || type instanceof ArrowType.Decimal decimal && decimal.getPrecision() == 38 && decimal.getScale() == 0;
        return !ambiguous && field.getChildren().stream().allMatch(DuckDbTypes::namesDuckDbTypeExactly);
    }

    /** DuckDB exports BIGNUM (VARINT) as an opaque extension type over Binary. */
    private static final Map<String, String> BIGNUM_METADATA = Map.of(
            "ARROW:extension:name", "arrow.opaque",
            "ARROW:extension:metadata", "{\"type_name\":\"bignum\",\"vendor_name\":\"DuckDB\"}");

    private DuckDbTypes() {
    }

    public static Field field(String name, String duckType, boolean nullable) {
        return new Parser(duckType).parseField(name, nullable);
    }

    /**
     * The Arrow field announced for a prepared-statement parameter of {@code duckType}: as
     * {@link #field}, except that a top-level TIMESTAMP, TIMESTAMPTZ or TIME parameter is announced
     * in milliseconds. The stock Flight SQL JDBC driver (18.3) writes the milliseconds of a bound
     * {@code java.sql.Timestamp}/{@code Time} into whatever vector the schema names without
     * converting units, so a microsecond schema would store a wrong instant; JDBC cannot carry
     * more than milliseconds there anyway. Flock reads parameters of any time unit.
     */
    /** Field metadata marking a parameter whose type DuckDB leaves to the bound value. */
    public static final String UNTYPED_PARAMETER = "flock:untyped";

    public static Field parameterField(String name, String duckType) {
        if (duckType == null || duckType.equals("INVALID") || duckType.equals("UNKNOWN")) {
            // DuckDB infers this parameter's type only from the value bound: announce text, marked
            // so that clients may send the value in its own Arrow type instead (docs/flight-sql.md).
            return new Field(name, new FieldType(true, ArrowType.Utf8.INSTANCE, null,
                    Map.of(UNTYPED_PARAMETER, "true")), null);
        }
        Field field = field(name, duckType, true);
        ArrowType type = field.getType();
        if (type instanceof ArrowType.Timestamp timestamp && timestamp.getUnit() == TimeUnit.MICROSECOND) {
            return leafField(name, new ArrowType.Timestamp(TimeUnit.MILLISECOND, timestamp.getTimezone()));
        }
        if (type instanceof ArrowType.Time time && time.getUnit() == TimeUnit.MICROSECOND) {
            return leafField(name, new ArrowType.Time(TimeUnit.MILLISECOND, 32));
        }
        return field;
    }

    private static Field leafField(String name, ArrowType type) {
        return new Field(name, new FieldType(true, type, null), null);
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text.trim();
        }

        Field parseField(String name, boolean nullable) {
            Field field = parseType(name, nullable);
            while (peek('[')) {
                pos++;
                int close = text.indexOf(']', pos);
                String size = text.substring(pos, close).trim();
                pos = close + 1;
                Field child = new Field(size.isEmpty() ? "l" : "", field.getFieldType(), field.getChildren());
                ArrowType type = size.isEmpty() ? ArrowType.List.INSTANCE : new ArrowType.FixedSizeList(Integer.parseInt(size));
                field = new Field(name, new FieldType(nullable, type, null), List.of(child));
            }
            return field;
        }

        private Field parseType(String name, boolean nullable) {
            skipSpaces();
            String word = readTypeName();
            String upper = word.toUpperCase(Locale.ROOT);
            switch (upper) {
                case "STRUCT" -> {
                    expect('(');
                    List<Field> children = new ArrayList<>();
                    while (!peek(')')) {
                        String childName = readIdentifier();
                        children.add(parseField(childName, true));
                        skipSpaces();
                        if (peek(',')) {
                            pos++;
                        }
                        skipSpaces();
                    }
                    expect(')');
                    return new Field(name, new FieldType(nullable, ArrowType.Struct.INSTANCE, null), children);
                }
                case "MAP" -> {
                    expect('(');
                    Field key = parseField("key", false);
                    skipSpaces();
                    expect(',');
                    Field value = parseField("value", true);
                    skipSpaces();
                    expect(')');
                    Field entries = new Field("entries", new FieldType(false, ArrowType.Struct.INSTANCE, null),
                            List.of(key, value));
                    return new Field(name, new FieldType(nullable, new ArrowType.Map(false), null), List.of(entries));
                }
                case "DECIMAL", "NUMERIC" -> {
                    int precision = 18;
                    int scale = 3;
                    if (peek('(')) {
                        pos++;
                        String[] parts = readUntil(')').split(",");
                        precision = Integer.parseInt(parts[0].trim());
                        scale = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 0;
                        pos++;
                    }
                    return leaf(name, nullable, new ArrowType.Decimal(precision, scale, 128));
                }
                case "ENUM" -> {
                    // DuckDB exports a dictionary; EnumAsTextReader decodes top-level ENUM columns to text
                    if (peek('(')) {
                        skipBalanced();
                    }
                    return leaf(name, nullable, UTF8);
                }
                case "UNION" -> {
                    expect('(');
                    List<Field> members = new ArrayList<>();
                    while (!peek(')')) {
                        String memberName = readIdentifier();
                        members.add(parseField(memberName, true));
                        skipSpaces();
                        if (peek(',')) {
                            pos++;
                        }
                        skipSpaces();
                    }
                    expect(')');
                    int[] typeIds = new int[members.size()];
                    for (int i = 0; i < typeIds.length; i++) {
                        typeIds[i] = i;
                    }
                    return new Field(name, new FieldType(nullable, new ArrowType.Union(UnionMode.Sparse, typeIds), null),
                            members);
                }
                case "BIGNUM", "VARINT" -> {
                    return new Field(name, new FieldType(nullable, ArrowType.Binary.INSTANCE, null, BIGNUM_METADATA), null);
                }
                case "VARCHAR", "CHAR", "BPCHAR", "TEXT", "STRING" -> {
                    if (peek('(')) {
                        skipBalanced();
                    }
                    return leaf(name, nullable, UTF8);
                }
                default -> {
                    return leaf(name, nullable, scalar(upper));
                }
            }
        }

        private static Field leaf(String name, boolean nullable, ArrowType type) {
            return new Field(name, new FieldType(nullable, type, null), null);
        }

        private static ArrowType scalar(String upper) {
            return switch (upper) {
                case "BOOLEAN", "BOOL" -> ArrowType.Bool.INSTANCE;
                case "TINYINT" -> new ArrowType.Int(8, true);
                case "SMALLINT" -> new ArrowType.Int(16, true);
                case "INTEGER", "INT" -> new ArrowType.Int(32, true);
                case "BIGINT" -> new ArrowType.Int(64, true);
                case "UTINYINT" -> new ArrowType.Int(8, false);
                case "USMALLINT" -> new ArrowType.Int(16, false);
                case "UINTEGER" -> new ArrowType.Int(32, false);
                case "UBIGINT" -> new ArrowType.Int(64, false);
                case "HUGEINT" -> HUGEINT;
                case "UHUGEINT" -> UHUGEINT;
                case "FLOAT", "REAL" -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
                case "DOUBLE" -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
                case "BLOB", "BIT" -> ArrowType.Binary.INSTANCE;
                case "DATE" -> new ArrowType.Date(DateUnit.DAY);
                case "TIME", "TIME WITH TIME ZONE" -> new ArrowType.Time(TimeUnit.MICROSECOND, 64);
                case "TIMESTAMP" -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
                case "TIMESTAMP WITH TIME ZONE" -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
                case "TIMESTAMP_S" -> new ArrowType.Timestamp(TimeUnit.SECOND, null);
                case "TIMESTAMP_MS" -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, null);
                case "TIMESTAMP_NS" -> new ArrowType.Timestamp(TimeUnit.NANOSECOND, null);
                case "INTERVAL" -> new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO);
                case "\"NULL\"", "NULL" -> ArrowType.Null.INSTANCE;
                default -> UTF8; // UUID, JSON and anything DuckDB exports as text
            };
        }

        /** A type name, which may be several words: TIMESTAMP WITH TIME ZONE, DOUBLE PRECISION. */
        private String readTypeName() {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                    || text.charAt(pos) == '"')) {
                pos++;
            }
            String word = text.substring(start, pos);
            for (String tail : new String[] {" WITH TIME ZONE", " PRECISION"}) {
                if (text.regionMatches(true, pos, tail, 0, tail.length())) {
                    pos += tail.length();
                    return tail.equals(" PRECISION") ? word : word + tail;
                }
            }
            return word;
        }

        private String readIdentifier() {
            skipSpaces();
            if (peek('"')) {
                StringBuilder out = new StringBuilder();
                pos++;
                while (pos < text.length()) {
                    char c = text.charAt(pos++);
                    if (c == '"') {
                        if (peek('"')) {
                            out.append('"');
                            pos++;
                            continue;
                        }
                        break;
                    }
                    out.append(c);
                }
                return out.toString();
            }
            int start = pos;
            while (pos < text.length() && text.charAt(pos) != ' ') {
                pos++;
            }
            return text.substring(start, pos);
        }

        private String readUntil(char c) {
            int end = text.indexOf(c, pos);
            String s = text.substring(pos, end);
            pos = end;
            return s;
        }

        private void skipBalanced() {
            int depth = 0;
            boolean quoted = false;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '\'') {
                    quoted = !quoted;
                } else if (!quoted && c == '(') {
                    depth++;
                } else if (!quoted && c == ')' && --depth == 0) {
                    return;
                }
            }
        }

        private boolean peek(char c) {
            return pos < text.length() && text.charAt(pos) == c;
        }

        private void expect(char c) {
            skipSpaces();
            if (!peek(c)) {
                throw new IllegalArgumentException("Cannot read DuckDB type '" + text + "': expected '" + c
                        + "' at " + pos);
            }
            pos++;
        }

        private void skipSpaces() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }
    }
}

package io.flock.engine.duckdb;

import io.flock.spi.ErrorCode;
import io.flock.spi.FlockException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * DuckDB's Arrow export writes HUGEINT and UHUGEINT values as Decimal(38, 0) without checking
 * that they fit: a HUGEINT of 39 digits breaks the declared precision and a UHUGEINT of 2^127 or
 * more wraps around to a negative number. This reader passes DuckDB's batches through unchanged
 * and fails the query with {@link ErrorCode#DATA_ERROR} on the first such value, so a client
 * never receives a wrong number. Only results holding a (U)HUGEINT, at any depth, are wrapped.
 */
final class HugeIntCheckedReader extends ArrowReader {
    private static final BigDecimal LIMIT = new BigDecimal(BigInteger.TEN.pow(38));

    private final ArrowReader source;
    private final List<Field> declared;

    private HugeIntCheckedReader(ArrowReader source, List<Field> declared, BufferAllocator allocator) {
        super(allocator);
        this.source = source;
        this.declared = declared;
    }

    /**
     * {@code source} itself when no column of {@code declared} (the result's fields as
     * {@link DuckDbTypes} maps them) holds a (U)HUGEINT.
     */
    static ArrowReader wrap(ArrowReader source, List<Field> declared, BufferAllocator allocator) {
        boolean any = declared.stream().anyMatch(HugeIntCheckedReader::holdsHugeInt);
        return any ? new HugeIntCheckedReader(source, List.copyOf(declared), allocator) : source;
    }

    private static boolean holdsHugeInt(Field field) {
        return isHugeInt(field) || field.getChildren().stream().anyMatch(HugeIntCheckedReader::holdsHugeInt);
    }

    private static boolean isHugeInt(Field field) {
        return field.getType() == DuckDbTypes.HUGEINT || field.getType() == DuckDbTypes.UHUGEINT;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        if (!source.loadNextBatch()) {
            return false;
        }
        List<FieldVector> vectors = source.getVectorSchemaRoot().getFieldVectors();
        for (int i = 0; i < vectors.size() && i < declared.size(); i++) {
            check(declared.get(i), vectors.get(i), declared.get(i).getName());
        }
        return true;
    }

    private static void check(Field field, FieldVector vector, String column) {
        if (isHugeInt(field) && vector instanceof DecimalVector decimals) {
            boolean unsigned = field.getType() == DuckDbTypes.UHUGEINT;
            for (int r = 0; r < decimals.getValueCount(); r++) {
                if (decimals.isNull(r)) {
                    continue;
                }
                BigDecimal value = decimals.getObject(r);
                if (value.abs().compareTo(LIMIT) >= 0 || (unsigned && value.signum() < 0)) {
                    throw new FlockException(ErrorCode.DATA_ERROR, "Column '" + column + "' holds a "
                            + (unsigned ? "UHUGEINT" : "HUGEINT") + " value of more than 38 digits, which Arrow"
                            + " Decimal(38, 0) cannot carry; cast it to VARCHAR or DOUBLE to read it");
                }
            }
            return;
        }
        List<FieldVector> children = vector.getChildrenFromFields();
        for (int k = 0; k < field.getChildren().size() && k < children.size(); k++) {
            if (holdsHugeInt(field.getChildren().get(k))) {
                check(field.getChildren().get(k), children.get(k), column);
            }
        }
    }

    @Override
    public VectorSchemaRoot getVectorSchemaRoot() throws IOException {
        return source.getVectorSchemaRoot();
    }

    @Override
    public Map<Long, Dictionary> getDictionaryVectors() throws IOException {
        return source.getDictionaryVectors();
    }

    @Override
    public Dictionary lookup(long id) {
        return source.lookup(id);
    }

    @Override
    public Set<Long> getDictionaryIds() {
        return source.getDictionaryIds();
    }

    @Override
    public long bytesRead() {
        return source.bytesRead();
    }

    @Override
    protected void closeReadSource() throws IOException {
        source.close();
    }

    @Override
    protected Schema readSchema() throws IOException {
        return source.getVectorSchemaRoot().getSchema();
    }
}

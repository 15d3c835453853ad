package io.flock.engine.duckdb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * DuckDB exports an ENUM column as a dictionary-encoded vector. Flock streams every result as
 * plain columns (the stock JDBC driver cannot read dictionaries, and the schema announced at
 * prepare time cannot know the dictionary), so this reader replaces each top-level
 * dictionary-encoded column by a Utf8 column holding the decoded values; other columns are
 * DuckDB's own vectors, passed through. Results without such a column are not wrapped.
 */
final class EnumAsTextReader extends ArrowReader {
    private final ArrowReader source;
    private final VectorSchemaRoot root;
    private final List<FieldVector> sourceVectors;

    private EnumAsTextReader(ArrowReader source, VectorSchemaRoot sourceRoot, BufferAllocator allocator) {
        super(allocator);
        this.source = source;
        this.sourceVectors = sourceRoot.getFieldVectors();
        List<FieldVector> vectors = new ArrayList<>(sourceVectors.size());
        for (FieldVector vector : sourceVectors) {
            Field field = vector.getField();
            if (field.getDictionary() == null) {
                vectors.add(vector);
            } else {
                Field text = new Field(field.getName(), new FieldType(field.isNullable(), ArrowType.Utf8.INSTANCE, null,
                        field.getMetadata()), null);
                vectors.add(new VarCharVector(text, allocator));
            }
        }
        this.root = new VectorSchemaRoot(vectors);
    }

    /** {@code source} itself when none of its columns is dictionary-encoded. */
    static ArrowReader wrap(ArrowReader source, BufferAllocator allocator) throws IOException {
        VectorSchemaRoot sourceRoot = source.getVectorSchemaRoot();
        boolean any = sourceRoot.getSchema().getFields().stream().anyMatch(f -> f.getDictionary() != null);
        return any ? new EnumAsTextReader(source, sourceRoot, allocator) : source;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        if (!source.loadNextBatch()) {
            return false;
        }
        int rows = source.getVectorSchemaRoot().getRowCount();
        for (int c = 0; c < sourceVectors.size(); c++) {
            FieldVector encoded = sourceVectors.get(c);
            if (encoded.getField().getDictionary() != null) {
                decode(encoded, (VarCharVector) root.getVector(c), rows);
            }
        }
        root.setRowCount(rows);
        return true;
    }

    private void decode(FieldVector encoded, VarCharVector text, int rows) {
        Dictionary dictionary = source.lookup(encoded.getField().getDictionary().getId());
        VarCharVector values = (VarCharVector) dictionary.getVector();
        BaseIntVector indices = (BaseIntVector) encoded;
        text.reset();
        for (int r = 0; r < rows; r++) {
            if (encoded.isNull(r)) {
                text.setNull(r);
            } else {
                text.copyFromSafe((int) indices.getValueAsLong(r), r, values);
            }
        }
        text.setValueCount(rows);
    }

    @Override
    public VectorSchemaRoot getVectorSchemaRoot() {
        return root;
    }

    @Override
    public Map<Long, Dictionary> getDictionaryVectors() {
        return Map.of();
    }

    @Override
    public Dictionary lookup(long id) {
        return null;
    }

    @Override
    public Set<Long> getDictionaryIds() {
        return Set.of();
    }

    @Override
    public long bytesRead() {
        return source.bytesRead();
    }

    @Override
    protected void closeReadSource() throws IOException {
        for (int c = 0; c < sourceVectors.size(); c++) {
            if (root.getVector(c) != sourceVectors.get(c)) {
                root.getVector(c).close();
            }
        }
        source.close();
    }

    @Override
    protected Schema readSchema() {
        return root.getSchema();
    }
}

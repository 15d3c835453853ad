package io.flock.cli.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** JSON Lines: one JSON object per line (blank lines skipped); a JSON null is NULL. */
public final class JsonLinesRecordSource implements RecordSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedReader reader;
    private long line;

    public JsonLinesRecordSource(BufferedReader reader) {
        this.reader = reader;
    }

    @Override
    public Optional<InputRecord> next() throws IOException {
        String text;
        do {
            text = reader.readLine();
            line++;
            if (text == null) {
                return Optional.empty();
            }
        } while (text.isBlank());
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadInputException(line, "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadInputException(line, "is not a JSON object");
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().isNull() ? null : e.getValue()));
        return Optional.of(new InputRecord(line, values));
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}

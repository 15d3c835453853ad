package io.flock.cli.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** CSV with a header row (RFC 4180, Commons CSV); an empty field is NULL. */
public final class CsvRecordSource implements RecordSource {
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private long nextLine;

    public CsvRecordSource(Reader reader) throws IOException {
        this.parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader);
        this.records = parser.iterator();
        this.header = parser.getHeaderNames();
        this.nextLine = parser.getCurrentLineNumber() + 1;
    }

    @Override
    public Optional<InputRecord> next() {
        long line = nextLine;
        CSVRecord record;
        try {
            if (!records.hasNext()) {
                return Optional.empty();
            }
            record = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new BadInputException(line, "not valid CSV: " + e.getMessage());
        }
        nextLine = parser.getCurrentLineNumber() + 1;
        if (record.size() != header.size()) {
            throw new BadInputException(line, "has " + record.size() + " fields but the header names " + header.size());
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String text = record.get(i);
            values.put(header.get(i), text.isEmpty() ? null : TextNode.valueOf(text));
        }
        return Optional.of(new InputRecord(line, values));
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}

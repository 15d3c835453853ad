package io.flock.client.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the small JSON documents of Flock's actions ({@code flock.cancel-query},
 * {@code flock.explain-analyze}): a top-level object whose members come back both as values
 * (Map, List, String, BigDecimal, Boolean, null) and as their raw JSON text. Not a general-purpose
 * JSON library; kept here so the client depends on Arrow only.
 */
public final class JsonObjectReader {
    /** A top-level member: its value and its JSON text as sent. */
    public record Member(Object value, String json) {
    }

    private final String text;
    private int position;

    private JsonObjectReader(String text) {
        this.text = text;
    }

    /** The members of the JSON object {@code json}, in order. */
    public static Map<String, Member> read(String json) {
        JsonObjectReader reader = new JsonObjectReader(json);
        reader.skipSpace();
        reader.expect('{');
        Map<String, Member> members = new LinkedHashMap<>();
        reader.skipSpace();
        if (reader.peek() == '}') {
            reader.position++;
            return members;
        }
        while (true) {
            reader.skipSpace();
            String name = reader.string();
            reader.skipSpace();
            reader.expect(':');
            reader.skipSpace();
            int start = reader.position;
            Object value = reader.value();
            members.put(name, new Member(value, json.substring(start, reader.position)));
            reader.skipSpace();
            if (reader.peek() == ',') {
                reader.position++;
            } else {
                reader.expect('}');
                return members;
            }
        }
    }

    private Object value() {
        char c = peek();
        switch (c) {
            case '{': {
                position++;
                Map<String, Object> object = new LinkedHashMap<>();
                skipSpace();
                if (peek() == '}') {
                    position++;
                    return object;
                }
                while (true) {
                    skipSpace();
                    String name = string();
                    skipSpace();
                    expect(':');
                    skipSpace();
                    object.put(name, value());
                    skipSpace();
                    if (peek() == ',') {
                        position++;
                    } else {
                        expect('}');
                        return object;
                    }
                }
            }
            case '[': {
                position++;
                List<Object> array = new ArrayList<>();
                skipSpace();
                if (peek() == ']') {
                    position++;
                    return array;
                }
                while (true) {
                    skipSpace();
                    array.add(value());
                    skipSpace();
                    if (peek() == ',') {
                        position++;
                    } else {
                        expect(']');
                        return array;
                    }
                }
            }
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = next();
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
                    position += 4;
                }
                default -> out.append(escaped);
            }
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, position)) {
            throw error("'" + word + "'");
        }
        position += word.length();
        return value;
    }

    private BigDecimal number() {
        int start = position;
        while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        if (start == position) {
            throw error("a value");
        }
        return new BigDecimal(text.substring(start, position));
    }

    private void skipSpace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private char peek() {
        if (position >= text.length()) {
            throw error("more input");
        }
        return text.charAt(position);
    }

    private char next() {
        char c = peek();
        position++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            position--;
            throw error("'" + c + "'");
        }
    }

    private IllegalStateException error(String expected) {
        return new IllegalStateException("Unexpected JSON from the server: expected " + expected + " at offset "
                + position);
    }
}

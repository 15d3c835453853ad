package io.flock.flight;

import java.util.regex.Pattern;

/** The SQL LIKE patterns of Flight SQL metadata filters: {@code %} any run, {@code _} one character. */
final class LikePattern {
    private final Pattern pattern;

    private LikePattern(Pattern pattern) {
        this.pattern = pattern;
    }

    /** A pattern; an absent filter matches everything. */
    static LikePattern of(boolean present, String like) {
        if (!present) {
            return new LikePattern(null);
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new LikePattern(Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    boolean matches(String value) {
        return pattern == null || pattern.matcher(value).matches();
    }
}

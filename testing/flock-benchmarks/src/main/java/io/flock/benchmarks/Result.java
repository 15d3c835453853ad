package io.flock.benchmarks;

import static java.util.Objects.requireNonNull;

/**
 * One line of the results table.
 *
 * @param benchmark what was measured, e.g. {@code full fetch}
 * @param path the engine and the client path, e.g. {@code Flock, FlightSqlClient}
 * @param value the figure, in {@code unit}
 * @param rows rows each measured run (or each query) returned, to check engines agree
 * @param target the target for this line, or empty for reference lines
 * @param verdict whether the target was met
 */
record Result(String benchmark, String path, double value, Unit unit, long rows, String target, Verdict verdict) {
    Result {
        requireNonNull(benchmark, "benchmark is null");
        requireNonNull(path, "path is null");
        requireNonNull(unit, "unit is null");
        requireNonNull(target, "target is null");
        requireNonNull(verdict, "verdict is null");
    }

    static Result reference(String benchmark, String path, double value, Unit unit, long rows) {
        return new Result(benchmark, path, value, unit, rows, "", Verdict.REFERENCE);
    }

    static Result atLeast(String benchmark, String path, double value, Unit unit, long rows, double minimum) {
        return new Result(benchmark, path, value, unit, rows, ">= " + unit.format(minimum) + " " + unit.label(),
                value >= minimum ? Verdict.MET : Verdict.MISSED);
    }

    static Result atMost(String benchmark, String path, double value, Unit unit, long rows, double maximum) {
        return new Result(benchmark, path, value, unit, rows, "<= " + unit.format(maximum) + " " + unit.label(),
                value <= maximum ? Verdict.MET : Verdict.MISSED);
    }

    /** How a figure is shown. */
    enum Unit {
        ROWS_PER_SECOND("M rows/s", 1e-6, "%.2f"),
        MILLISECONDS("ms", 1, "%.2f"),
        SECONDS("s", 1, "%.2f"),
        QUERIES_PER_SECOND("queries/s", 1, "%.0f"),
        RATIO("x DuckDB", 1, "%.2f"),
        RATIO_PGJDBC("x pgjdbc", 1, "%.2f");

        private final String label;
        private final double scale;
        private final String pattern;

        Unit(String label, double scale, String pattern) {
            this.label = label;
            this.scale = scale;
            this.pattern = pattern;
        }

        String label() {
            return label;
        }

        String format(double value) {
            return String.format(java.util.Locale.ROOT, pattern, value * scale);
        }
    }

    /** Whether a line met its target. */
    enum Verdict {
        MET("yes"), MISSED("NO"), REFERENCE("");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }
    }
}

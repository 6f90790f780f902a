package io.hybench.calibrate.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Turns a raw record into a {@link LabeledRow}, with errors naming file, line and column. */
final class RowMapper {
    private final Path file;
    private final ColumnMapping mapping;
    private final String fileStem;

    RowMapper(Path file, ColumnMapping mapping) {
        this.file = file;
        this.mapping = mapping;
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        this.fileStem = dot > 0 ? name.substring(0, dot) : name;
    }

    LabeledRow map(RawRow raw) {
        String source = file.getFileName() + ":" + raw.line();
        String id = mapping.id() == null ? source : required(raw, mapping.id());
        String prompt = mapping.prompt() == null ? null : required(raw, mapping.prompt());
        String category = mapping.category() == null ? null
                : ColumnMapping.FILE_NAME.equals(mapping.category()) ? fileStem : raw.get(mapping.category());
        List<String> scoreColumns = mapping.scores();
        double[] scores = new double[scoreColumns.size()];
        for (int i = 0; i < scores.length; i++) {
            double v = number(raw, scoreColumns.get(i), required(raw, scoreColumns.get(i)));
            scores[i] = mapping.scoreSense().orient(v);
        }
        return new LabeledRow(id, prompt, category, scores, side(raw, mapping.local()), side(raw, mapping.cloud()), source);
    }

    private SideOutcome side(RawRow raw, SideColumns c) {
        double quality = quality(raw, c.correct());
        return new SideOutcome(quality, optionalNonNegative(raw, c.inputTokens()), optionalNonNegative(raw, c.outputTokens()),
                optionalNonNegative(raw, c.latencyMs()), optionalNonNegative(raw, c.costUsd()));
    }

    /** Correctness: true/false (any case), or a number in [0,1]. */
    private double quality(RawRow raw, String column) {
        String v = required(raw, column).trim();
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true":
                return 1;
            case "false":
                return 0;
            default:
                double q = number(raw, column, v);
                if (q < 0 || q > 1) throw error(raw, column, "correctness must be a boolean or a quality in [0,1], got " + v);
                return q;
        }
    }

    private double optionalNonNegative(RawRow raw, String column) {
        if (column == null) return Double.NaN;
        String v = raw.get(column);
        if (v == null) return Double.NaN;
        double d = number(raw, column, v);
        if (d < 0) throw error(raw, column, "must not be negative, got " + v);
        return d;
    }

    private double number(RawRow raw, String column, String v) {
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) throw error(raw, column, "not a finite number: " + v);
            return d;
        } catch (NumberFormatException e) {
            throw error(raw, column, "not a number: '" + abbreviate(v) + "'");
        }
    }

    private String required(RawRow raw, String column) {
        String v = raw.get(column);
        if (v != null) return v;
        throw error(raw, column, raw.hasColumn(column) ? "empty value" : "no such column");
    }

    private DataFormatException error(RawRow raw, String column, String problem) {
        return new DataFormatException(file, raw.line(), column, problem);
    }

    private static String abbreviate(String v) {
        return v.length() <= 40 ? v : v.substring(0, 40) + "...";
    }
}

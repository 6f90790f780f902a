package io.hybench.calibrate.collect.questions;

import io.hybench.calibrate.data.ColumnMapping;
import io.hybench.calibrate.data.CsvSource;
import io.hybench.calibrate.data.DataFormatException;
import io.hybench.calibrate.data.DatasetLoader;
import io.hybench.calibrate.data.JsonlSource;
import io.hybench.calibrate.data.RawRow;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Loads questions from CSV/JSONL files (or directories of them) through a {@link QuestionMapping}.
 * Every error names file, line and column. Gold answers are normalised on load: a multiple-choice
 * gold becomes an upper-case letter within the options; a numeric gold becomes a plain decimal, taken
 * after the last {@code ####} when present (GSM8K keeps its worked solution before it).
 */
public final class QuestionLoader {
    private QuestionLoader() {
    }

    public static List<Question> load(List<Path> paths, QuestionMapping mapping) {
        mapping.validated();
        List<Question> out = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Path file : DatasetLoader.expand(paths)) {
            String stem = stem(file);
            Consumer<RawRow> sink = raw -> {
                Question q = map(file, stem, raw, mapping);
                String before = seen.putIfAbsent(q.id(), q.source());
                if (before != null) throw new DataFormatException(file, raw.line(), mapping.id(), "duplicate id '" + q.id() + "' (first at " + before + ")");
                out.add(q);
            };
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) CsvSource.read(file, sink);
            else if (name.endsWith(".jsonl") || name.endsWith(".json")) JsonlSource.read(file, sink);
            else throw new DataFormatException(file, "unknown question file type (expected .csv, .jsonl or .json)");
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no questions in " + paths);
        return out;
    }

    static Question map(Path file, String stem, RawRow raw, QuestionMapping m) {
        String source = file.getFileName() + ":" + raw.line();
        String id = m.id() == null ? source : required(file, raw, m.id());
        QuestionKind kind;
        if (m.kind() == null) {
            kind = m.defaultKind();
        } else {
            try {
                kind = QuestionKind.parse(required(file, raw, m.kind()));
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(file, raw.line(), m.kind(), e.getMessage());
            }
        }
        String text = required(file, raw, m.question());
        List<String> options = new ArrayList<>();
        if (kind == QuestionKind.MULTIPLE_CHOICE) {
            for (String column : m.options()) {
                String v = raw.get(column);
                if (v == null) break;
                options.add(v.strip());
            }
            if (options.size() < 2) throw new DataFormatException(file, raw.line(), null, "multiple-choice question needs at least 2 options, found " + options.size());
            if (options.size() > 26) throw new DataFormatException(file, raw.line(), null, "more than 26 options");
        }
        String rawGold = required(file, raw, m.answer());
        String gold;
        try {
            gold = switch (kind) {
                case MULTIPLE_CHOICE -> choiceGold(rawGold, options.size(), m.answerIsIndex());
                case NUMERIC -> numericGold(rawGold);
                case FREE_TEXT -> rawGold.strip();
            };
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file, raw.line(), m.answer(), e.getMessage());
        }
        String category = m.category() == null ? null : ColumnMapping.FILE_NAME.equals(m.category()) ? stem : raw.get(m.category());
        String difficulty = m.difficulty() == null ? null : raw.get(m.difficulty());
        return new Question(id, kind, text, options, gold, category, difficulty, source);
    }

    static String choiceGold(String raw, int optionCount, boolean isIndex) {
        String v = raw.strip();
        int index;
        if (isIndex) {
            try {
                index = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a 0-based option index, got '" + v + "'");
            }
        } else {
            if (v.length() != 1 || !Character.isLetter(v.charAt(0))) throw new IllegalArgumentException("expected an option letter, got '" + v + "'");
            index = Character.toUpperCase(v.charAt(0)) - 'A';
        }
        if (index < 0 || index >= optionCount) throw new IllegalArgumentException("answer '" + v + "' is not one of the " + optionCount + " options");
        return String.valueOf(Question.letter(index));
    }

    /** A gold number: the text after the last {@code ####} if any, thousands separators removed. */
    static String numericGold(String raw) {
        String v = raw;
        int hashes = v.lastIndexOf("####");
        if (hashes >= 0) v = v.substring(hashes + 4);
        v = v.strip().replace(",", "").replace("$", "");
        try {
            return new BigDecimal(v).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gold answer is not a number: '" + abbreviate(raw) + "'");
        }
    }

    private static String required(Path file, RawRow raw, String column) {
        String v = raw.get(column);
        if (v != null) return v;
        throw new DataFormatException(file, raw.line(), column, raw.hasColumn(column) ? "empty value" : "no such column");
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String abbreviate(String v) {
        String s = v.strip();
        return s.length() <= 40 ? s : "..." + s.substring(s.length() - 37);
    }
}

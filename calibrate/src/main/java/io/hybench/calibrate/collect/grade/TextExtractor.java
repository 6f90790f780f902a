package io.hybench.calibrate.collect.grade;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a free-text answer: the rest of the line after the last "Answer:" (markdown bold allowed), else
 * the whole reply when it is one line. {@link #normalise} makes SQuAD-style comparable forms.
 */
public final class TextExtractor {
    private static final Pattern MARKER = Pattern.compile("(?i)\\banswer\\b(?:\\s+is)?\\s*(?:\\*\\*)?\\s*[:=]\\s*(?:\\*\\*)?[ \\t]*([^\\n]*)");
    private static final Pattern ARTICLES = Pattern.compile("\\b(?:a|an|the)\\b");

    private TextExtractor() {
    }

    public static Optional<Extraction> extract(String reply) {
        String text = ConfidenceMask.mask(reply);
        Matcher m = MARKER.matcher(text);
        int start = -1, end = -1;
        while (m.find()) {
            start = m.start(1);
            end = m.end(1);
        }
        if (start < 0) {
            String stripped = text.strip();
            if (stripped.isEmpty() || stripped.contains("\n")) return Optional.empty();
            start = text.indexOf(stripped);
            end = start + stripped.length();
        }
        String raw = reply.substring(start, end);
        String trimmed = raw.strip();
        if (trimmed.isEmpty()) return Optional.empty();
        int s = start + raw.indexOf(trimmed);
        return Optional.of(Extraction.of(trimmed, s, s + trimmed.length()));
    }

    /** Lower case, markdown emphasis, quotes and punctuation dropped, articles removed, spaces collapsed. */
    public static String normalise(String s) {
        String v = s.toLowerCase(Locale.ROOT).replaceAll("[*_`\"'“”‘’]", "");
        v = v.replaceAll("[\\p{Punct}&&[^\\-/.:]]", " ").replaceAll("\\.(?!\\d)", " ");
        v = ARTICLES.matcher(v).replaceAll(" ");
        return v.replaceAll("\\s+", " ").strip();
    }
}

package io.hybench.calibrate.collect.grade;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the chosen option in a model's reply to a multiple-choice question. Tries, in order: an
 * explicit answer statement ("Answer: B", "the answer is (b)", "**Final answer:** C"), a reply that is
 * only a letter ("B", "(B)", "B."), a reply that starts with a lettered option ("B. Paris", "(b) Paris"),
 * a single distinct parenthesised or bold letter, "option C"/"choice C", and finally the text of
 * exactly one option. Letters outside the options do not count; ambiguity yields nothing.
 */
public final class ChoiceExtractor {
    private static final Pattern MARKER = Pattern.compile(
            "(?i)\\banswer\\b(?:\\s+is)?\\s*(?:\\*\\*)?\\s*[:\\-=]?\\s*(?:\\*\\*)?\\s*(?:option\\s+|choice\\s+)?[(\\[]?\\s*([A-Za-z])\\s*[)\\]]?(?![A-Za-z0-9])");
    private static final Pattern ONLY_LETTER = Pattern.compile("^\\s*(?:\\*\\*)?[(\\[]?([A-Za-z])[)\\]]?[.:)]?(?:\\*\\*)?\\s*$");
    private static final Pattern LEADING_LETTER = Pattern.compile("^\\s*(?:\\*\\*)?[(\\[]?([A-Za-z])(?:[)\\]]|[.:)])\\s");
    private static final Pattern PAREN_OR_BOLD = Pattern.compile("\\(([A-Za-z])\\)|\\*\\*([A-Za-z])\\*\\*");
    private static final Pattern OPTION_WORD = Pattern.compile("(?i)\\b(?:option|choice)\\s+[(\\[]?([A-Za-z])[)\\]]?(?![A-Za-z0-9])");

    private ChoiceExtractor() {
    }

    public static Optional<Extraction> extract(String reply, List<String> options) {
        String text = ConfidenceMask.mask(reply);
        int n = options.size();
        Extraction last = null;
        Matcher m = MARKER.matcher(text);
        while (m.find()) {
            Extraction e = letter(text, m, 1, n, true);
            if (e != null) last = e;
        }
        if (last != null) return Optional.of(last);
        for (Pattern p : List.of(ONLY_LETTER, LEADING_LETTER)) {
            m = p.matcher(text);
            if (m.find()) {
                Extraction e = letter(text, m, 1, n, false);
                if (e != null) return Optional.of(e);
            }
        }
        for (Pattern p : List.of(PAREN_OR_BOLD, OPTION_WORD)) {
            Optional<Extraction> unique = uniqueLetter(text, p, n);
            if (unique.isPresent()) return unique;
        }
        return optionText(text, options);
    }

    /** A letter match; in free prose a lower-case letter followed by a word is the article "a", not option A. */
    private static Extraction letter(String text, Matcher m, int group, int optionCount, boolean prose) {
        int g = m.group(group) != null ? group : group + 1;
        char c = m.group(g).charAt(0);
        int index = Character.toUpperCase(c) - 'A';
        if (index < 0 || index >= optionCount) return null;
        if (prose && Character.isLowerCase(c) && followedByWord(text, m.end(g))) return null;
        return new Extraction(String.valueOf(Character.toUpperCase(c)), m.start(g), m.end(g), true);
    }

    private static boolean followedByWord(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) == ' ') i++;
        return i > from && i < text.length() && Character.isLetter(text.charAt(i));
    }

    private static Optional<Extraction> uniqueLetter(String text, Pattern p, int optionCount) {
        Matcher m = p.matcher(text);
        Extraction found = null;
        while (m.find()) {
            Extraction e = letter(text, m, 1, optionCount, false);
            if (e == null) continue;
            if (found != null && !found.answer().equals(e.answer())) return Optional.empty();
            if (found == null) found = e;
        }
        return Optional.ofNullable(found);
    }

    /** The one option whose text the reply contains (case-insensitive, whole words); none when several do. */
    private static Optional<Extraction> optionText(String text, List<String> options) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<Extraction> hits = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            String o = options.get(i).strip().toLowerCase(Locale.ROOT);
            if (o.isEmpty()) continue;
            Matcher m = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(o) + "(?![\\p{L}\\p{N}])").matcher(lower);
            if (m.find()) hits.add(Extraction.of(String.valueOf((char) ('A' + i)), m.start(), m.end()));
        }
        // One option's text inside another's ("Paris" in "Paris, Texas"): keep the longest.
        hits.removeIf(h -> hits.stream().anyMatch(o -> o != h && o.start() <= h.start() && o.end() >= h.end() && (o.end() - o.start()) > (h.end() - h.start())));
        return hits.size() == 1 ? Optional.of(hits.get(0)) : Optional.empty();
    }
}

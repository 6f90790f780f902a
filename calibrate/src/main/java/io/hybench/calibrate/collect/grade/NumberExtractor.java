package io.hybench.calibrate.collect.grade;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the final numeric answer in a reply. Prefers, in order, the last GSM8K-style {@code #### 42},
 * the last {@code \boxed{42}}, the last number right after "answer" ("Answer: $1,234.50", "the answer is
 * -3/4"), and else the last number in the reply. Thousands separators, currency signs and a trailing
 * percent sign are dropped; a fraction a/b becomes its decimal value.
 */
public final class NumberExtractor {
    static final String NUMBER = "(?<![\\d.])-?\\$?\\s?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?:\\s?/\\s?\\d+)?|(?<![\\d.])-?\\.\\d+";
    private static final Pattern HASHES = Pattern.compile("####\\s*(" + NUMBER + ")");
    private static final Pattern BOXED = Pattern.compile("\\\\boxed\\{\\s*(" + NUMBER + ")");
    private static final Pattern MARKER = Pattern.compile("(?i)\\banswer\\b(?:\\s+is)?\\s*(?:\\*\\*)?\\s*[:=]?\\s*(?:\\*\\*)?\\s*(?:approximately\\s+|about\\s+|≈\\s*)?(" + NUMBER + ")");
    private static final Pattern ANY = Pattern.compile(NUMBER);

    private NumberExtractor() {
    }

    public static Optional<Extraction> extract(String reply) {
        String text = ConfidenceMask.mask(reply);
        for (Pattern p : new Pattern[]{HASHES, BOXED, MARKER}) {
            Optional<Extraction> e = last(p.matcher(text), 1);
            if (e.isPresent()) return e;
        }
        return last(ANY.matcher(text), 0);
    }

    private static Optional<Extraction> last(Matcher m, int group) {
        Extraction found = null;
        while (m.find()) {
            BigDecimal v = parse(m.group(group));
            if (v != null) found = Extraction.of(v.stripTrailingZeros().toPlainString(), m.start(group), m.end(group));
        }
        return Optional.ofNullable(found);
    }

    /** The value of a matched number, or null for a fraction with a zero denominator. */
    static BigDecimal parse(String s) {
        String v = s.replace("$", "").replace(",", "").replace(" ", "");
        int slash = v.indexOf('/');
        if (slash < 0) return new BigDecimal(v);
        BigDecimal den = new BigDecimal(v.substring(slash + 1));
        if (den.signum() == 0) return null;
        return new BigDecimal(v.substring(0, slash)).divide(den, MathContext.DECIMAL64);
    }
}

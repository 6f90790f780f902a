package io.hybench.calibrate.collect.grade;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks out the confidence statement a prompt asks for ("Confidence: 85") so that its number is
 * never taken for the answer. Characters are replaced by spaces, so offsets into the masked text are
 * offsets into the response.
 */
final class ConfidenceMask {
    private static final Pattern CONFIDENCE_LINE = Pattern.compile("(?im)^[^\\n]*\\bconfiden(?:ce|t)\\b[^\\n]*$");

    private ConfidenceMask() {
    }

    static String mask(String text) {
        Matcher m = CONFIDENCE_LINE.matcher(text);
        StringBuilder out = new StringBuilder(text);
        while (m.find()) {
            // Keep the line when the answer shares it: "Answer: B (confidence 80)".
            if (m.group().toLowerCase(java.util.Locale.ROOT).contains("answer")) continue;
            for (int i = m.start(); i < m.end(); i++) out.setCharAt(i, ' ');
        }
        return out.toString();
    }
}

package io.hybench.reports.html;

/**
 * Escaping for HTML text and attribute values. Everything a page shows from outside the code
 * (prompts, responses, model and target names, config text, file paths) passes through here.
 */
public final class Html {
    private static final char REPLACEMENT = '\uFFFD';

    private Html() {
    }

    /**
     * Escapes text for element content and for double- or single-quoted attribute values. Control
     * characters other than tab, newline and carriage return, unpaired surrogates and noncharacters
     * become U+FFFD, so the output is always well-formed HTML that a browser parses the same way.
     */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\t', '\n', '\r' -> out.append(c);
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        int cp = Character.toCodePoint(c, text.charAt(++i));
                        out.appendCodePoint(isNoncharacter(cp) ? REPLACEMENT : cp);
                    } else if (Character.isSurrogate(c) || Character.isISOControl(c) || isNoncharacter(c)) {
                        out.append(REPLACEMENT);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean isNoncharacter(int cp) {
        return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
    }

    /** An id or fragment name made only of [a-z0-9-], derived from any text. */
    public static String slug(String text) {
        String s = text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? "section" : s;
    }
}

package io.hybench.calibrate.collect.signals;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model's own rating, as a fraction in [0,1]. Reads the last "Confidence: 85", "confidence level
 * is 85%", "**Confidence:** 85/100", "Confidence: 0.85", or "I am 85% confident/sure/certain". A
 * number with a % or /100 is a percentage; a decimal in [0,1] without one is already a fraction
 * ("0.85"); anything else from 0 to 100 is a percentage ("85", and "1" is 1%). Out-of-range values and
 * words ("high") give nothing.
 */
public final class VerbalisedConfidence {
    private static final String VALUE = "(\\d{1,3}(?:\\.\\d+)?)\\s*(%|/\\s*100\\b|\\s+percent\\b)?";
    private static final Pattern STATED = Pattern.compile(
            "(?i)\\bconfidence\\b(?:\\s+(?:level|score|rating))?(?:\\s+(?:is|of))?\\s*(?:\\*\\*)?\\s*[:=]?\\s*(?:\\*\\*)?\\s*(?:about\\s+|around\\s+|~\\s*)?" + VALUE);
    private static final Pattern FIRST_PERSON = Pattern.compile("(?i)(\\d{1,3}(?:\\.\\d+)?)\\s*(%|\\s+percent\\b)\\s+(?:confident|sure|certain)\\b");

    private VerbalisedConfidence() {
    }

    public static OptionalDouble parse(String reply) {
        Matcher stated = STATED.matcher(reply);
        OptionalDouble last = OptionalDouble.empty();
        int lastAt = -1;
        while (stated.find()) {
            OptionalDouble v = value(stated.group(1), stated.group(2));
            if (v.isPresent()) {
                last = v;
                lastAt = stated.start();
            }
        }
        Matcher first = FIRST_PERSON.matcher(reply);
        while (first.find()) {
            OptionalDouble v = value(first.group(1), first.group(2));
            if (v.isPresent() && first.start() > lastAt) {
                last = v;
                lastAt = first.start();
            }
        }
        return last;
    }

    private static OptionalDouble value(String number, String unit) {
        double v = Double.parseDouble(number);
        boolean percent = unit != null || !(number.contains(".") && v <= 1);
        double fraction = percent ? v / 100 : v;
        return fraction >= 0 && fraction <= 1 ? OptionalDouble.of(fraction) : OptionalDouble.empty();
    }
}

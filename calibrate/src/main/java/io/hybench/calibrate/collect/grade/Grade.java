package io.hybench.calibrate.collect.grade;

/**
 * The verdict on one response.
 *
 * @param answer      the extracted answer in normal form (a letter, a plain decimal, normalised text);
 *                    null when nothing could be extracted
 * @param correct     whether it matches the gold answer; an unparseable response is never correct
 * @param unparseable no answer could be extracted (counted apart from wrong answers)
 * @param start       first character of the answer in the response, -1 when unknown
 * @param end         one past its last character, -1 when unknown
 * @param asLetter    for multiple choice: the answer was given as an option letter (not its text),
 *                    so a letter token carries its probability
 */
public record Grade(String answer, boolean correct, boolean unparseable, int start, int end, boolean asLetter) {
    public static Grade unparseableResponse() {
        return new Grade(null, false, true, -1, -1, false);
    }

    public static Grade of(Extraction e, boolean correct) {
        return new Grade(e.answer(), correct, false, e.start(), e.end(), e.asLetter());
    }
}

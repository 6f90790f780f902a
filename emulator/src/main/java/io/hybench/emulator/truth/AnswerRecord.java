package io.hybench.emulator.truth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What the answer model answered to one request whose prompt was in the answer key (written once the
 * response was delivered). In a truth file it is a line of {@code kind} "answer".
 *
 * @param request      the emulator's request number (joins the request's write records)
 * @param question     the question's id in the answer key
 * @param confidence   the stated confidence c
 * @param correct      whether the answer is the gold one
 * @param answer       the answer given (a letter, a number, a text)
 * @param temperature  the request's temperature, null for the server default
 * @param seed         the request's sampling seed, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"request", "kind", "question", "confidence", "correct", "answer", "temperature", "seed"})
public record AnswerRecord(long request, String question, double confidence, boolean correct, String answer,
                           Double temperature, Long seed) implements TruthEntry {
    @JsonProperty("kind")
    public String kind() {
        return "answer";
    }
}

package io.hybench.bench.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hybench.bench.client.RequestRecord;

/**
 * One line of {@code requests.jsonl}: a request's record and where it belongs in the run.
 *
 * @param step               index of the sweep step it was sent in
 * @param warmup             true when sent during the step's warm-up (excluded from every metric)
 * @param category           the prompt's category from a prompt file, null when none
 * @param promptId           the prompt's id from a prompt file (a question id for a question workload), null when none
 * @param requestedMaxTokens the output length asked for, null for the server's default
 * @param record             the client's measurement
 * @param session            the request's session and turn in a multi-turn workload; absent otherwise
 * @param promptTokens       the prompt's length in tokens of the workload's tokenizer (the server's own count is the
 *                           record's {@code inputTokens}); absent when the workload names none
 */
public record RequestLine(int step, boolean warmup, String category, String promptId, Integer requestedMaxTokens, RequestRecord record,
                          @JsonInclude(JsonInclude.Include.NON_NULL) SessionTurn session,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Integer promptTokens) {
}

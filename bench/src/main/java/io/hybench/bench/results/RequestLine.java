package io.hybench.bench.results;

import io.hybench.bench.client.RequestRecord;

/**
 * One line of {@code requests.jsonl}: a request's record and where it belongs in the run.
 *
 * @param step   index of the sweep step it was sent in
 * @param warmup true when sent during the step's warm-up (excluded from every metric)
 * @param record the client's measurement
 */
public record RequestLine(int step, boolean warmup, RequestRecord record) {
}

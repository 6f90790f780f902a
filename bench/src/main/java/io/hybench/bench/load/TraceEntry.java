package io.hybench.bench.load;

/**
 * One request of a timestamped trace.
 *
 * @param offsetNanos  when it arrived, after the trace's earliest request
 * @param inputTokens  traced prompt length (at least 1)
 * @param outputTokens traced output length (at least 1)
 * @param hashIds      Mooncake's block hash ids, one per block of the prompt, in order; empty when the trace has none
 * @param line         where it stands in the file (line, or CSV record after the header), for messages
 */
record TraceEntry(long offsetNanos, int inputTokens, int outputTokens, long[] hashIds, long line) {
}

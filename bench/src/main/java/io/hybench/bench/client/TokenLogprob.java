package io.hybench.bench.client;

import java.util.List;

/** One generated token with its log-probability and the alternatives the server returned. */
public record TokenLogprob(String token, double logprob, List<Alternative> topLogprobs) {
    public TokenLogprob {
        topLogprobs = topLogprobs == null ? List.of() : List.copyOf(topLogprobs);
    }

    public record Alternative(String token, double logprob) {
    }
}

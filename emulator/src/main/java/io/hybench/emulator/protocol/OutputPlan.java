package io.hybench.emulator.protocol;

import io.hybench.emulator.profile.OutputParams;

import java.util.SplittableRandom;

/**
 * How a request's answer ends: {@code tokens} sampled tokens, the last being end-of-sequence when
 * {@code eos} (it has no text), otherwise cut at the length cap.
 */
record OutputPlan(int tokens, boolean eos) {
    /** Tokens that carry text. */
    int textTokens() {
        return eos ? tokens - 1 : tokens;
    }

    /**
     * The model "wants" to stop at a lognormal length (the profile's median and sigma, drawn from the
     * request's text key); max_tokens, min_tokens, ignore_eos and the context window bound it.
     */
    static OutputPlan of(EmulatedRequest r, OutputParams out, long textKey) throws ApiError {
        SplittableRandom random = new SplittableRandom(TokenText.mix(textKey ^ 0x5DEECE66DL));
        int natural = (int) Math.max(1, Math.round(out.eosMedianTokens() * Math.exp(out.eosSigma() * random.nextGaussian())));
        return bounded(r, out, natural);
    }

    /** A reply of {@code replyTokens} text tokens that ends with end-of-sequence, bounded as above. */
    static OutputPlan forReply(EmulatedRequest r, OutputParams out, int replyTokens) throws ApiError {
        return bounded(r, out, replyTokens + 1);
    }

    private static OutputPlan bounded(EmulatedRequest r, OutputParams out, int naturalTokens) throws ApiError {
        int room = out.contextTokens() - r.prompt().tokens();
        if (room < 1 || (r.length().maxTokens() != null && r.length().maxTokens() > room)) {
            int asked = r.length().maxTokens() == null ? 1 : r.length().maxTokens();
            throw ApiError.invalid("This model's maximum context length is " + out.contextTokens()
                    + " tokens. However, you requested " + (r.prompt().tokens() + asked) + " tokens ("
                    + r.prompt().tokens() + " in the messages, " + asked + " in the completion). "
                    + "Please reduce the length of the messages or completion.");
        }
        int cap = r.length().maxTokens() == null ? room : r.length().maxTokens();
        if (r.length().ignoreEos()) return new OutputPlan(cap, false);
        int natural = Math.max(naturalTokens, r.length().minTokens() + 1);
        return natural <= cap ? new OutputPlan(natural, true) : new OutputPlan(cap, false);
    }
}

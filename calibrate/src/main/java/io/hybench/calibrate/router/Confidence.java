package io.hybench.calibrate.router;

/**
 * Confidence of a local answer from the logprobs a server returns, defined as the collect signals
 * define them (issue 7): the chosen option's probability renormalised over the options, and the mean
 * token logprob of the answer. Allocation-free, so a router can call them per query.
 */
public final class Confidence {
    private Confidence() {
    }

    /**
     * exp(lp[chosen]) / sum over options of exp(lp[i]), computed as a softmax shifted by the largest
     * logprob (no underflow when every option is unlikely). An option the server did not return has
     * logprob -Infinity (probability 0).
     */
    public static double optionProbability(double[] optionLogprobs, int chosen) {
        if (chosen < 0 || chosen >= optionLogprobs.length) {
            throw new IllegalArgumentException("chosen option " + chosen + " not among " + optionLogprobs.length + " options");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double lp : optionLogprobs) {
            if (Double.isNaN(lp) || lp > 0) throw new IllegalArgumentException("not a logprob: " + lp);
            max = Math.max(max, lp);
        }
        if (max == Double.NEGATIVE_INFINITY) return Double.NaN; // no option has any probability: undefined
        double sum = 0;
        for (double lp : optionLogprobs) sum += Math.exp(lp - max);
        return Math.exp(optionLogprobs[chosen] - max) / sum;
    }

    /** Arithmetic mean of the answer's token logprobs (a value <= 0; NaN for an empty answer). */
    public static double meanTokenLogprob(double[] tokenLogprobs) {
        if (tokenLogprobs.length == 0) return Double.NaN;
        double sum = 0;
        for (double lp : tokenLogprobs) {
            if (Double.isNaN(lp) || lp > 0) throw new IllegalArgumentException("not a logprob: " + lp);
            sum += lp;
        }
        return sum / tokenLogprobs.length;
    }
}

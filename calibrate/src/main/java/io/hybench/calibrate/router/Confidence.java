package io.hybench.calibrate.router;

/**
 * Confidence of a local answer from the logprobs a server returns, computed as the collect signals
 * compute their columns ({@code io.hybench.calibrate.collect.signals.LogprobSignals}: {@code p_choice}
 * and {@code mean_logprob}), with the same arithmetic, so a threshold fitted on collected data applies
 * to the value computed here bit for bit.
 */
public final class Confidence {
    private Confidence() {
    }

    /**
     * {@code p_choice}: exp(lp[chosen]) / sum over options of exp(lp[i]), one logprob per option at the
     * decision token; an option the server did not list has logprob -Infinity (no mass), so with
     * top_logprobs = k the renormalisation is over the options among the top k. The sum is
     * {@code DoubleStream.sum} over the options in order, as collect's (one small array per call).
     */
    public static double optionProbability(double[] optionLogprobs, int chosen) {
        if (chosen < 0 || chosen >= optionLogprobs.length) {
            throw new IllegalArgumentException("chosen option " + chosen + " not among " + optionLogprobs.length + " options");
        }
        double[] p = new double[optionLogprobs.length];
        for (int i = 0; i < p.length; i++) {
            double lp = optionLogprobs[i];
            if (Double.isNaN(lp) || lp > 0) throw new IllegalArgumentException("not a logprob: " + lp);
            p[i] = Math.exp(lp);
        }
        double total = java.util.Arrays.stream(p).sum();
        return total == 0 ? Double.NaN : p[chosen] / total; // no option has any mass: undefined
    }

    /** {@code mean_logprob}: the arithmetic mean of the answer's token logprobs, summed in order (NaN for an empty answer). */
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

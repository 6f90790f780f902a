package io.hybench.calibrate.fit;

import io.hybench.calibrate.policy.ScoreOrder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How well a score predicts "the local answer is right" (local quality >= 0.5). AUROC is the
 * Mann-Whitney statistic with mid-ranks for ties. Brier, ECE and the reliability diagram read the
 * score as a probability, so they are NaN/empty unless every score lies in [0,1]. ECE uses
 * {@code bins} equal-width bins, each weighted by its row count; a score of exactly 1 falls in the last bin.
 */
public record ScoreQuality(double auroc, double brier, double ece, List<Bin> reliability) {

    /** One reliability-diagram bin: its score range, row count, mean score and observed local accuracy. */
    public record Bin(double from, double to, int count, double meanScore, double localAccuracy) {
    }

    public static ScoreQuality of(double[] score, double[] localQuality, int bins) {
        int n = score.length;
        boolean probability = Arrays.stream(score).allMatch(s -> s >= 0 && s <= 1);
        double brier = Double.NaN, ece = Double.NaN;
        List<Bin> diagram = List.of();
        if (probability) {
            brier = 0;
            int[] count = new int[bins];
            double[] sumS = new double[bins], sumQ = new double[bins];
            for (int i = 0; i < n; i++) {
                double d = score[i] - localQuality[i];
                brier += d * d;
                int b = Math.min(bins - 1, (int) (score[i] * bins));
                count[b]++;
                sumS[b] += score[i];
                sumQ[b] += localQuality[i];
            }
            brier /= n;
            ece = 0;
            List<Bin> out = new ArrayList<>();
            for (int b = 0; b < bins; b++) {
                if (count[b] == 0) continue;
                double ms = sumS[b] / count[b], mq = sumQ[b] / count[b];
                ece += (double) count[b] / n * Math.abs(ms - mq);
                out.add(new Bin((double) b / bins, (double) (b + 1) / bins, count[b], ms, mq));
            }
            diagram = List.copyOf(out);
        }
        return new ScoreQuality(auroc(score, localQuality), brier, ece, diagram);
    }

    /** P(score of a random right row > score of a random wrong row), ties counting half; NaN without both classes. */
    static double auroc(double[] score, double[] localQuality) {
        int n = score.length;
        int[] idx = ScoreOrder.ascending(score);
        double rankSumPositive = 0;
        long positives = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && score[idx[j]] == score[idx[i]]) j++;
            double midRank = (i + 1 + j) / 2.0; // ranks i+1..j share their mean
            for (int k = i; k < j; k++) {
                if (localQuality[idx[k]] >= 0.5) {
                    rankSumPositive += midRank;
                    positives++;
                }
            }
            i = j;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) return Double.NaN;
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}

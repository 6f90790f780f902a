package io.hybench.tools.fit;

import io.hybench.emulator.profile.VllmParams;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Fits the vLLM-like engine model's step costs (docs/emulator.md: step = base + per token × scheduled tokens
 * + per context token × context of the scheduled sequences) to a measured run. The scheduler's limits are
 * given (they are the server's settings, not timings). The objective is the mean squared log error
 * ln(emulated / measured) over every level's fitted figures (TTFT, ITL and E2E medians, output tokens/s),
 * each level simulated on the emulator's own engine code with the run's load; Nelder-Mead searches the
 * logarithms of the three costs, so each stays positive and errors count relatively.
 */
public final class ProfileFitter {
    /** The scheduler settings the fit keeps fixed. */
    public record Limits(int maxNumSeqs, int maxNumBatchedTokens, long kvCacheTokens) {
        public Limits {
            if (maxNumSeqs < 1 || maxNumBatchedTokens < 1 || kvCacheTokens < 1) {
                throw new FitException("engine limits must be >= 1: max-num-seqs " + maxNumSeqs + ", max-batched-tokens "
                        + maxNumBatchedTokens + ", kv-cache-tokens " + kvCacheTokens);
            }
        }
    }

    /** The fitted parameters, the emulated figures per level beside the measured ones, and the search's cost. */
    public record Result(VllmParams params, List<LevelFigures> measured, List<LevelFigures> emulated, double rmsLogError,
                         int evaluations) {
    }

    /** A figure the emulation could not produce counts as off by a factor e² (squared log error 4). */
    private static final double MISSING_PENALTY = 4.0;

    private final MeasuredRun run;
    private final Limits limits;
    private final int maxEvaluations;

    public ProfileFitter(MeasuredRun run, Limits limits, int maxEvaluations) {
        this.run = run;
        this.limits = limits;
        this.maxEvaluations = maxEvaluations;
    }

    /**
     * Nelder-Mead from three starts (the guess, a large context cost, a small base), each with a third of the
     * evaluations; the best point any evaluation saw wins, so a search cut off by its budget still counts.
     */
    public Result fit() {
        double[] guess = initialGuess();
        double[][] starts = {guess, {guess[0], guess[1], Math.log(1000)}, {guess[0] - Math.log(2), guess[1] + Math.log(3), guess[2]}};
        Search search = new Search();
        int each = Math.max(10, maxEvaluations / starts.length);
        for (double[] start : starts) {
            try {
                new SimplexOptimizer(1e-5, 1e-7).optimize(new MaxEval(each), GoalType.MINIMIZE, new InitialGuess(start),
                        new ObjectiveFunction(search), new NelderMeadSimplex(new double[]{0.7, 0.7, 1.0}));
            } catch (TooManyEvaluationsException e) {
                // this start's budget is spent: its best point is in the search
            }
        }
        VllmParams params = params(search.bestPoint);
        return new Result(params, run.levels(), emulate(params), Math.sqrt(search.bestValue), search.evaluations);
    }

    /** The objective, remembering the best point evaluated. */
    private final class Search implements MultivariateFunction {
        double[] bestPoint;
        double bestValue = Double.POSITIVE_INFINITY;
        int evaluations;

        @Override
        public double value(double[] logs) {
            evaluations++;
            double v = meanSquaredLogError(emulate(params(logs)));
            if (v < bestValue) {
                bestValue = v;
                bestPoint = logs.clone();
            }
            return v;
        }
    }

    /** A given engine compared with the run, without a search (0 evaluations). */
    public Result compare(VllmParams params) {
        List<LevelFigures> emulated = emulate(params);
        return new Result(params, run.levels(), emulated, Math.sqrt(meanSquaredLogError(emulated)), 0);
    }

    /** Every level of the run on the given engine, in simulated time. */
    public List<LevelFigures> emulate(VllmParams params) {
        return IntStream.range(0, run.shape().sweep().levels().size()).parallel()
                .mapToObj(i -> EngineSimulation.run(params, run.shape(), i)).toList();
    }

    /** Mean squared log error of the fitted figures over all levels. */
    public double meanSquaredLogError(List<LevelFigures> emulated) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < emulated.size(); i++) {
            for (LevelFigures.Figure f : LevelFigures.Figure.values()) {
                if (!f.fitted) continue;
                double m = run.levels().get(i).get(f);
                if (!(m > 0)) continue;
                double e = emulated.get(i).get(f);
                sum += e > 0 ? Math.pow(Math.log(e / m), 2) : MISSING_PENALTY;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * From the lightest level: one decode step is about its ITL median, and its TTFT adds one prompt's prefill.
     * The context cost starts small; the search moves it.
     */
    private double[] initialGuess() {
        LevelFigures light = run.levels().getFirst();
        double itl = light.itlP50Ms() > 0 ? light.itlP50Ms() : 10;
        double base = 0.9 * itl;
        double perToken = Math.max(1e-4, ((light.ttftP50Ms() > 0 ? light.ttftP50Ms() : itl) - itl) / run.shape().tokens().meanPrompt());
        return new double[]{Math.log(base), Math.log(perToken), Math.log(10)};
    }

    private VllmParams params(double[] logs) {
        long base = Math.max(1_000, Math.round(Math.exp(logs[0]) * 1e6));
        long perToken = Math.round(Math.min(Math.exp(logs[1]), 1e3) * 1e6);
        double perContext = Math.min(Math.exp(logs[2]), 1e6);
        return new VllmParams(limits.maxNumSeqs(), limits.maxNumBatchedTokens(), limits.kvCacheTokens(), base, perToken, perContext);
    }

    /** Per level and figure: emulated / measured − 1 (NaN where either is missing). */
    public static List<double[]> relativeErrors(List<LevelFigures> measured, List<LevelFigures> emulated) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < measured.size(); i++) {
            LevelFigures.Figure[] figures = LevelFigures.Figure.values();
            double[] row = new double[figures.length];
            for (int j = 0; j < figures.length; j++) {
                double m = measured.get(i).get(figures[j]);
                double e = emulated.get(i).get(figures[j]);
                row[j] = m > 0 && e >= 0 ? e / m - 1 : Double.NaN;
            }
            out.add(row);
        }
        return out;
    }
}

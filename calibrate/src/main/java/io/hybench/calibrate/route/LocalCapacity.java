package io.hybench.calibrate.route;

import io.hybench.bench.metrics.LevelSummary;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.metrics.SweepAnalysis;
import io.hybench.bench.results.ResultReader;
import io.hybench.bench.results.RunSummary;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The local in-flight limit from a bench run: the largest load at which the target met the run's SLOs
 * ({@code sweeps[].largestLoadMeetingSlos}, docs/results.md). A closed-loop load is a number of users,
 * i.e. requests in flight; an open-loop load is a rate, turned into requests in flight by the mean
 * in-flight count the run measured at that rate (the largest over its repetitions).
 *
 * @param basis one line saying where the figure came from, for the command's log
 */
public record LocalCapacity(int maxInFlight, String basis) {

    public static LocalCapacity fromBenchRun(Path runDir, String target) {
        RunSummary s = ResultReader.load(runDir).summary();
        if (s == null) throw new IllegalArgumentException(runDir + ": no summary.json (the run did not finish)");
        List<SweepAnalysis> sweeps = s.sweeps();
        SweepAnalysis a = sweeps.stream().filter(x -> x.target().equals(target)).findFirst()
                .orElseGet(() -> sweeps.size() == 1 ? sweeps.getFirst() : null);
        if (a == null) {
            throw new IllegalArgumentException(runDir + ": no target '" + target + "' in the run (targets: "
                    + String.join(", ", sweeps.stream().map(SweepAnalysis::target).toList()) + ")");
        }
        if (!a.slosGiven()) throw new IllegalArgumentException(runDir + ": the run had no SLOs, so no load is known to meet them");
        Double load = a.largestLoadMeetingSlos();
        if (load == null) throw new IllegalArgumentException(runDir + ": target '" + a.target() + "' met its SLOs at no load level");
        LevelSummary level = s.levels().stream().filter(l -> l.target().equals(a.target()) && l.load() == load).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(runDir + ": no level of '" + a.target() + "' at load " + load));
        String where = String.format(Locale.ROOT, "%s, target '%s'", runDir, a.target());
        if (level.mode().equals("closed")) {
            int users = (int) Math.floor(load);
            return new LocalCapacity(Math.max(1, users), String.format(Locale.ROOT, "%d users, the largest closed-loop load meeting the SLOs (%s)", users, where));
        }
        double inFlight = s.steps().stream().filter(st -> level.steps().contains(st.step().index()))
                .map(StepSummary::selfCheck).mapToDouble(c -> c.littleLaw().meanInFlight()).max().orElse(Double.NaN);
        if (!(inFlight >= 0)) throw new IllegalArgumentException(runDir + ": no in-flight measurement at rate " + load + " of '" + a.target() + "'");
        int n = Math.max(1, (int) Math.floor(inFlight));
        return new LocalCapacity(n, String.format(Locale.ROOT, "%d in flight, measured at %s req/s, the largest open-loop rate meeting the SLOs (%s)",
                n, load, where));
    }
}

package io.hybench.calibrate.collect.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a collect run leaves: counts, per-target totals over the whole output, the questions that
 * failed this run (asked again by the next), and the calibrator mappings written.
 *
 * @param questions     questions in the set
 * @param rows          rows in the output now
 * @param resumedRows   rows that were already there and were skipped
 * @param newRows       rows this run added
 * @param failed        questions not answered this run, by error ("target: class (HTTP n): message" → count)
 * @param sides         local first, then the clouds
 * @param mappings      per cloud target, the mapping file and the score columns it lists
 * @param omittedScores local signal columns left out of the mappings, with why
 */
public record CollectSummary(int questions, int rows, int resumedRows, int newRows, Map<String, Integer> failed,
                             List<SideSummary> sides, Map<String, MappingInfo> mappings, Map<String, String> omittedScores) {

    public record MappingInfo(Path file, List<String> scores) {
    }

    public int failedCount() {
        return failed.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** A plain-text table for the console. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "questions %d, rows %d (%d resumed, %d new), failed this run %d%n",
                questions, rows, resumedRows, newRows, failedCount()));
        b.append(String.format(Locale.ROOT, "%-12s %-24s %6s %9s %11s %12s %12s %12s %12s%n",
                "target", "model", "rows", "accuracy", "unparseable", "in tokens", "out tokens", "sample tok", "cost USD"));
        for (SideSummary s : sides) {
            b.append(String.format(Locale.ROOT, "%-12s %-24s %6d %8.1f%% %11d %12d %12d %12d %12s%n",
                    s.target(), s.model(), s.grades().rows(), 100 * s.grades().accuracy(), s.grades().unparseable(),
                    s.tokens().inputTokens(), s.tokens().outputTokens(), s.tokens().sampleInputTokens() + s.tokens().sampleOutputTokens(),
                    s.cost().costUsd() == null ? "n/a" : String.format(Locale.ROOT, "%.4f", s.cost().costUsd() + s.cost().sampleCostUsd())));
        }
        sides.stream().filter(s -> s.cost().costUsd() == null)
                .forEach(s -> b.append("  cost n/a for ").append(s.target()).append(": ").append(s.cost().costNote()).append('\n'));
        failed.forEach((why, n) -> b.append("  failed x").append(n).append(": ").append(why).append('\n'));
        mappings.forEach((cloud, m) -> b.append("mapping for ").append(cloud).append(": ").append(m.file()).append(" scores ").append(m.scores()).append('\n'));
        omittedScores.forEach((col, why) -> b.append("  score column ").append(col).append(" left out: ").append(why).append('\n'));
        return b.toString();
    }
}

package io.hybench.reports.sources;

import io.hybench.bench.results.JmhFolder;
import io.hybench.bench.results.RunFolder;

import java.nio.file.Files;
import java.nio.file.Path;

/** Which command wrote an output folder, told from the files it holds. */
public enum FolderKind {
    /** {@code hybench bench}: workload.resolved.yaml, env.json, summary.json, *.hlog (docs/results.md). */
    BENCH,
    /** {@code hybench calibrate}: summary.json, curve.csv, operating-points.json ... (docs/calibration.md). */
    CALIBRATION,
    /** {@code hybench cost}: cost.json (docs/cost.md). */
    COST,
    /** A JMH suite run: jmh.json and run.json (docs/results.md). */
    JMH;

    static final String CALIBRATION_MARKER = "operating-points.json";

    /** The folder's kind; an error naming the folder and what was looked for when it is none of them. */
    public static FolderKind of(Path dir) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + ": not a directory");
        if (JmhFolder.isJmhFolder(dir)) return JMH;
        if (Files.isRegularFile(dir.resolve(RunFolder.WORKLOAD))) return BENCH;
        if (Files.isRegularFile(dir.resolve(CALIBRATION_MARKER)) && Files.isRegularFile(dir.resolve(RunFolder.SUMMARY))) return CALIBRATION;
        if (Files.isRegularFile(dir.resolve(CostFolder.FILE))) return COST;
        throw new IllegalArgumentException(dir + ": not a hybench output folder (no " + RunFolder.WORKLOAD + " of hybench bench, no "
                + CALIBRATION_MARKER + " and " + RunFolder.SUMMARY + " of hybench calibrate, no "
                + CostFolder.FILE + " of hybench cost, no " + JmhFolder.RESULTS + " of a JMH suite)");
    }
}

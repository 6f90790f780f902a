package io.hybench.calibrate.collect.run;

import io.hybench.calibrate.collect.signals.Signal;
import io.hybench.calibrate.data.ColumnMapping;
import io.hybench.calibrate.data.ScoreSense;
import io.hybench.calibrate.data.SideColumns;
import io.hybench.core.mapper.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@code hybench calibrate} mapping for the output: the local target against one cloud
 * target, scored by every local signal present in every row. A signal missing from some rows is left
 * out (the calibrator needs a score for each row) and {@link #omitted} says how many rows lack it and why.
 */
final class MappingWriter {

    private MappingWriter() {
    }

    static List<String> scores(CollectTarget local, SideSummary localSummary) {
        List<String> out = new ArrayList<>();
        for (Signal s : Signal.values()) {
            if (localSummary.signals().get(s.column()).complete(localSummary.grades().rows())) out.add(RowFormat.column(local, s));
        }
        return out;
    }

    static Map<String, String> omitted(CollectTarget local, SideSummary localSummary) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Signal s : Signal.values()) {
            SideSummary.SignalCoverage c = localSummary.signals().get(s.column());
            if (c.complete(localSummary.grades().rows())) continue;
            out.put(RowFormat.column(local, s), "present in " + c.present() + " of " + localSummary.grades().rows() + " rows; absent because " + c.absentReasons());
        }
        return out;
    }

    static ColumnMapping mapping(CollectTarget local, CollectTarget cloud, List<String> scores, boolean localCost, boolean cloudCost) {
        return new ColumnMapping("id", "question", "category", scores, ScoreSense.HIGHER_MEANS_LOCAL, side(local, localCost), side(cloud, cloudCost));
    }

    private static SideColumns side(CollectTarget t, boolean cost) {
        String p = t.name() + "_";
        return new SideColumns(t.target().model(), p + "correct", p + "input_tokens", p + "output_tokens", p + "latency_ms",
                cost ? p + "cost_usd" : null);
    }

    static void write(Path file, ColumnMapping mapping) {
        try {
            Yaml.QUOTING_WRITER.writeValue(file.toFile(), mapping);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

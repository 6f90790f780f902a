package io.hybench.reports.sources;

import io.hybench.bench.context.TargetVersion;
import io.hybench.bench.results.EnvInfo;
import io.hybench.reports.html.Fact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The environment lines every page shows, from an output folder's env.json. */
final class EnvironmentFacts {
    private EnvironmentFacts() {
    }

    static List<Fact> of(EnvInfo env, ReportContext ctx) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Java", env.java().vendor() + " " + env.java().vmName() + " " + env.java().version()));
        facts.add(new Fact("OS", env.os().name() + " " + env.os().version() + " " + env.os().arch()));
        facts.add(new Fact("CPU", (env.resources().cpuModel() == null ? "model not known" : env.resources().cpuModel()) + ", " + env.resources().availableProcessors() + " cores available"));
        facts.add(new Fact("Max heap", String.format(Locale.ROOT, "%.1f GiB", env.resources().maxHeapBytes() / (double) (1L << 30))));
        if (env.targets() != null) {
            for (TargetVersion t : env.targets()) {
                facts.add(new Fact("Version of " + t.target(), t.version() != null ? t.version() + (t.source() == null ? "" : " (" + t.source() + ")")
                        : "not known" + (t.note() == null ? "" : ": " + t.note())));
            }
        }
        facts.add(new Fact("Report written by", "hybench " + ctx.reportVersion()));
        return facts;
    }

    /** For folders written before hybench recorded env.json there: say so rather than guess. */
    static List<Fact> notRecorded(ReportContext ctx) {
        return List.of(new Fact("Environment", "not recorded in this folder"), new Fact("Report written by", "hybench " + ctx.reportVersion()));
    }
}

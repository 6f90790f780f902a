package io.hybench.reports.sources;

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
        facts.add(new Fact("Java", env.javaVendor() + " " + env.vmName() + " " + env.javaVersion()));
        facts.add(new Fact("OS", env.osName() + " " + env.osVersion() + " " + env.osArch()));
        facts.add(new Fact("CPU", (env.cpuModel() == null ? "model not known" : env.cpuModel()) + ", " + env.availableProcessors() + " cores available"));
        facts.add(new Fact("Max heap", String.format(Locale.ROOT, "%.1f GiB", env.maxHeapBytes() / (double) (1L << 30))));
        facts.add(new Fact("Report written by", "hybench " + ctx.reportVersion()));
        return facts;
    }

    /** For folders written before hybench recorded env.json there: say so rather than guess. */
    static List<Fact> notRecorded(ReportContext ctx) {
        return List.of(new Fact("Environment", "not recorded in this folder"), new Fact("Report written by", "hybench " + ctx.reportVersion()));
    }
}

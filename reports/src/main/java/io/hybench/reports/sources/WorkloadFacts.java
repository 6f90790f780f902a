package io.hybench.reports.sources;

import io.hybench.bench.client.Target;
import io.hybench.bench.load.Distribution;
import io.hybench.bench.load.LoadSpec;
import io.hybench.bench.load.PromptSpec;
import io.hybench.bench.load.RunLimits;
import io.hybench.bench.load.Workload;
import io.hybench.bench.metrics.Slo;
import io.hybench.bench.results.RunSummary;
import io.hybench.bench.results.Sharding;
import io.hybench.core.time.Durations;
import io.hybench.reports.html.Fact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The resolved workload's settings as one-line facts for the benchmark page. */
final class WorkloadFacts {
    private WorkloadFacts() {
    }

    static List<Fact> of(Workload w, RunSummary s) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Workload", w.name()));
        facts.add(new Fact("Status", s.run().status() == RunSummary.Status.COMPLETE ? "complete"
                : "PARTIAL: the run was interrupted; steps marked incomplete stopped early"));
        facts.add(new Fact("Started / ended (UTC)", s.run().startedAt() + " / " + s.run().endedAt()));
        facts.add(new Fact("Seed", Long.toString(w.seed())));
        if (s.sharding() != null) facts.add(new Fact("Shards", shards(s.sharding())));
        facts.add(new Fact("Load", load(w.shape().load())));
        facts.add(new Fact("Prompts", prompts(w.traffic().prompts())));
        facts.add(new Fact("Request", (w.traffic().request().chat() ? "chat endpoint" : "completion endpoint")
                + (w.traffic().request().forceOutputLength() ? ", exact output length requested" : "")
                + (w.traffic().request().temperature() == null ? ", server's default temperature" : ", temperature " + number(w.traffic().request().temperature()))));
        facts.add(new Fact("Per step", run(w.shape().run())));
        facts.add(new Fact("SLOs", slo(w.checks().slo())));
        for (Target t : w.targets()) facts.add(new Fact("Target " + t.name(), target(t)));
        return facts;
    }

    static String target(Target t) {
        String api = t.api().name().toLowerCase(Locale.ROOT) + " protocol, " + t.flavor().name().toLowerCase(Locale.ROOT) + " server";
        return api + ", model " + t.model() + " at " + t.displayUrl()
                + (t.emulated() ? " (EMULATED: hybench emulator, profile " + t.emulatorProfile() + ")" : "");
    }

    private static String load(LoadSpec load) {
        return loadWithoutRamp(load) + (load.rampUpNanos() > 0 ? ", ramped up over " + Durations.format(load.rampUpNanos()) : "");
    }

    private static String loadWithoutRamp(LoadSpec load) {
        return switch (load) {
            case LoadSpec.ClosedLoop c -> "closed loop, users " + c.users().stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + ", think time " + distribution(c.thinkTimeMs()) + " ms";
            case LoadSpec.OpenLoop o -> "open loop, " + o.arrival().name().toLowerCase(Locale.ROOT)
                    + (o.burstiness() == null ? "" : " (burstiness " + number(o.burstiness()) + ")") + " arrivals at "
                    + o.rates().stream().map(WorkloadFacts::number).collect(Collectors.joining(", ")) + " requests/s"
                    + (o.maxInFlight() == null ? "" : ", at most " + o.maxInFlight() + " in flight");
            case LoadSpec.Trace t -> "trace replay, time scale " + number(t.timeScale()) + ", rate factors "
                    + t.rateFactors().stream().map(WorkloadFacts::number).collect(Collectors.joining(", "))
                    + (t.maxInFlight() == null ? "" : ", at most " + t.maxInFlight() + " in flight");
        };
    }

    private static String prompts(PromptSpec p) {
        return switch (p) {
            case PromptSpec.Synthetic s -> "synthetic, input " + distribution(s.inputTokens())
                    + (s.tokenizer() == null ? " words" : " " + s.tokenizer().wireName() + " tokens") + ", output " + distribution(s.outputTokens()) + " tokens";
            case PromptSpec.File f -> "file " + f.path() + " (" + f.format().name().toLowerCase(Locale.ROOT) + ")"
                    + (f.defaultMaxTokens() == null ? "" : ", output cap " + f.defaultMaxTokens() + " tokens");
            case PromptSpec.Trace t -> "synthesised to the lengths of trace " + t.path() + " (" + t.format().name().toLowerCase(Locale.ROOT)
                    + ", " + t.blockTokens() + " tokens per hash id)";
            case PromptSpec.Sessions s -> "sessions of " + s.turns() + " turns, user messages "
                    + (s.userMessages() == null ? distribution(s.userTokens()) + " words" : "from " + s.userMessages().path()) + ", output " + distribution(s.outputTokens()) + " tokens"
                    + (s.systemPrompt() == null ? "" : ", system prompt " + s.systemPrompt().tokens() + " words in "
                    + s.systemPrompt().groups() + (s.systemPrompt().groups() == 1 ? " group" : " groups"))
                    + (s.toolResultTokens() == null ? "" : ", tool results " + distribution(s.toolResultTokens()) + " words")
                    + (s.thinkTimeMs() == null ? "" : ", think time " + distribution(s.thinkTimeMs()) + " ms")
                    + (s.tokenizer() == null ? "" : ", lengths in " + s.tokenizer().wireName() + " tokens");
        };
    }

    private static String run(RunLimits r) {
        String measured = r.durationNanos() != null ? Durations.format(r.durationNanos()) + " measured" : r.requests() + " measured requests";
        return "warm-up " + Durations.format(r.warmupNanos()) + ", " + measured + ", " + r.repetitions()
                + (r.repetitions() == 1 ? " repetition" : " repetitions");
    }

    private static String slo(Slo slo) {
        List<String> limits = new ArrayList<>();
        if (slo.ttftMs() != null) limits.add("TTFT ≤ " + number(slo.ttftMs()) + " ms");
        if (slo.tpotMs() != null) limits.add("TPOT ≤ " + number(slo.tpotMs()) + " ms");
        if (slo.e2eMs() != null) limits.add("E2E ≤ " + number(slo.e2eMs()) + " ms");
        if (limits.isEmpty()) return "none given: goodput counts every successful request";
        return String.join(", ", limits) + " for at least " + number(slo.attainment() * 100) + "% of requests";
    }

    static String distribution(Distribution d) {
        return switch (d) {
            case Distribution.Fixed f -> Long.toString(f.value());
            case Distribution.Uniform u -> "uniform " + u.min() + "–" + u.max();
            case Distribution.Normal n -> "normal (mean " + number(n.mean()) + ", sd " + number(n.stddev()) + bounds(n.min(), n.max()) + ")";
            case Distribution.LogNormal n -> "lognormal (mean " + number(n.mean()) + ", sd " + number(n.stddev()) + bounds(n.min(), n.max()) + ")";
        };
    }

    private static String bounds(long min, long max) {
        return ", in " + min + "–" + (max == Long.MAX_VALUE ? "∞" : Long.toString(max));
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }

    /** Which shards a merged (or one shard's) folder holds, with each one's trust, start skew and clock offset. */
    static String shards(Sharding sh) {
        StringBuilder b = new StringBuilder();
        b.append(sh.shards().size()).append(" of ").append(sh.count()).append(" shards, plan ").append(sh.planHash())
                .append(", shared start ").append(sh.startAt()).append(':');
        for (Sharding.Shard x : sh.shards()) {
            b.append(String.format(Locale.ROOT, " shard %d (%s) %s, start skew %s ms, clock offset %s;", x.index(), x.runId(),
                    x.trusted() ? "trusted" : "NOT trusted", number(x.startSkewMs()),
                    Double.isNaN(x.clockOffsetMs()) ? "not measured" : number(x.clockOffsetMs()) + " ms"));
        }
        return b.substring(0, b.length() - 1);
    }
}

package io.hybench.bench.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.Target;
import io.hybench.bench.metrics.CollapseCriteria;
import io.hybench.bench.metrics.Slo;
import io.hybench.bench.metrics.TrustLimits;
import io.hybench.core.mapper.Yaml;
import io.hybench.core.stats.ConfidenceSpec;
import io.hybench.core.time.Durations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes workload files (format in docs/results.md). Reading validates every field and
 * names the offending one; writing emits the fully resolved workload, every default filled in, which
 * {@link #parse} reads back to an equal {@link Workload}.
 */
public final class WorkloadYaml {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long DEFAULT_WARMUP_NANOS = 5_000_000_000L;
    private static final long DEFAULT_DRAIN_NANOS = 120_000_000_000L;

    private WorkloadYaml() {
    }

    /** Reads a workload file; relative prompt-file paths resolve against the file's folder. */
    public static Workload read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new WorkloadException(file + ": cannot read workload file: " + e.getMessage(), e);
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), dir);
    }

    /**
     * Parses workload YAML.
     *
     * @param source  name used in error messages (usually the file path)
     * @param baseDir folder that relative prompt-file paths resolve against
     */
    public static Workload parse(String text, String source, Path baseDir) {
        JsonNode tree;
        try {
            tree = Yaml.WRITER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new WorkloadException(source + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        Field root = Field.root(tree, source).only("name", "seed", "targets", "request", "prompts", "load", "run",
                "slo", "analysis", "trust", "confidence");
        String name = root.get("name").text();
        long seed = root.has("seed") ? root.get("seed").longValue() : new SecureRandom().nextLong();
        List<Target> targets = new ArrayList<>();
        for (Field t : root.get("targets").list()) targets.add(target(t));
        RequestOptions request = request(root.opt("request"));
        PromptSpec prompts = prompts(root.get("prompts"), baseDir);
        LoadSpec load = load(root.get("load"));
        RunLimits run = run(root.get("run"));
        Slo slo = slo(root.opt("slo"));
        CollapseCriteria analysis = analysis(root.opt("analysis"));
        TrustLimits trust = trust(root.opt("trust"));
        ConfidenceSpec confidence = confidence(root.opt("confidence"));
        return root.build(() -> new Workload(name, seed, targets, request, prompts, load, run, slo, analysis, trust, confidence));
    }

    private static Target target(Field f) {
        f.only("name", "api", "flavor", "url", "model", "apiKeyEnv", "emulatorProfile");
        ApiKind api = f.get("api").enumValue(ApiKind.class);
        ServerFlavor flavor = f.has("flavor") ? f.get("flavor").enumValue(ServerFlavor.class) : defaultFlavor(api);
        Field urlField = f.get("url");
        URI url;
        try {
            url = new URI(urlField.text());
        } catch (URISyntaxException e) {
            throw urlField.error("not a URL: " + e.getMessage());
        }
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw urlField.error("expected an http(s) URL with a host, was '" + url + "'");
        }
        String apiKeyEnv = f.has("apiKeyEnv") ? f.get("apiKeyEnv").text() : null;
        String emulatorProfile = f.has("emulatorProfile") ? f.get("emulatorProfile").text() : null;
        String name = f.get("name").text();
        String model = f.get("model").text();
        return f.build(() -> new Target(name, api, flavor, url, model, apiKeyEnv, emulatorProfile));
    }

    /** The flavor a target gets when the file names none: the one its protocol implies. */
    public static ServerFlavor defaultFlavor(ApiKind api) {
        return switch (api) {
            case OLLAMA -> ServerFlavor.OLLAMA;
            case ANTHROPIC -> ServerFlavor.ANTHROPIC;
            case OPENAI -> ServerFlavor.GENERIC;
        };
    }

    private static RequestOptions request(Field f) {
        if (f == null) return new RequestOptions(true, false, null);
        f.only("chat", "forceOutputLength", "temperature");
        boolean chat = !f.has("chat") || f.get("chat").bool();
        boolean force = f.has("forceOutputLength") && f.get("forceOutputLength").bool();
        Double temperature = f.has("temperature") ? f.get("temperature").doubleValue() : null;
        return f.build(() -> new RequestOptions(chat, force, temperature));
    }

    private static PromptSpec prompts(Field f, Path baseDir) {
        f.only("synthetic", "file");
        if (f.has("synthetic") == f.has("file")) throw f.error("give exactly one of synthetic and file");
        if (f.has("synthetic")) {
            Field s = f.get("synthetic").only("inputTokens", "outputTokens");
            return new PromptSpec.Synthetic(distribution(s.get("inputTokens"), 1), distribution(s.get("outputTokens"), 1));
        }
        Field file = f.get("file").only("path", "format", "maxTokens");
        Field pathField = file.get("path");
        Path path = baseDir.resolve(pathField.text()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) throw pathField.error("no such prompt file: " + path);
        PromptSpec.PromptFileFormat format;
        if (file.has("format")) {
            format = file.get("format").enumValue(PromptSpec.PromptFileFormat.class);
        } else {
            String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".jsonl")) format = PromptSpec.PromptFileFormat.JSONL;
            else if (n.endsWith(".csv")) format = PromptSpec.PromptFileFormat.CSV;
            else throw pathField.error("cannot tell the format from the name; add format: jsonl or format: csv");
        }
        Integer maxTokens = file.has("maxTokens") ? file.get("maxTokens").intValue() : null;
        PromptSpec.PromptFileFormat fmt = format;
        return file.build(() -> new PromptSpec.File(path, fmt, maxTokens));
    }

    /** A plain whole number is a fixed value; otherwise a mapping naming the distribution. */
    private static Distribution distribution(Field f, long defaultMin) {
        if (f.isScalar()) {
            long v = f.longValue();
            return f.build(() -> new Distribution.Fixed(v));
        }
        String kind = f.get("distribution").text().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "fixed" -> {
                f.only("distribution", "value");
                long v = f.get("value").longValue();
                yield f.build(() -> new Distribution.Fixed(v));
            }
            case "uniform" -> {
                f.only("distribution", "min", "max");
                long min = f.get("min").longValue();
                long max = f.get("max").longValue();
                yield f.build(() -> new Distribution.Uniform(min, max));
            }
            case "normal", "lognormal" -> {
                f.only("distribution", "mean", "stddev", "min", "max");
                double mean = f.get("mean").doubleValue();
                double sd = f.get("stddev").doubleValue();
                long min = f.has("min") ? f.get("min").longValue() : defaultMin;
                long max = f.has("max") ? f.get("max").longValue() : Long.MAX_VALUE;
                yield f.build(() -> kind.equals("normal")
                        ? new Distribution.Normal(mean, sd, min, max)
                        : new Distribution.LogNormal(mean, sd, min, max));
            }
            default -> throw f.get("distribution").error("expected one of fixed, uniform, normal, lognormal, was '" + kind + "'");
        };
    }

    private static LoadSpec load(Field f) {
        String mode = f.get("mode").text().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "closed" -> {
                f.only("mode", "users", "thinkTimeMs");
                List<Integer> users = new ArrayList<>();
                for (Field u : f.get("users").list()) {
                    int n = u.intValue();
                    if (n < 1) throw u.error("users must be >= 1, was " + n);
                    users.add(n);
                }
                Distribution think = f.has("thinkTimeMs") ? distribution(f.get("thinkTimeMs"), 0) : new Distribution.Fixed(0);
                yield f.build(() -> new LoadSpec.ClosedLoop(users, think));
            }
            case "open" -> {
                f.only("mode", "rates", "arrival", "maxInFlight");
                List<Double> rates = new ArrayList<>();
                for (Field r : f.get("rates").list()) {
                    double v = r.doubleValue();
                    if (!(v > 0)) throw r.error("rates must be > 0 requests/s, was " + v);
                    rates.add(v);
                }
                LoadSpec.Arrival arrival = f.has("arrival") ? f.get("arrival").enumValue(LoadSpec.Arrival.class) : LoadSpec.Arrival.POISSON;
                Integer cap = f.has("maxInFlight") ? f.get("maxInFlight").intValue() : null;
                yield f.build(() -> new LoadSpec.OpenLoop(rates, arrival, cap));
            }
            default -> throw f.get("mode").error("expected closed or open, was '" + mode + "'");
        };
    }

    private static RunLimits run(Field f) {
        f.only("warmup", "duration", "requests", "drainTimeout", "repetitions");
        if (f.has("duration") == f.has("requests")) throw f.error("give exactly one of duration and requests");
        long warmup = f.has("warmup") ? f.get("warmup").durationNanos() : DEFAULT_WARMUP_NANOS;
        Long duration = f.has("duration") ? f.get("duration").durationNanos() : null;
        Integer requests = f.has("requests") ? f.get("requests").intValue() : null;
        long drain = f.has("drainTimeout") ? f.get("drainTimeout").durationNanos() : DEFAULT_DRAIN_NANOS;
        int repetitions = f.has("repetitions") ? f.get("repetitions").intValue() : 1;
        return f.build(() -> new RunLimits(warmup, duration, requests, drain, repetitions));
    }

    private static Slo slo(Field f) {
        if (f == null) return Slo.none();
        f.only("ttftMs", "tpotMs", "e2eMs", "attainment");
        Double ttft = f.has("ttftMs") ? f.get("ttftMs").doubleValue() : null;
        Double tpot = f.has("tpotMs") ? f.get("tpotMs").doubleValue() : null;
        Double e2e = f.has("e2eMs") ? f.get("e2eMs").doubleValue() : null;
        double attainment = f.has("attainment") ? f.get("attainment").doubleValue() : 0.99;
        return f.build(() -> new Slo(ttft, tpot, e2e, attainment));
    }

    private static CollapseCriteria analysis(Field f) {
        CollapseCriteria d = CollapseCriteria.defaults();
        if (f == null) return d;
        f.only("saturationFraction", "latencyGrowthFactor", "throughputDrop", "maxErrorRate");
        double sat = f.has("saturationFraction") ? f.get("saturationFraction").doubleValue() : d.saturationFraction();
        double growth = f.has("latencyGrowthFactor") ? f.get("latencyGrowthFactor").doubleValue() : d.latencyGrowthFactor();
        double drop = f.has("throughputDrop") ? f.get("throughputDrop").doubleValue() : d.throughputDrop();
        double err = f.has("maxErrorRate") ? f.get("maxErrorRate").doubleValue() : d.maxErrorRate();
        return f.build(() -> new CollapseCriteria(sat, growth, drop, err));
    }

    private static TrustLimits trust(Field f) {
        TrustLimits d = TrustLimits.defaults();
        if (f == null) return d;
        f.only("maxScheduleLagP99Ms", "maxHarnessCpuFraction", "littleLawTolerance", "maxHiccupP99Ms", "timingToleranceFraction",
                "minTimingToleranceMs");
        double lag = f.has("maxScheduleLagP99Ms") ? f.get("maxScheduleLagP99Ms").doubleValue() : d.maxScheduleLagP99Ms();
        double cpu = f.has("maxHarnessCpuFraction") ? f.get("maxHarnessCpuFraction").doubleValue() : d.maxHarnessCpuFraction();
        double little = f.has("littleLawTolerance") ? f.get("littleLawTolerance").doubleValue() : d.littleLawTolerance();
        double hiccup = f.has("maxHiccupP99Ms") ? f.get("maxHiccupP99Ms").doubleValue() : d.maxHiccupP99Ms();
        double timing = f.has("timingToleranceFraction") ? f.get("timingToleranceFraction").doubleValue() : d.timingToleranceFraction();
        double minTiming = f.has("minTimingToleranceMs") ? f.get("minTimingToleranceMs").doubleValue() : d.minTimingToleranceMs();
        return f.build(() -> new TrustLimits(lag, cpu, little, hiccup, timing, minTiming));
    }

    private static ConfidenceSpec confidence(Field f) {
        ConfidenceSpec d = ConfidenceSpec.defaults();
        if (f == null) return d;
        f.only("resamples", "level");
        int resamples = f.has("resamples") ? f.get("resamples").intValue() : d.resamples();
        double level = f.has("level") ? f.get("level").doubleValue() : d.level();
        return f.build(() -> new ConfidenceSpec(resamples, level));
    }

    /** The resolved workload as YAML, every default written out. */
    public static String write(Workload w) {
        ObjectNode root = NODES.objectNode();
        root.put("name", w.name());
        root.put("seed", w.seed());
        ArrayNode targets = root.putArray("targets");
        for (Target t : w.targets()) {
            ObjectNode n = targets.addObject();
            n.put("name", t.name());
            n.put("api", lower(t.api()));
            n.put("flavor", lower(t.flavor()));
            n.put("url", t.displayUrl());
            n.put("model", t.model());
            if (t.apiKeyEnv() != null) n.put("apiKeyEnv", t.apiKeyEnv());
            if (t.emulatorProfile() != null) n.put("emulatorProfile", t.emulatorProfile());
        }
        ObjectNode request = root.putObject("request");
        request.put("chat", w.request().chat());
        request.put("forceOutputLength", w.request().forceOutputLength());
        if (w.request().temperature() != null) request.put("temperature", w.request().temperature());
        ObjectNode prompts = root.putObject("prompts");
        switch (w.prompts()) {
            case PromptSpec.Synthetic s -> {
                ObjectNode syn = prompts.putObject("synthetic");
                syn.set("inputTokens", distribution(s.inputTokens()));
                syn.set("outputTokens", distribution(s.outputTokens()));
            }
            case PromptSpec.File file -> {
                ObjectNode f = prompts.putObject("file");
                f.put("path", file.path().toString());
                f.put("format", lower(file.format()));
                if (file.defaultMaxTokens() != null) f.put("maxTokens", file.defaultMaxTokens());
            }
        }
        ObjectNode load = root.putObject("load");
        switch (w.load()) {
            case LoadSpec.ClosedLoop c -> {
                load.put("mode", "closed");
                ArrayNode users = load.putArray("users");
                c.users().forEach(users::add);
                load.set("thinkTimeMs", distribution(c.thinkTimeMs()));
            }
            case LoadSpec.OpenLoop o -> {
                load.put("mode", "open");
                ArrayNode rates = load.putArray("rates");
                o.rates().forEach(rates::add);
                load.put("arrival", lower(o.arrival()));
                if (o.maxInFlight() != null) load.put("maxInFlight", o.maxInFlight());
            }
        }
        ObjectNode run = root.putObject("run");
        run.put("warmup", Durations.format(w.run().warmupNanos()));
        if (w.run().durationNanos() != null) run.put("duration", Durations.format(w.run().durationNanos()));
        if (w.run().requests() != null) run.put("requests", w.run().requests());
        run.put("drainTimeout", Durations.format(w.run().drainTimeoutNanos()));
        run.put("repetitions", w.run().repetitions());
        ObjectNode slo = root.putObject("slo");
        if (w.slo().ttftMs() != null) slo.put("ttftMs", w.slo().ttftMs());
        if (w.slo().tpotMs() != null) slo.put("tpotMs", w.slo().tpotMs());
        if (w.slo().e2eMs() != null) slo.put("e2eMs", w.slo().e2eMs());
        slo.put("attainment", w.slo().attainment());
        ObjectNode analysis = root.putObject("analysis");
        analysis.put("saturationFraction", w.analysis().saturationFraction());
        analysis.put("latencyGrowthFactor", w.analysis().latencyGrowthFactor());
        analysis.put("throughputDrop", w.analysis().throughputDrop());
        analysis.put("maxErrorRate", w.analysis().maxErrorRate());
        ObjectNode trust = root.putObject("trust");
        trust.put("maxScheduleLagP99Ms", w.trust().maxScheduleLagP99Ms());
        trust.put("maxHarnessCpuFraction", w.trust().maxHarnessCpuFraction());
        trust.put("littleLawTolerance", w.trust().littleLawTolerance());
        trust.put("maxHiccupP99Ms", w.trust().maxHiccupP99Ms());
        trust.put("timingToleranceFraction", w.trust().timingToleranceFraction());
        trust.put("minTimingToleranceMs", w.trust().minTimingToleranceMs());
        ObjectNode confidence = root.putObject("confidence");
        confidence.put("resamples", w.confidence().resamples());
        confidence.put("level", w.confidence().level());
        try {
            return Yaml.WRITER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode distribution(Distribution d) {
        ObjectNode n = NODES.objectNode();
        switch (d) {
            case Distribution.Fixed f -> {
                n.put("distribution", "fixed");
                n.put("value", f.value());
            }
            case Distribution.Uniform u -> {
                n.put("distribution", "uniform");
                n.put("min", u.min());
                n.put("max", u.max());
            }
            case Distribution.Normal g -> shaped(n, "normal", g.mean(), g.stddev(), g.min(), g.max());
            case Distribution.LogNormal g -> shaped(n, "lognormal", g.mean(), g.stddev(), g.min(), g.max());
        }
        return n;
    }

    private static void shaped(ObjectNode n, String kind, double mean, double sd, long min, long max) {
        n.put("distribution", kind);
        n.put("mean", mean);
        n.put("stddev", sd);
        n.put("min", min);
        if (max != Long.MAX_VALUE) n.put("max", max);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}

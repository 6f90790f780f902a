package io.hybench.cli;

import io.hybench.core.mapper.Json;
import io.hybench.emulator.profile.EmulatorProfile;
import io.hybench.emulator.profile.ProfileLoader;
import io.hybench.emulator.profile.VllmParams;
import io.hybench.tools.fit.FitException;
import io.hybench.tools.fit.FittedProfile;
import io.hybench.tools.fit.LevelFigures;
import io.hybench.tools.fit.MeasuredRun;
import io.hybench.tools.fit.ProfileFitter;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code hybench emulate --fit RUN}: fits a vLLM-like profile to a bench run and writes
 * {@code <name>.yaml} (the profile, residuals as comments), {@code fit.json} and {@code fit-report.html}.
 * With a given profile ({@code --profile}) nothing is fitted: that profile's engine is compared with the run
 * (e.g. a profile fitted to a closed-loop sweep, checked on an open-loop run of the same server).
 */
record EmulatorFit(Path run, String target, String given, Path out, String name, ProfileFitter.Limits limits,
                   int contextTokens, int maxEvaluations) {

    int call(PrintWriter o, PrintWriter err) throws IOException {
        MeasuredRun measured;
        try {
            measured = MeasuredRun.read(run, target);
            if (name != null && !io.hybench.bench.load.Workload.NAME.matcher(name).matches()) {
                throw new FitException("--name must match " + io.hybench.bench.load.Workload.NAME + ", was '" + name + "'");
            }
            if (contextTokens > limits.kvCacheTokens()) {
                throw new FitException("--context-tokens " + contextTokens + " exceeds --kv-cache-tokens " + limits.kvCacheTokens());
            }
        } catch (FitException e) {
            err.println("hybench emulate --fit: " + e.getMessage());
            return 2;
        }
        VllmParams givenParams = null;
        if (given != null) {
            EmulatorProfile p = ProfileLoader.load(given);
            if (!(p.engine() instanceof VllmParams v)) {
                err.println("hybench emulate --fit: profile " + p.name() + " is not vLLM-like (engine.kind vllm); only those are fitted and compared");
                return 2;
            }
            givenParams = v;
        }
        String profileName = name != null ? name : given != null ? ProfileLoader.load(given).name()
                : measured.shape().source().runName() + "-" + measured.shape().source().target() + "-fitted";
        o.printf(Locale.ROOT, "%s %d levels of %s (target %s) ...%n", given != null ? "comparing " + profileName + " with" : "fitting",
                measured.levels().size(), run, measured.shape().source().target());
        o.flush();
        ProfileFitter fitter = new ProfileFitter(measured, givenParams == null ? limits
                : new ProfileFitter.Limits(givenParams.maxNumSeqs(), givenParams.maxNumBatchedTokens(), givenParams.kvCacheTokens()), maxEvaluations);
        ProfileFitter.Result fit = givenParams != null ? fitter.compare(givenParams) : fitter.fit();
        String yaml = FittedProfile.yaml(profileName, measured, fit, contextTokens);
        Path dir = out != null ? out : run.resolve("fit");
        Files.createDirectories(dir);
        Path profileFile = dir.resolve(profileName + ".yaml");
        if (givenParams == null) Files.writeString(profileFile, yaml);
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("fit.json").toFile(), json(profileName, measured, fit));
        Files.writeString(dir.resolve("fit-report.html"), FitPage.render(profileName, yaml, measured.shape(), fit));
        o.print(table(fit));
        o.printf(Locale.ROOT, "step_base_ms %.4f  step_per_token_ms %.6f  step_per_context_token_ns %.3f  (RMS log error %.4f, %d evaluations)%n",
                fit.params().stepBaseNanos() / 1e6, fit.params().perTokenNanos() / 1e6, fit.params().perContextTokenNanos(),
                fit.rmsLogError(), fit.evaluations());
        if (givenParams == null) o.println("profile: " + profileFile);
        o.println("report: " + dir.resolve("fit-report.html"));
        o.flush();
        return 0;
    }

    private static String table(ProfileFitter.Result fit) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%8s  %-21s  %-21s  %-21s  %-21s%n", "load",
                "TTFT P50 ms meas/emu", "ITL P50 ms meas/emu", "E2E P50 ms meas/emu", "out tok/s meas/emu"));
        for (int i = 0; i < fit.measured().size(); i++) {
            LevelFigures m = fit.measured().get(i);
            LevelFigures e = fit.emulated().get(i);
            b.append(String.format(Locale.ROOT, "%8s  %-21s  %-21s  %-21s  %-21s%n", FitPage.number(m.load()),
                    pair(m.ttftP50Ms(), e.ttftP50Ms()), pair(m.itlP50Ms(), e.itlP50Ms()), pair(m.e2eP50Ms(), e.e2eP50Ms()),
                    pair(m.outputTokensPerSecond(), e.outputTokensPerSecond())));
        }
        return b.toString();
    }

    private static String pair(double m, double e) {
        return FitPage.number(m) + " / " + FitPage.number(e);
    }

    private Map<String, Object> json(String profileName, MeasuredRun measured, ProfileFitter.Result fit) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("fitVersion", 1);
        root.put("run", measured.dir().toString());
        root.put("target", measured.shape().source().target());
        root.put("profile", profileName);
        root.put("limits", limits);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("stepBaseMs", fit.params().stepBaseNanos() / 1e6);
        params.put("stepPerTokenMs", fit.params().perTokenNanos() / 1e6);
        params.put("stepPerContextTokenNs", fit.params().perContextTokenNanos());
        root.put("params", params);
        root.put("rmsLogError", fit.rmsLogError());
        root.put("evaluations", fit.evaluations());
        List<double[]> errors = ProfileFitter.relativeErrors(fit.measured(), fit.emulated());
        List<Map<String, Object>> levels = new ArrayList<>();
        for (int i = 0; i < fit.measured().size(); i++) {
            Map<String, Object> level = new LinkedHashMap<>();
            level.put("load", fit.measured().get(i).load());
            level.put("measured", fit.measured().get(i));
            level.put("emulated", fit.emulated().get(i));
            Map<String, Double> rel = new LinkedHashMap<>();
            LevelFigures.Figure[] figures = LevelFigures.Figure.values();
            for (int j = 0; j < figures.length; j++) rel.put(figures[j].name(), errors.get(i)[j]);
            level.put("relativeError", rel);
            levels.add(level);
        }
        root.put("levels", levels);
        return root;
    }
}

package io.hybench.tools.fit;

import io.hybench.emulator.profile.EmulatorProfile;
import io.hybench.emulator.profile.ProfileLoader;
import io.hybench.emulator.profile.VllmParams;

import java.util.List;
import java.util.Locale;

/**
 * The fit written as an emulator profile (docs/emulator.md, "Profile format"), with the fit's residuals
 * per level as comments (the loader ignores them; fit.json has them as data). Checked by loading it back.
 */
public final class FittedProfile {
    private FittedProfile() {
    }

    public static String yaml(String name, MeasuredRun run, ProfileFitter.Result fit, int contextTokens) {
        VllmParams p = fit.params();
        RunShape s = run.shape();
        StringBuilder b = new StringBuilder();
        b.append(fit.evaluations() > 0
                ? String.format(Locale.ROOT, "# Fitted by `hybench emulate --fit %s` (target %s): %d levels, %d evaluations,%n",
                        run.dir().getFileName(), s.source().target(), fit.measured().size(), fit.evaluations())
                : String.format(Locale.ROOT, "# Compared, not fitted, with run %s (target %s) by `hybench emulate --fit RUN --profile P`: %d levels,%n",
                        run.dir().getFileName(), s.source().target(), fit.measured().size()));
        b.append(String.format(Locale.ROOT, "# RMS log error %.4f over TTFT/ITL/E2E medians and output tok/s (docs/emulator.md, \"Fitting a profile\").%n",
                fit.rmsLogError()));
        b.append("# Residuals, emulated / measured - 1 (in %), per level:\n#   load");
        for (LevelFigures.Figure f : LevelFigures.Figure.values()) b.append(" | ").append(f.label);
        b.append('\n');
        List<double[]> errors = ProfileFitter.relativeErrors(fit.measured(), fit.emulated());
        for (int i = 0; i < errors.size(); i++) {
            b.append(String.format(Locale.ROOT, "#   %s", load(fit.measured().get(i).load())));
            for (double e : errors.get(i)) b.append(Double.isNaN(e) ? " | n/a" : String.format(Locale.ROOT, " | %+.1f", 100 * e));
            b.append('\n');
        }
        b.append("name: ").append(name).append('\n');
        b.append("description: ").append(quoted("fitted to bench run " + run.dir().getFileName() + " (" + s.source().runName()
                + ", target " + s.source().target() + ") by hybench emulate --fit")).append('\n');
        b.append("model: ").append(quoted(s.source().model())).append('\n');
        b.append("server_version: \"fitted\"\n");
        b.append("output:\n");
        b.append("  eos_median_tokens: ").append(s.tokens().medianOutput()).append('\n');
        b.append("  eos_sigma: 0\n");
        b.append("  context_tokens: ").append(contextTokens).append('\n');
        b.append("engine:\n");
        b.append("  kind: vllm\n");
        b.append("  max_num_seqs: ").append(p.maxNumSeqs()).append('\n');
        b.append("  max_num_batched_tokens: ").append(p.maxNumBatchedTokens()).append('\n');
        b.append("  kv_cache_tokens: ").append(p.kvCacheTokens()).append('\n');
        b.append(String.format(Locale.ROOT, "  step_base_ms: %.4f%n", p.stepBaseNanos() / 1e6));
        b.append(String.format(Locale.ROOT, "  step_per_token_ms: %.6f%n", p.perTokenNanos() / 1e6));
        b.append(String.format(Locale.ROOT, "  step_per_context_token_ns: %.3f%n", p.perContextTokenNanos()));
        String yaml = b.toString();
        check(yaml, name);
        return yaml;
    }

    static String load(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%g", v);
    }

    private static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static void check(String yaml, String name) {
        EmulatorProfile loaded = ProfileLoader.parse(yaml, "fitted profile " + name);
        if (!(loaded.engine() instanceof VllmParams)) throw new IllegalStateException("fitted profile is not vLLM-like");
    }
}

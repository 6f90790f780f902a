package io.hybench.cli;

import io.hybench.calibrate.cost.MemoryEstimate;
import io.hybench.calibrate.cost.MemoryEstimator;
import io.hybench.calibrate.cost.ModelArchitecture;
import io.hybench.calibrate.cost.Quantization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code hybench memory}: does a model fit, with this quantisation, context and number of slots? */
@Command(name = "memory", mixinStandardHelpOptions = true,
        description = {"Estimate serving memory (weights + KV cache + overhead) and whether it fits a device. Method: docs/cost.md."})
public final class MemoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "llama-3.1-8b",
            description = "Architecture preset: llama-2-7b, mistral-7b, qwen2.5-7b, llama-3.1-8b, llama-2-13b, llama-2-70b, llama-3.1-70b.")
    String model;

    @Option(names = "--params-b", description = "Parameters in billions (with --layers, --kv-heads, --head-dim: a custom architecture instead of --model).")
    Double paramsB;

    @Option(names = "--layers", description = "Transformer layers (custom architecture).")
    Integer layers;

    @Option(names = "--kv-heads", description = "Key/value heads (custom architecture).")
    Integer kvHeads;

    @Option(names = "--head-dim", description = "Size of one attention head (custom architecture).")
    Integer headDim;

    @Option(names = "--quant", defaultValue = "q4_K_M", description = "Weight format: q4_0, q4_K_M, q5_K_M, q6_K, q8_0, fp8, fp16, bf16.")
    String quant;

    @Option(names = "--ctx", defaultValue = "4096", description = "Context length per slot (Ollama num_ctx).")
    int ctx;

    @Option(names = "--slots", defaultValue = "1", description = "Parallel slots (OLLAMA_NUM_PARALLEL); each holds a full context.")
    int slots;

    @Option(names = "--kv-bytes", defaultValue = "2", description = "Bytes per KV-cache value (2 = fp16, 1 = q8_0 cache).")
    int kvBytes;

    @Option(names = "--overhead-gb", defaultValue = "0.3", description = "Runtime buffers and CUDA context.")
    double overheadGb;

    @Option(names = "--device-gb", description = "Device memory to check the fit against (e.g. 24 for a 24 GB GPU).")
    Double deviceGb;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        // A bad flag's IllegalArgumentException names it; the handler makes it one line and exit 2.
        ModelArchitecture arch = paramsB == null ? ModelArchitecture.preset(model)
                : new ModelArchitecture("custom", paramsB, required(layers, "--layers"), required(kvHeads, "--kv-heads"), required(headDim, "--head-dim"));
        MemoryEstimate e = MemoryEstimator.estimate(arch, Quantization.parse(quant), ctx, slots, kvBytes, Math.round(overheadGb * 1e9));
        o.printf(Locale.ROOT, "%s %s, context %d x %d slot(s)%n", arch.name(), quant, ctx, slots);
        o.printf(Locale.ROOT, "weights   %6.2f GB%nKV cache  %6.2f GB%noverhead  %6.2f GB%ntotal     %6.2f GB%n",
                e.weightsBytes() / 1e9, e.kvCacheBytes() / 1e9, e.overheadBytes() / 1e9, e.totalGb());
        if (deviceGb == null) return 0;
        boolean fits = e.fits(Math.round(deviceGb * 1e9));
        o.printf(Locale.ROOT, "%s a %.0f GB device%n", fits ? "fits" : "does NOT fit", deviceGb);
        o.flush();
        return fits ? 0 : 1;
    }

    private static int required(Integer v, String flag) {
        if (v == null) throw new IllegalArgumentException("a custom architecture (--params-b) also needs " + flag);
        return v;
    }
}

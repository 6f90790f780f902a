package io.hybench.calibrate.cost;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The shape of a transformer that decides its memory: parameter count for weights, and layers,
 * KV heads and head size for the KV cache (2 x layers x kvHeads x headDim values per token).
 * Presets are copied from each model's published config.json (num_hidden_layers,
 * num_key_value_heads, hidden_size / num_attention_heads).
 */
public record ModelArchitecture(String name, double parametersBillions, int layers, int kvHeads, int headDim) {

    public static final List<ModelArchitecture> PRESETS = List.of(
            new ModelArchitecture("llama-2-7b", 6.74, 32, 32, 128),
            new ModelArchitecture("mistral-7b", 7.24, 32, 8, 128),
            new ModelArchitecture("qwen2.5-7b", 7.62, 28, 4, 128),
            new ModelArchitecture("llama-3.1-8b", 8.03, 32, 8, 128),
            new ModelArchitecture("llama-2-13b", 13.0, 40, 40, 128),
            new ModelArchitecture("llama-2-70b", 69.0, 80, 8, 128),
            new ModelArchitecture("llama-3.1-70b", 70.6, 80, 8, 128));

    public ModelArchitecture {
        Objects.requireNonNull(name, "name");
        if (!(parametersBillions > 0)) throw new IllegalArgumentException(name + ": parametersBillions must be > 0");
        if (layers < 1 || kvHeads < 1 || headDim < 1) {
            throw new IllegalArgumentException(name + ": layers, kvHeads and headDim must be >= 1");
        }
    }

    public static ModelArchitecture preset(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        return PRESETS.stream().filter(a -> a.name.equals(key)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown model '" + name + "'; presets: "
                        + PRESETS.stream().map(ModelArchitecture::name).toList()));
    }

    /** KV-cache values stored per token of context (keys and values, all layers). */
    public long kvValuesPerToken() {
        return 2L * layers * kvHeads * headDim;
    }
}

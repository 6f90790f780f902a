package io.hybench.calibrate.cost;

import java.util.Arrays;
import java.util.Locale;

/**
 * Weight formats and their storage cost in bits per weight. Block formats are exact from their
 * layout (llama.cpp ggml-common.h block structs: Q8_0 stores 32 int8 plus one fp16 scale = 34 bytes
 * per 32 weights = 8.5 bpw). K-quant mixes (q4_K_M, q5_K_M) keep some tensors at higher precision,
 * so their figure is the file-size average llama.cpp reports for Llama-class models.
 */
public enum Quantization {
    Q4_0(4.5),
    Q4_K_M(4.85),
    Q5_K_M(5.69),
    Q6_K(6.5625),
    Q8_0(8.5),
    FP8(8.0),
    FP16(16.0),
    BF16(16.0);

    private final double bitsPerWeight;

    Quantization(double bitsPerWeight) {
        this.bitsPerWeight = bitsPerWeight;
    }

    public double bitsPerWeight() {
        return bitsPerWeight;
    }

    /** Parses names as users write them: {@code q4_K_M}, {@code Q4_K_M}, {@code fp16}. */
    public static Quantization parse(String name) {
        String key = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Quantization q : values()) {
            if (q.name().equals(key)) return q;
        }
        throw new IllegalArgumentException("unknown quantization '" + name + "'; known: "
                + Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }
}

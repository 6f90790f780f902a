package io.hybench.emulator.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.core.mapper.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads emulator profiles from YAML and checks every field. The format is documented in
 * {@code docs/emulator.md}; durations are in milliseconds ({@code ..._ms}), rates in per second.
 */
public final class ProfileLoader {
    /** The profiles shipped in the jar, by name. */
    public static final List<String> BUILT_IN = List.of(
            "llama3.1-8b-q4-gpu-ollama",
            "llama3.1-8b-q4-gpu-ollama-parallel4",
            "llama3.1-8b-a100-ollama",
            "llama3.1-8b-a100-vllm",
            "llama3.1-8b-h200-transformers-cb",
            "llama3.1-70b-q4-ollama",
            "llama3.1-8b-q4-cpu-ollama",
            "frontier-cloud-api");

    private static final double MAX_MS = 3_600_000;

    private ProfileLoader() {
    }

    /** A built-in profile by name, or a YAML file when {@code nameOrPath} ends in .yaml/.yml. */
    public static EmulatorProfile load(String nameOrPath) {
        String lower = nameOrPath.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return fromFile(Path.of(nameOrPath));
        if (!BUILT_IN.contains(nameOrPath)) {
            throw new ProfileException("unknown profile '" + nameOrPath + "'; built-in profiles: " + String.join(", ", BUILT_IN)
                    + " (or give a path to a .yaml file)");
        }
        String resource = "/io/hybench/emulator/profiles/" + nameOrPath + ".yaml";
        try (InputStream in = ProfileLoader.class.getResourceAsStream(resource)) {
            if (in == null) throw new ProfileException("built-in profile resource missing: " + resource);
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new ProfileException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    public static EmulatorProfile fromFile(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new ProfileException("cannot read profile " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses and validates one profile; {@code source} names it in error messages. */
    public static EmulatorProfile parse(String yaml, String source) {
        JsonNode root;
        try {
            root = Yaml.READER.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ProfileException("profile " + source + ": not valid YAML at line "
                    + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
        }
        YamlSection top = new YamlSection(source, "", root);
        String name = top.text("name");
        String description = top.textOr("description", "");
        String model = top.text("model");
        String version = top.textOr("server_version", "0.0.0");
        YamlSection out = top.section("output");
        OutputParams output = new OutputParams(
                (int) out.integer("eos_median_tokens", 1, 1_000_000),
                out.number("eos_sigma", 0, 3),
                (int) out.integer("context_tokens", 2, 10_000_000));
        out.requireAllRead();
        EngineParams engine = engine(top.section("engine"), output);
        FaultParams faults = top.has("faults") ? faults(top.section("faults")) : FaultParams.NONE;
        AnswerParams answers = top.has("answers") ? answers(top.section("answers")) : null;
        top.requireAllRead();
        return new EmulatorProfile(name, description, model, version, engine, output, faults, answers);
    }

    private static EngineParams engine(YamlSection e, OutputParams output) {
        String kind = e.text("kind");
        EngineParams params = switch (kind) {
            case "ollama" -> new OllamaParams(
                    (int) e.integer("num_parallel", 1, 1024),
                    (int) e.integer("max_queue", 0, 1_000_000),
                    e.millisAsNanos("load_ms", 0, MAX_MS),
                    keepAlive(e),
                    e.number("prefill_tokens_per_s", 1e-3, 1e9),
                    e.millisAsNanos("decode_weight_read_ms", 0.001, MAX_MS),
                    e.millisAsNanos("decode_per_sequence_ms", 0, MAX_MS),
                    memory(e));
            case "vllm" -> vllm(e, output);
            case "cloud" -> new CloudParams(
                    e.millisAsNanos("rtt_ms", 0, MAX_MS),
                    e.millisAsNanos("queue_median_ms", 0, MAX_MS),
                    e.number("queue_sigma", 0, 5),
                    e.number("prefill_tokens_per_s", 1e-3, 1e9),
                    e.number("decode_tokens_per_s", 1e-3, 1e9),
                    e.number("decode_jitter_sigma", 0, 3),
                    (int) e.integer("rpm_limit", 0, 100_000_000),
                    e.integer("tpm_limit", 0, 100_000_000_000L),
                    e.number("overload_rate", 0, 1));
            default -> throw e.fail("engine.kind", "must be one of ollama, vllm, cloud, was '" + kind + "'");
        };
        e.requireAllRead();
        return params;
    }

    private static ModelMemory memory(YamlSection e) {
        long max = 1L << 50;
        long file = e.integerOr("model_file_bytes", 0, max, 0);
        long loaded = e.integerOr("loaded_bytes", 0, max, 0);
        long vram = e.integerOr("vram_bytes", 0, max, 0);
        if (vram > loaded) throw e.fail("engine.vram_bytes", "must be at most engine.loaded_bytes (" + loaded + "), was " + vram);
        return new ModelMemory(file, loaded, vram);
    }

    private static long keepAlive(YamlSection e) {
        long ms = e.integer("keep_alive_ms", -1, Long.MAX_VALUE / 1_000_000);
        return ms < 0 ? -1 : ms * 1_000_000;
    }

    private static VllmParams vllm(YamlSection e, OutputParams output) {
        VllmParams p = new VllmParams(
                (int) e.integer("max_num_seqs", 1, 100_000),
                (int) e.integer("max_num_batched_tokens", 1, 10_000_000),
                e.integer("kv_cache_tokens", 1, 1_000_000_000_000L),
                e.millisAsNanos("step_base_ms", 0.001, MAX_MS),
                e.millisAsNanos("step_per_token_ms", 0, MAX_MS),
                e.number("step_per_context_token_ns", 0, 1e9));
        if (p.kvCacheTokens() < output.contextTokens()) {
            throw e.fail("engine.kv_cache_tokens", "must hold at least one full context (output.context_tokens = "
                    + output.contextTokens() + "), was " + p.kvCacheTokens());
        }
        return p;
    }

    private static FaultParams faults(YamlSection f) {
        FaultParams p = new FaultParams(
                f.numberOr("stall_rate", 0, 1, 0), f.millisAsNanosOr("stall_ms", 0, MAX_MS, 0),
                f.numberOr("disconnect_rate", 0, 1, 0), f.numberOr("malformed_rate", 0, 1, 0),
                f.numberOr("slow_headers_rate", 0, 1, 0), f.millisAsNanosOr("slow_headers_ms", 0, MAX_MS, 0),
                f.numberOr("server_error_rate", 0, 1, 0));
        f.requireAllRead();
        return p;
    }

    private static AnswerParams answers(YamlSection a) {
        YamlSection confidence = a.section("confidence");
        double base = confidence.number("base", 0, 1);
        double slope = confidence.number("slope", -1, 1);
        double spread = confidence.number("spread", 0, 1);
        confidence.requireAllRead();
        Reliability reliability = reliability(a.section("reliability"));
        YamlSection working = a.section("working");
        int median = (int) working.integer("median_tokens", 0, 100_000);
        double sigma = working.number("sigma", 0, 3);
        working.requireAllRead();
        a.requireAllRead();
        return new AnswerParams(base, slope, spread, reliability, median, sigma);
    }

    private static Reliability reliability(YamlSection r) {
        String curve = r.text("curve");
        Reliability out = switch (curve) {
            case "calibrated" -> new Reliability.Calibrated();
            case "power" -> new Reliability.Power(r.number("exponent", 0.01, 100));
            case "points" -> points(r);
            default -> throw r.fail("answers.reliability.curve", "must be one of calibrated, power, points, was '" + curve + "'");
        };
        r.requireAllRead();
        return out;
    }

    private static Reliability.Points points(YamlSection r) {
        double[][] pairs = r.pairs("points", 0, 1, 2);
        double[] c = new double[pairs.length], p = new double[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            c[i] = pairs[i][0];
            p[i] = pairs[i][1];
            if (i > 0 && c[i] <= c[i - 1]) {
                throw r.fail("answers.reliability.points[" + i + "]", "confidences must increase strictly, " + c[i] + " follows " + c[i - 1]);
            }
        }
        return new Reliability.Points(c, p);
    }
}

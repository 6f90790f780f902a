package io.hybench.calibrate.cost;

import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.load.ClientFactory;
import io.hybench.bench.load.LoadRunner;
import io.hybench.bench.load.RunListener;
import io.hybench.bench.load.Workload;
import io.hybench.bench.load.WorkloadYaml;
import io.hybench.bench.results.EnvInfo;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.ResultReader;
import io.hybench.emulator.Emulator;
import io.hybench.emulator.profile.ProfileLoader;
import io.hybench.emulator.truth.PrefixCacheRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A multi-turn workload sharing a long system prompt, over loopback against an emulated Anthropic-like and an
 * emulated OpenAI-like cloud (one emulator each, as two providers): the usage reports cache reads growing with the
 * turn (Anthropic reading what the previous turn's breakpoint wrote, OpenAI its automatic 128-token steps), equal
 * to the emulator's truth, and the cost per request at the price file's cache prices falls below the uncached cost
 * by the share the cache served.
 */
class CloudCachingCostTest {
    private static final int TURNS = 4;
    private static final String PROFILE = """
            name: caching-cloud
            model: frontier-test
            output: {eos_median_tokens: 1000, eos_sigma: 0.1, context_tokens: 200000}
            engine: {kind: cloud, rtt_ms: 1, queue_median_ms: 2, queue_sigma: 0.1, prefill_tokens_per_s: 100000,
                     decode_tokens_per_s: 2000, decode_jitter_sigma: 0.1, rpm_limit: 0, tpm_limit: 0, overload_rate: 0}
            """;
    /** Sonnet-like and gpt-4o-like list prices, USD per million: input, output, cache read, cache write. */
    private static final ModelPrice ANTHROPIC = new ModelPrice(3.00, 15.00, "test", 0.30, 3.75);
    private static final ModelPrice OPENAI = new ModelPrice(2.50, 10.00, "test", 1.25, null);

    @Test
    void cacheReadsGrowWithTheTurnAndTheCostPerRequestFallsWithThem(@TempDir Path results) throws Exception {
        try (Emulator anthropic = Emulator.start(ProfileLoader.parse(PROFILE, "caching-cloud"), 0, 31);
             Emulator openai = Emulator.start(ProfileLoader.parse(PROFILE, "caching-cloud"), 0, 32)) {
            Workload w = WorkloadYaml.parse("""
                    name: cloud-caching
                    seed: 7
                    targets:
                      - {name: anthropic, api: anthropic, url: %s, model: frontier-test}
                      - {name: openai, api: openai, flavor: openai, url: %s, model: frontier-test}
                    request: {chat: true, promptCaching: auto}
                    prompts:
                      sessions: {turns: %d, userTokens: 200, outputTokens: 16, systemPrompt: {tokens: 1500, groups: 1}}
                    load: {mode: closed, users: [1], thinkTimeMs: 0}
                    run: {warmup: 0s, requests: %d}
                    """.formatted(anthropic.baseUrl(), openai.baseUrl(), TURNS, 2 * TURNS), "w.yaml", results);
            LoadRunner.Result run = new LoadRunner(w, ClientFactory.streaming(ClientOptions.DEFAULTS), RunListener.NONE)
                    .run(results, "cloud-caching", EnvInfo.capture("test"));
            List<RequestLine> lines = ResultReader.requests(run.folder().dir());

            Turns a = turns(lines, "anthropic", anthropic, ANTHROPIC);
            Turns o = turns(lines, "openai", openai, OPENAI);
            System.out.println(a.table("anthropic"));
            System.out.println(o.table("openai"));
            for (Turns t : List.of(a, o)) {
                for (int turn = 2; turn <= TURNS; turn++) {
                    assertTrue(t.cached(turn) > t.cached(turn - 1), "cache reads grow with the turn: " + t.table(t.target));
                    assertTrue(t.costRatio(turn) < t.costRatio(turn - 1), "the cost per request falls against the uncached cost: " + t.table(t.target));
                }
                assertTrue(t.costRatio(TURNS) < 0.7, "by the last turn the cache saves most of the prompt's price: " + t.table(t.target));
            }
            assertTrue(a.written(1) > 1024, "Anthropic's first turn writes the system prompt and the first message: " + a.table("anthropic"));
        }
    }

    /** Per turn, over the sessions: cached tokens, cache writes, and cost at the cache prices against the uncached cost. */
    private record Turns(String target, Map<Integer, double[]> byTurn) {
        double cached(int turn) {
            return byTurn.get(turn)[0] / byTurn.get(turn)[4];
        }

        double written(int turn) {
            return byTurn.get(turn)[1] / byTurn.get(turn)[4];
        }

        /** Cost with the cache over the same requests' cost had every prompt token paid the input price. */
        double costRatio(int turn) {
            return byTurn.get(turn)[2] / byTurn.get(turn)[3];
        }

        String table(String name) {
            StringBuilder sb = new StringBuilder("cloud caching " + name + ": turn | cached tokens (mean) | written (mean) | USD per request | uncached USD | ratio\n");
            byTurn.forEach((turn, v) -> sb.append(String.format(Locale.ROOT, "cloud caching %s: %d | %.0f | %.0f | %.6f | %.6f | %.3f%n",
                    name, turn, v[0] / v[4], v[1] / v[4], v[2] / v[4], v[3] / v[4], v[2] / v[3])));
            return sb.toString();
        }
    }

    private static Turns turns(List<RequestLine> lines, String target, Emulator e, ModelPrice price) {
        Map<String, PrefixCacheRecord> truth = e.truth().prefixCaches().stream()
                .filter(r -> r.clientRequest() != null).collect(Collectors.toMap(PrefixCacheRecord::clientRequest, Function.identity()));
        Map<Integer, double[]> byTurn = new TreeMap<>();
        List<String> seen = new ArrayList<>();
        for (RequestLine l : lines) {
            RequestRecord r = l.record();
            if (!r.to().target().equals(target)) continue;
            assertTrue(r.succeeded(), r.requestId() + ": " + r.error());
            assertNotNull(l.session(), "a sessions workload names each request's session");
            RequestRecord.Tokens t = r.tokens();
            int cached = t.cachedInputTokens() == null ? 0 : t.cachedInputTokens();
            int written = t.cacheWriteInputTokens() == null ? 0 : t.cacheWriteInputTokens();
            PrefixCacheRecord truthOf = truth.get(r.requestId());
            assertNotNull(truthOf, r.requestId() + " joins the emulator's truth");
            assertEquals(truthOf.promptTokens(), t.inputTokens(), r.requestId() + ": the usage adds up to the prompt the engine saw");
            assertEquals(truthOf.cachedTokens(), cached, r.requestId() + ": the usage reports the truth's cache reads");
            double[] v = byTurn.computeIfAbsent(l.session().turn(), k -> new double[5]);
            v[0] += cached;
            v[1] += written;
            v[2] += price.costUsd(t.inputTokens(), cached, written, t.outputTokens());
            v[3] += price.costUsd(t.inputTokens(), t.outputTokens());
            v[4]++;
            seen.add(r.requestId());
        }
        assertEquals(2 * TURNS, seen.size(), target + ": two sessions of " + TURNS + " turns");
        return new Turns(target, byTurn);
    }
}

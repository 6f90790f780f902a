package io.hybench.bench.load;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.Target;
import io.hybench.bench.context.ServerGauges;
import io.hybench.bench.metrics.Metrics;
import io.hybench.bench.metrics.SecondSample;
import io.hybench.bench.metrics.Slo;
import io.hybench.bench.results.EnvInfo;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.ResultReader;
import io.hybench.bench.results.RunFolder;
import io.hybench.bench.results.SessionSummary;
import io.hybench.core.mapper.Json;
import io.hybench.core.stats.ConfidenceSpec;
import io.hybench.emulator.Emulator;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A multi-turn, shared-system-prompt workload over loopback against an Ollama-like and a vLLM-like emulator
 * with the same prefill rate. Four concurrent sessions on Ollama's two slots lose their history to each
 * other (only the shared system prompt stays cached), so the uncached prefill and the TTFT grow with the
 * turn; vLLM's block cache keeps every session's earlier turns, so they stay flat. The cached tokens come
 * from the emulator's truth, joined to each record by its request id; the measured TTFT growth is judged
 * against the prefill time the truth implies. The turns go as messages arrays (system, user, assistant with a
 * tool call, its tool result), Ollama's {@code /api/chat} and vLLM's chat completions each in their own shape.
 */
class SessionCachingTest {
    private static final int TURNS = 5;
    private static final double PREFILL_TOKENS_PER_MS = 4.0;

    @Test
    void ollamaRecomputesTheGrowingHistoryWhereVllmServesItFromItsPrefixCache(@TempDir Path results) throws Exception {
        try (EmulatorRig rig = new EmulatorRig()) {
            Emulator ollama = rig.start(EmulatorRig.profile("session-ollama"), 21);
            Emulator vllm = rig.start(EmulatorRig.profile("session-vllm"), 22);
            List<Target> targets = List.of(EmulatorRig.target("ollama", ApiKind.OLLAMA, ServerFlavor.OLLAMA, ollama),
                    EmulatorRig.target("vllm", ApiKind.OPENAI, ServerFlavor.VLLM, vllm));
            PromptSpec.Sessions sessions = new PromptSpec.Sessions(TURNS, new Distribution.Fixed(40), new Distribution.Fixed(16),
                    new PromptSpec.SharedPrefix(400, 1), null, new Distribution.Fixed(12), null, null);
            Workload w = new Workload("sessions", 7, targets, new Workload.Traffic(new RequestOptions(true, false, null), sessions),
                    new Workload.Shape(new LoadSpec.ClosedLoop(List.of(4), new Distribution.Fixed(0)),
                            new RunLimits(0, null, 40, 60_000_000_000L, 1, null)),
                    Workload.Checks.of(Slo.none(), new ConfidenceSpec(200, 0.95)));
            LoadRunner.Result run = new LoadRunner(w, rig.clients(), RunListener.NONE).run(results, "sessions", EnvInfo.capture("test"));
            List<RequestLine> lines = ResultReader.requests(run.folder().dir());

            Turns o = turns(lines, "ollama", ollama);
            Turns v = turns(lines, "vllm", vllm);
            System.out.println(o.table("ollama"));
            System.out.println(v.table("vllm"));

            // truth: vLLM's uncached prefill stays flat, Ollama's grows with the conversation
            double vGrowth = v.uncached(TURNS) - v.uncached(2);
            double oGrowth = o.uncached(TURNS) - o.uncached(2);
            assertTrue(vGrowth < 40, "vLLM prefills about one turn's new tokens whatever the turn: " + v.table("vllm"));
            assertTrue(oGrowth > 200, "Ollama prefills the history its slot lost: " + o.table("ollama"));
            assertTrue(o.cached(1) >= 400, "the shared system prompt is cached on Ollama too: " + o.table("ollama"));

            // measured: TTFT follows the truth's prefill, at least half of the time it implies (queueing only adds)
            double oTtftGrowth = o.ttftMs(TURNS) - o.ttftMs(2);
            assertTrue(oTtftGrowth > 0.5 * oGrowth / PREFILL_TOKENS_PER_MS, String.format(Locale.ROOT,
                    "Ollama TTFT grew %.1f ms from turn 2 to %d; its uncached prefill grew %.0f tokens", oTtftGrowth, TURNS, oGrowth));
            assertTrue(v.ttftMs(TURNS) < o.ttftMs(TURNS), "at the last turn vLLM's TTFT is below Ollama's");

            // the server's own counters, as the bench samples them from vLLM's /metrics each second
            ServerGauges.PrefixCache counters = run.summary().steps().stream().filter(st -> st.step().target().equals("vllm"))
                    .flatMap(st -> st.context().series().stream()).map(SecondSample::server)
                    .filter(g -> g instanceof ServerGauges.Vllm).map(g -> ((ServerGauges.Vllm) g).prefixCache())
                    .filter(java.util.Objects::nonNull).reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no prefix-cache counters sampled"));
            long truthHits = vllm.truth().prefixCaches().stream().mapToLong(PrefixCacheRecord::cachedTokens).sum();
            assertTrue(counters.hitTokens() > 0 && counters.hitTokens() <= truthHits,
                    "vllm:prefix_cache_hits_total " + counters.hitTokens() + " counts the truth's hits (" + truthHits + " at the end)");

            // the step's cached share of prompt tokens: the truth's cached / prompt tokens of the vLLM step's measured requests
            long cached = 0, prompt = 0;
            for (RequestLine l : lines) {
                if (!l.record().to().target().equals("vllm") || l.warmup()) continue;
                cached += l.record().tokens().cachedInputTokens();
                prompt += l.record().tokens().inputTokens();
            }
            for (var st : run.summary().steps()) {
                Double share = st.rates().cachedInputShare();
                if (st.step().target().equals("ollama")) assertNull(share, "Ollama reports no cached tokens: the share is absent");
                else assertEquals((double) cached / prompt, share, 1e-12, "vLLM's step reports the truth's cached share");
            }

            SessionSummary summary = Json.MAPPER.readValue(run.folder().dir().resolve(RunFolder.SESSIONS).toFile(), SessionSummary.class);
            assertEquals(2 * TURNS, summary.turns().size(), "one row per target and turn");
            for (SessionSummary.Turn t : summary.turns()) {
                Turns of = t.target().equals("ollama") ? o : v;
                assertEquals(of.ttftByTurn().get(t.turn()).length, t.ttftMs().count(), "sessions.json counts the turn's requests");
                long turnCached = 0, turnPrompt = 0;
                for (RequestLine l : lines) {
                    if (l.warmup() || !l.record().succeeded() || l.session() == null || l.session().turn() != t.turn()
                            || !l.record().to().target().equals(t.target())) continue;
                    if (l.record().tokens().cachedInputTokens() == null) continue;
                    turnCached += l.record().tokens().cachedInputTokens();
                    turnPrompt += l.record().tokens().inputTokens();
                }
                if (t.target().equals("ollama")) assertNull(t.cachedInputShare(), "Ollama reports no cached tokens");
                else assertEquals((double) turnCached / turnPrompt, t.cachedInputShare(), 1e-12, "the turn's cached share of prompt tokens");
            }
            assertTrue(summary.sessions().stream().filter(SessionSummary.Session::complete).count() >= 2 * 6,
                    "most sessions ran all their turns (the request budget cuts the last ones)");
        }
    }

    /** Per turn: median uncached and cached prompt tokens (truth) and median measured TTFT. */
    private record Turns(Map<Integer, double[]> uncachedByTurn, Map<Integer, double[]> cachedByTurn, Map<Integer, double[]> ttftByTurn) {
        double uncached(int turn) {
            return median(uncachedByTurn.get(turn));
        }

        double cached(int turn) {
            return median(cachedByTurn.get(turn));
        }

        double ttftMs(int turn) {
            return median(ttftByTurn.get(turn));
        }

        String table(String target) {
            StringBuilder sb = new StringBuilder("sessions " + target + ": turn | n | cached tokens P50 | uncached tokens P50 | TTFT ms P50\n");
            for (int t : ttftByTurn.keySet()) {
                sb.append(String.format(Locale.ROOT, "sessions %s: %d | %d | %.0f | %.0f | %.1f%n", target, t,
                        ttftByTurn.get(t).length, cached(t), uncached(t), ttftMs(t)));
            }
            return sb.toString();
        }
    }

    private static Turns turns(List<RequestLine> lines, String target, Emulator e) {
        Map<String, PrefixCacheRecord> truth = e.truth().prefixCaches().stream()
                .filter(r -> r.clientRequest() != null).collect(Collectors.toMap(PrefixCacheRecord::clientRequest, Function.identity()));
        Map<Integer, List<double[]>> byTurn = new TreeMap<>();
        for (RequestLine l : lines) {
            if (!l.record().to().target().equals(target)) continue;
            assertNotNull(l.session(), "every request of a sessions workload names its session");
            assertTrue(l.record().succeeded(), l.record().requestId() + ": " + l.record().error());
            PrefixCacheRecord t = truth.get(l.record().requestId());
            assertNotNull(t, l.record().requestId() + " joins the emulator's truth");
            assertEquals(l.record().tokens().inputTokens(), t.promptTokens(), "the usage reports the prompt the engine saw");
            // vLLM's usage reports its cache hit (prompt_tokens_details.cached_tokens), Ollama's reports none
            assertEquals(l.record().to().api() == ApiKind.OPENAI ? (Integer) t.cachedTokens() : null,
                    l.record().tokens().cachedInputTokens(), l.record().requestId() + ": the record's cached tokens are the truth's");
            byTurn.computeIfAbsent(l.session().turn(), k -> new ArrayList<>()).add(new double[]{
                    t.promptTokens() - t.cachedTokens(), t.cachedTokens(), Metrics.ttftNanos(l.record()).getAsLong() / 1e6});
        }
        assertEquals(TURNS, byTurn.size(), target + ": every turn was sent");
        Map<Integer, double[]> uncached = new TreeMap<>(), cached = new TreeMap<>(), ttft = new TreeMap<>();
        byTurn.forEach((turn, rows) -> {
            uncached.put(turn, rows.stream().mapToDouble(r -> r[0]).sorted().toArray());
            cached.put(turn, rows.stream().mapToDouble(r -> r[1]).sorted().toArray());
            ttft.put(turn, rows.stream().mapToDouble(r -> r[2]).sorted().toArray());
        });
        return new Turns(uncached, cached, ttft);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}

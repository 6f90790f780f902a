package io.hybench.bench.load;

import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.metrics.Metric;
import io.hybench.bench.metrics.Metrics;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.EnvInfo;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.ResultReader;
import io.hybench.emulator.Emulator;
import io.hybench.emulator.truth.TruthRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small Mooncake-format trace (written here) replayed against the emulated vLLM over loopback, from a workload
 * file: every traced request is sent at its scaled trace time, is served once with its traced output length (the
 * emulator's truth log counts the tokens it wrote), reaches the server no earlier than it was due, and the summary
 * reports how far the sends fell behind the schedule. Judged against the schedule and the truth, never wall-clock.
 */
class EmulatorTraceReplayTest {
    private static final long SEED = 5;
    private static final int REQUESTS = 24;
    private static final double TIME_SCALE = 0.1;
    private static final List<Double> FACTORS = List.of(1.0, 2.0);

    /** Bursts of three simultaneous requests every 700 ms, some a further 150 ms late; every request shares block 0. */
    private static String trace() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < REQUESTS; i++) {
            long ms = (i / 3) * 700L + (i % 3 == 2 ? 150 : 0);
            out.append(String.format(Locale.ROOT, "{\"timestamp\": %d, \"input_length\": %d, \"output_length\": %d, \"hash_ids\": [0, %d]}%n",
                    ms, 40 + i, 3 + i % 5, 1 + i % 4));
        }
        return out.toString();
    }

    @Test
    void aMooncakeTraceReplaysOnItsScaledScheduleWithSendLagReported(@TempDir Path dir) throws Exception {
        Path traceFile = dir.resolve("small.jsonl");
        Files.writeString(traceFile, trace());
        TraceFile trace = TraceFile.read(new PromptSpec.Trace(traceFile, PromptSpec.TraceFormat.MOONCAKE, 16, null, PromptSpec.Select.ALL));
        try (EmulatorRig rig = new EmulatorRig()) {
            Emulator vllm = rig.start(EmulatorRig.profile("fast-vllm"), SEED);
            Workload w = WorkloadYaml.parse("""
                    name: trace-replay
                    seed: 3
                    targets:
                      - {name: vllm, api: openai, flavor: vllm, url: "%s", model: "%s"}
                    request: {forceOutputLength: true}
                    prompts:
                      trace: {path: small.jsonl, format: mooncake, blockTokens: 16}
                    load: {mode: trace, timeScale: %s, rateFactors: [1, 2]}
                    run: {warmup: 0s, requests: %d, drainTimeout: 30s}
                    """.formatted(vllm.baseUrl(), vllm.profile().model(), TIME_SCALE, REQUESTS), "inline", dir);
            Path run = new LoadRunner(w, rig.clients(), RunListener.NONE).run(dir.resolve("results"), "trace", EnvInfo.capture("test"))
                    .folder().dir();

            List<StepSummary> steps = ResultReader.load(run).summary().steps();
            List<RequestRecord> all = ResultReader.requests(run).stream().map(RequestLine::record).toList();
            Map<String, List<TruthRecord>> truth = vllm.truth().records().stream().filter(t -> t.clientRequest() != null)
                    .collect(Collectors.groupingBy(TruthRecord::clientRequest));
            long shift = rig.truthShift(vllm);
            assertEquals(FACTORS.size(), steps.size());
            for (int s = 0; s < steps.size(); s++) {
                StepSummary step = steps.get(s);
                double factor = FACTORS.get(s);
                assertEquals("trace", step.step().mode());
                assertEquals(factor, step.step().load());
                String prefix = String.format(Locale.ROOT, "vllm-s%02d-", s);
                List<RequestRecord> records = all.stream().filter(r -> r.requestId().startsWith(prefix))
                        .sorted(Comparator.comparing(RequestRecord::requestId)).toList();
                assertEquals(REQUESTS, records.size(), "every traced request was sent");
                assertEquals(REQUESTS, step.counts().succeeded(), "and succeeded: " + step.counts().errors());

                long start = records.getFirst().timeline().intendedSendNanos();
                List<Long> lags = new ArrayList<>();
                for (int i = 0; i < REQUESTS; i++) {
                    RequestRecord r = records.get(i);
                    TraceEntry e = trace.entries().get(i);
                    assertEquals(Math.round(e.offsetNanos() * TIME_SCALE / factor), r.timeline().intendedSendNanos() - start,
                            r.requestId() + " is due at its trace time, scaled and compressed by the rate factor");
                    List<TruthRecord> served = truth.get(r.requestId());
                    assertTrue(served != null, r.requestId() + " reached the emulator");
                    assertEquals(1, served.stream().map(TruthRecord::request).distinct().count(), "served once");
                    assertEquals(e.outputTokens(), served.stream().filter(t -> "token".equals(t.kind())).count(),
                            r.requestId() + ": the emulator wrote the traced output length");
                    long firstWrite = served.stream().mapToLong(TruthRecord::writtenNanos).min().orElseThrow() + shift;
                    assertTrue(firstWrite >= r.timeline().intendedSendNanos(), r.requestId() + ": the server answered nothing before the request was due");
                    lags.add(Metrics.sendLagNanos(r));
                }
                var sendLag = step.latencyMs().get(Metric.SEND_LAG);
                long maxLag = lags.stream().mapToLong(Long::longValue).max().orElseThrow();
                System.out.printf(Locale.ROOT, "trace replay factor %.1f: send lag P50 %.2f ms, P99 %.2f ms, max %.2f ms (records: %.2f ms)%n",
                        factor, sendLag.p50Ms(), sendLag.p99Ms(), sendLag.maxMs(), maxLag / 1e6);
                assertTrue(lags.stream().allMatch(l -> l >= 0), "no request left before it was due");
                assertEquals(REQUESTS, sendLag.count(), "send lag is reported for every request");
                assertEquals(maxLag / 1e6, sendLag.maxMs(), Math.max(0.01, maxLag / 1e6 * 0.01),
                        "the summary's send lag is the records' own, from the intended send times");
            }
        }
    }

    @Test
    void aBurstGptTraceReplaysOnlyTheSelectedModelsRowsWithTokenExactPrompts(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.csv"), """
                Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type
                0,ChatGPT,40,3,43,Conversation log
                0.5,GPT-4,120,4,124,Conversation log
                1,ChatGPT,60,2,62,API log
                1.5,GPT-4,75,0,75,API log
                2,GPT-4,33,5,38,Conversation log
                """);
        try (EmulatorRig rig = new EmulatorRig()) {
            Emulator vllm = rig.start(EmulatorRig.profile("fast-vllm"), SEED);
            Workload w = WorkloadYaml.parse("""
                    name: burstgpt
                    seed: 3
                    targets:
                      - {name: vllm, api: openai, flavor: vllm, url: "%s", model: "%s"}
                    request: {forceOutputLength: true}
                    prompts:
                      trace: {path: b.csv, format: burstgpt, model: GPT-4, tokenizer: cl100k_base}
                    load: {mode: trace, timeScale: 0.1}
                    run: {warmup: 0s, requests: 3, drainTimeout: 30s}
                    """.formatted(vllm.baseUrl(), vllm.profile().model()), "inline", dir);
            Path run = new LoadRunner(w, rig.clients(), RunListener.NONE).run(dir.resolve("results"), "burstgpt", EnvInfo.capture("test"))
                    .folder().dir();
            List<RequestLine> lines = ResultReader.requests(run).stream().sorted(Comparator.comparing(l -> l.record().requestId())).toList();
            assertEquals(List.of("2", "4", "5"), lines.stream().map(RequestLine::promptId).toList(), "only the GPT-4 rows, by their record numbers");
            assertEquals(List.of(120, 75, 33), lines.stream().map(RequestLine::promptTokens).toList(), "cl100k_base tokens, exactly the traced Request tokens");
            assertEquals(List.of(4, 1, 5), lines.stream().map(l -> l.record().tokens().outputTokens()).toList(), "traced Response tokens (0 sent as 1)");
            for (RequestLine l : lines) {
                assertTrue(l.record().succeeded(), l.record().requestId() + ": " + l.record().error());
                assertTrue(l.record().tokens().inputTokens() > 0, "the server's count stays beside the tokenizer's");
            }
        }
    }
}

package io.hybench.calibrate.collect;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.bench.testing.ReplayServer;
import io.hybench.calibrate.collect.emulate.AnsweringEmulator;
import io.hybench.calibrate.collect.prompts.PromptSet;
import io.hybench.calibrate.collect.questions.Question;
import io.hybench.calibrate.collect.questions.QuestionKind;
import io.hybench.calibrate.collect.questions.QuestionLoader;
import io.hybench.calibrate.collect.questions.QuestionMapping;
import io.hybench.calibrate.collect.run.CollectRequest;
import io.hybench.calibrate.collect.run.CollectSummary;
import io.hybench.calibrate.collect.run.CollectTarget;
import io.hybench.calibrate.collect.run.Collector;
import io.hybench.calibrate.collect.run.Pacer;
import io.hybench.calibrate.collect.run.RetryPolicy;
import io.hybench.calibrate.collect.run.SideSummary;
import io.hybench.calibrate.collect.run.TargetSpec;
import io.hybench.calibrate.cost.ModelPrice;
import io.hybench.calibrate.cost.PriceFile;
import io.hybench.calibrate.data.ColumnMapping;
import io.hybench.calibrate.data.DatasetLoader;
import io.hybench.calibrate.data.LabeledDataset;
import io.hybench.calibrate.fit.ScoreQuality;
import io.hybench.core.mapper.Json;
import io.hybench.emulator.Emulator;
import io.hybench.emulator.answer.AnswerKey;
import io.hybench.emulator.answer.AnswerModel;
import io.hybench.emulator.profile.EmulatorProfile;
import io.hybench.emulator.profile.ProfileLoader;
import io.hybench.emulator.profile.Reliability;
import io.hybench.emulator.truth.AnswerRecord;
import io.hybench.emulator.truth.TruthLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** collect over real loopback HTTP against the serving emulator's answer model, then the calibrator's loader on its output. */
public class CollectorTest {
    public static final Path SHIPPED = Path.of("../datasets/synthetic-v1.jsonl");
    static final Path SHIPPED_MAPPING = Path.of("../datasets/synthetic-v1.mapping.yaml");

    @TempDir
    Path dir;

    public static List<Question> shipped() {
        return QuestionLoader.load(List.of(SHIPPED), QuestionMapping.read(SHIPPED_MAPPING));
    }

    /** Records the waits asked for and advances a fake clock by them, so rate-limit tests take no time. */
    static final class FakePacer implements Pacer {
        final AtomicLong now = new AtomicLong(1_000_000_000L);
        final List<Long> sleeps = new CopyOnWriteArrayList<>();

        @Override
        public long nanoTime() {
            return now.get();
        }

        @Override
        public void sleep(long millis) {
            sleeps.add(millis);
            now.addAndGet(millis * 1_000_000);
        }
    }

    static CollectRequest request(List<Question> qs, CollectTarget local, List<CollectTarget> clouds, PriceFile prices, Path out) {
        return new CollectRequest(qs, List.of(SHIPPED), local, clouds, PromptSet.V1, CollectRequest.GradingSettings.EXACT, prices, out);
    }

    static Collector collector(Pacer pacer) {
        return new Collector(Collector.Clients.FROM_ENVIRONMENT, pacer, RetryPolicy.DEFAULT, null);
    }

    /** A small local model under Ollama: over-confident, P(correct | c) = c^2. Engine costs are tiny so the test is quick. */
    public static final EmulatorProfile LOCAL = ProfileLoader.parse("""
            name: test-local
            model: small-local
            output: {eos_median_tokens: 12, eos_sigma: 0.3, context_tokens: 8192}
            engine: {kind: ollama, num_parallel: 8, max_queue: 512, load_ms: 0, keep_alive_ms: -1,
                     prefill_tokens_per_s: 1000000, decode_weight_read_ms: 0.05, decode_per_sequence_ms: 0.01}
            answers:
              confidence: {base: 0.95, slope: 0.12, spread: 0.1}
              reliability: {curve: power, exponent: 2}
              working: {median_tokens: 6, sigma: 0.3}
            """, "test-local");

    /** A cloud model: well calibrated, P(correct | c) = c. */
    public static final EmulatorProfile CLOUD = ProfileLoader.parse("""
            name: test-cloud
            model: big-cloud
            output: {eos_median_tokens: 12, eos_sigma: 0.3, context_tokens: 200000}
            engine: {kind: cloud, rtt_ms: 0, queue_median_ms: 0.1, queue_sigma: 0, prefill_tokens_per_s: 1000000,
                     decode_tokens_per_s: 20000, decode_jitter_sigma: 0, rpm_limit: 0, tpm_limit: 0, overload_rate: 0}
            answers:
              confidence: {base: 0.99, slope: 0.05, spread: 0.04}
              reliability: {curve: calibrated}
              working: {median_tokens: 6, sigma: 0.3}
            """, "test-cloud");

    static Emulator answering(EmulatorProfile profile, long seed, List<Question> qs) {
        return AnsweringEmulator.start(profile, 0, seed, TruthLog.inMemory(), qs);
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The emulator's whole reply to a request a test server received (to put failures in front of real answers). */
    static ReplayServer.Reply forward(Emulator e, ReplayServer.RecordedRequest req) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(e.baseUrl() + req.path()))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(req.body())).build(),
                    HttpResponse.BodyHandlers.ofString());
            return ReplayServer.Reply.of(r.statusCode(), r.headers().firstValue("Content-Type").orElseThrow(), r.body());
        } catch (IOException | InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * collect against the real emulator (local: Ollama protocol with logprobs and 3 samples; cloud: Anthropic), then
     * the calibrator's loader and reliability diagram: every row agrees with the emulator's truth, and the accuracy
     * and the calibration curve are the configured ones within 4 standard errors.
     */
    @Test
    void collectThenCalibrateRecoversTheConfiguredModels() throws Exception {
        List<Question> qs = shipped();
        PriceFile prices = new PriceFile(LocalDate.of(2025, 1, 1), "USD", Map.of("big-cloud", new ModelPrice(1.0, 4.0, "test list")));
        Path out = dir.resolve("labeled.jsonl");
        CollectSummary summary;
        List<AnswerRecord> localTruth, cloudTruth;
        try (Emulator local = answering(LOCAL, 1, qs); Emulator cloud = answering(CLOUD, 2, qs)) {
            summary = collector(Pacer.SYSTEM).run(request(qs,
                    TargetSpec.parse("api=ollama,url=" + local.baseUrl() + ",model=small-local,top-logprobs=7,samples=3,concurrency=8", "local"),
                    List.of(TargetSpec.parse("api=anthropic,url=" + cloud.baseUrl() + ",model=big-cloud,concurrency=8", "cloud")), prices, out));
            localTruth = answers(local, 300 * 4);
            cloudTruth = answers(cloud, 300);
        }
        assertEquals(300, summary.rows());
        assertEquals(0, summary.failedCount());
        assertEquals(300 * 4, localTruth.size(), "one graded answer and 3 samples per question");
        assertEquals(300, cloudTruth.size());

        // The truth's confidences are the configured model's.
        AnswerKey key = AnsweringEmulator.key(qs, PromptSet.V1);
        AnswerModel localModel = new AnswerModel(LOCAL.answers(), 1, key), cloudModel = new AnswerModel(CLOUD.answers(), 2, key);
        Map<String, AnswerKey.Entry> entries = new HashMap<>();
        key.entries().forEach(e -> entries.put(e.id(), e));
        Map<String, AnswerRecord> localGraded = graded(localTruth), cloudGraded = graded(cloudTruth);
        for (AnswerRecord r : localGraded.values()) assertEquals(localModel.confidence(entries.get(r.question())), r.confidence(), r.toString());
        for (AnswerRecord r : cloudGraded.values()) assertEquals(cloudModel.confidence(entries.get(r.question())), r.confidence(), r.toString());

        // Every row carries exactly what the emulator answered.
        Map<String, Question> byId = new HashMap<>();
        qs.forEach(q -> byId.put(q.id(), q));
        for (String line : Files.readAllLines(out)) {
            JsonNode r = Json.MAPPER.readTree(line);
            Question q = byId.get(r.get("id").asText());
            AnswerRecord t = localGraded.get(q.id()), ct = cloudGraded.get(q.id());
            double c = t.confidence();
            assertEquals(t.correct(), r.get("local_correct").asBoolean(), q.id());
            assertEquals(ct.correct(), r.get("cloud_correct").asBoolean(), q.id());
            assertFalse(r.get("local_unparseable").asBoolean(), q.id());
            if (q.kind() == QuestionKind.MULTIPLE_CHOICE) assertEquals(t.answer(), r.get("local_answer").asText(), q.id());
            if (q.kind() == QuestionKind.NUMERIC) assertEquals(0, new BigDecimal(t.answer()).compareTo(new BigDecimal(r.get("local_answer").asText())), q.id());
            assertEquals(c, r.get("local_verbalised").asDouble(), 1e-9, q.id());
            assertEquals(Math.log(c), r.get("local_mean_logprob").asDouble(), 1e-9, q.id());
            if (q.kind() == QuestionKind.MULTIPLE_CHOICE) {
                assertEquals(c, r.get("local_p_choice").asDouble(), 1e-9, q.id()); // all 7 options listed: renormalised = c
            } else {
                assertEquals("not a multiple-choice question", r.get("local_missing_signals").get("p_choice").asText());
            }
            // Self-consistency: the share of the 3 samples (seeds 0-2) giving the most common answer.
            Map<String, Long> votes = localTruth.stream().filter(a -> a.question().equals(q.id()) && a.seed() != null)
                    .collect(Collectors.groupingBy(AnswerRecord::answer, Collectors.counting()));
            assertEquals(Collections.max(votes.values()) / 3.0, r.get("local_consistency").asDouble(), 1e-9, q.id());
            assertEquals(ct.confidence(), r.get("cloud_verbalised").asDouble(), 1e-9, q.id());
            assertEquals("logprobs not requested from this target", r.get("cloud_missing_signals").get("mean_logprob").asText());
        }

        // The mapping written beside the output loads in the calibrator, with the complete signals as scores.
        ColumnMapping mapping = ColumnMapping.read(dir.resolve("labeled.mapping.yaml"));
        assertEquals(List.of("local_mean_logprob", "local_min_logprob", "local_consistency", "local_verbalised"), mapping.scores());
        assertTrue(summary.omittedScores().get("local_p_choice").startsWith("present in 60 of 300 rows"));
        LabeledDataset data = DatasetLoader.load(List.of(out), mapping, null);
        assertEquals(300, data.rows().size());

        // Accuracy and calibration curve of each side against the configured model.
        int verbal = mapping.scores().indexOf("local_verbalised");
        double[] localScore = data.rows().stream().mapToDouble(r -> r.scores()[verbal]).toArray();
        double[] localQuality = data.rows().stream().mapToDouble(r -> r.local().quality()).toArray();
        Map<String, Double> cloudScoreById = new HashMap<>();
        for (String line : Files.readAllLines(out)) {
            JsonNode r = Json.MAPPER.readTree(line);
            cloudScoreById.put(r.get("id").asText(), r.get("cloud_verbalised").asDouble());
        }
        double[] cloudScore = data.rows().stream().mapToDouble(r -> cloudScoreById.get(r.id())).toArray();
        double[] cloudQuality = data.rows().stream().mapToDouble(r -> r.cloud().quality()).toArray();
        checkAccuracy(localScore, localQuality, LOCAL.answers().reliability());
        checkAccuracy(cloudScore, cloudQuality, CLOUD.answers().reliability());
        ScoreQuality localCurve = checkCurve(localScore, localQuality, LOCAL.answers().reliability());
        checkCurve(cloudScore, cloudQuality, CLOUD.answers().reliability());
        // Over-confidence is visible: in the top bin, the local model is right less often than it says.
        ScoreQuality.Bin top = localCurve.reliability().get(localCurve.reliability().size() - 1);
        assertTrue(top.localAccuracy() < top.meanScore() - 0.05, top.toString());

        // Costs: the cloud side is priced from its token counts; the local model has no price.
        SideSummary cloud = summary.sides().get(1);
        assertEquals(new ModelPrice(1.0, 4.0, "x").costUsd(cloud.tokens().inputTokens(), cloud.tokens().outputTokens()), cloud.cost().costUsd(), 1e-12);
        assertEquals(null, summary.sides().get(0).cost().costUsd());
        assertEquals(cloud.cost().costUsd(), data.rows().stream().mapToDouble(r -> r.cloud().costUsd()).sum(), 1e-9);
    }

    /** The greedy (temperature 0) answer to each question; repeats of a question must agree. */
    private static Map<String, AnswerRecord> graded(List<AnswerRecord> truth) {
        Map<String, AnswerRecord> out = new HashMap<>();
        for (AnswerRecord r : truth) {
            if (r.temperature() == null || r.temperature() != 0) continue;
            AnswerRecord before = out.putIfAbsent(r.question(), r);
            if (before != null) assertEquals(before.answer(), r.answer(), "greedy answers repeat: " + r);
        }
        return out;
    }

    /**
     * Observed accuracy vs the configured expectation, the mean of reliability(c) over the questions; the
     * right/wrong draws are independent Bernoulli trials, so the tolerance is 4 standard errors,
     * sqrt(sum r(1-r)) / n.
     */
    private static void checkAccuracy(double[] score, double[] quality, Reliability curve) {
        double expected = 0, variance = 0;
        for (double c : score) {
            double p = curve.probability(c);
            expected += p;
            variance += p * (1 - p);
        }
        int n = score.length;
        double observed = java.util.Arrays.stream(quality).sum() / n;
        assertEquals(expected / n, observed, 4 * Math.sqrt(variance) / n, curve.toString());
    }

    /**
     * The calibrator's reliability diagram of the verbalised score (5 bins): each bin's observed accuracy is the
     * mean of reliability(c) over its rows within 4 standard errors (bins of fewer than 20 rows are not judged).
     */
    private static ScoreQuality checkCurve(double[] score, double[] quality, Reliability curve) {
        int bins = 5;
        ScoreQuality sq = ScoreQuality.of(score, quality, bins);
        double[] sum = new double[bins], var = new double[bins];
        for (double c : score) {
            int b = Math.min(bins - 1, (int) (c * bins));
            double p = curve.probability(c);
            sum[b] += p;
            var[b] += p * (1 - p);
        }
        int judged = 0;
        for (ScoreQuality.Bin b : sq.reliability()) {
            if (b.count() < 20) continue;
            int i = (int) Math.round(b.from() * bins);
            double expected = sum[i] / b.count(), se = Math.sqrt(var[i]) / b.count();
            assertEquals(expected, b.localAccuracy(), 4 * se, "bin " + b + " of " + curve);
            judged++;
        }
        assertTrue(judged >= 2, "at least two bins judged: " + sq.reliability());
        return sq;
    }

    @Test
    void rateLimitedRequestsWaitForRetryAfterAndSucceed() throws Exception {
        List<Question> qs = shipped().subList(0, 6);
        AtomicInteger calls = new AtomicInteger();
        FakePacer pacer = new FakePacer();
        Path out = dir.resolve("rl.jsonl");
        try (Emulator model = answering(LOCAL, 3, qs); ReplayServer server = ReplayServer.start(req -> calls.incrementAndGet() <= 2
                ? ReplayServer.Reply.of(429, "application/json", "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}")
                .header("Retry-After", "3")
                : forward(model, req))) {
            CollectSummary s = collector(pacer).run(request(qs,
                    TargetSpec.parse("api=openai,url=" + server.uri() + ",model=small-local,concurrency=1", "local"), List.of(), null, out));
            assertEquals(6, s.rows());
            assertEquals(0, s.failedCount());
            assertEquals(8, server.requests().size());
        }
        assertEquals(List.of(3000L, 3000L), pacer.sleeps);
    }

    @Test
    void nonRetryableFailuresLeaveTheQuestionForTheNextRun() throws Exception {
        List<Question> qs = shipped().subList(0, 4);
        Path out = dir.resolve("fail.jsonl");
        String failing = PromptSet.V1.render(qs.get(2));
        try (Emulator model = answering(LOCAL, 3, qs);
             ReplayServer server = ReplayServer.start(req -> req.body().contains(Json.MAPPER.valueToTree(failing).toString().replaceAll("^\"|\"$", ""))
                     ? ReplayServer.Reply.of(500, "application/json", "{\"error\":{\"message\":\"boom\"}}")
                     : forward(model, req))) {
            CollectSummary s = collector(new FakePacer()).run(request(qs,
                    TargetSpec.parse("api=openai,url=" + server.uri() + ",model=small-local", "local"), List.of(), null, out));
            assertEquals(3, s.rows());
            assertEquals(1, s.failedCount());
            assertTrue(s.failed().keySet().iterator().next().contains("HTTP_STATUS (HTTP 500)"), s.failed().toString());
        }
    }

    @Test
    void interruptedRunResumesWithoutLosingOrRepeatingRows() throws Exception {
        List<Question> qs = shipped().subList(0, 40);
        try (Emulator model = answering(LOCAL, 4, qs)) {
            Path out = dir.resolve("resume.jsonl");
            int served = 12;
            AtomicInteger calls = new AtomicInteger();
            Set<String> firstRunIds;
            try (ReplayServer stalling = ReplayServer.start(req -> calls.incrementAndGet() <= served ? forward(model, req) : ReplayServer.Reply.silence())) {
                CollectRequest req = request(qs, TargetSpec.parse("api=openai,url=" + stalling.uri() + ",model=small-local,concurrency=4", "local"), List.of(), null, out);
                Thread run = Thread.ofPlatform().start(() -> {
                    try {
                        collector(Pacer.SYSTEM).run(req);
                    } catch (InterruptedException expected) {
                        // the "kill"
                    }
                });
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (lines(out) < served && System.nanoTime() < deadline) Thread.sleep(10);
                run.interrupt();
                run.join(30_000);
                assertFalse(run.isAlive(), "collector did not stop on interrupt");
            }
            firstRunIds = ids(out);
            assertEquals(served, firstRunIds.size());
            // A kill in the middle of a write leaves a torn last line.
            Files.writeString(out, "{\"id\":\"arithmetic-1-0", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

            List<String> askedAgain = new CopyOnWriteArrayList<>();
            Map<String, String> idByPrompt = new HashMap<>();
            qs.forEach(q -> idByPrompt.put(PromptSet.V1.render(q), q.id()));
            try (ReplayServer good = ReplayServer.start(req -> {
                try {
                    askedAgain.add(idByPrompt.get(Json.MAPPER.readTree(req.body()).path("messages").path(0).path("content").asText()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                return forward(model, req);
            })) {
                CollectSummary s = collector(Pacer.SYSTEM).run(request(qs,
                        TargetSpec.parse("api=openai,url=" + good.uri() + ",model=small-local,concurrency=4", "local"), List.of(), null, out));
                assertEquals(served, s.resumedRows());
                assertEquals(40 - served, s.newRows());
            }
            Set<String> expectedAgain = new HashSet<>();
            qs.forEach(q -> expectedAgain.add(q.id()));
            expectedAgain.removeAll(firstRunIds);
            assertEquals(expectedAgain, new HashSet<>(askedAgain));
            assertEquals(askedAgain.size(), new HashSet<>(askedAgain).size());
            List<String> all = new ArrayList<>();
            for (String line : Files.readAllLines(out)) all.add(Json.MAPPER.readTree(line).get("id").asText());
            assertEquals(40, all.size());
            assertEquals(40, new HashSet<>(all).size());
        }
    }

    @Test
    void resumingWithOtherSettingsIsRefused() throws Exception {
        List<Question> qs = shipped().subList(0, 3);
        Path out = dir.resolve("s.jsonl");
        try (Emulator model = answering(LOCAL, 5, qs)) {
            collector(Pacer.SYSTEM).run(request(qs, TargetSpec.parse("api=openai,url=" + model.baseUrl() + ",model=small-local", "local"), List.of(), null, out));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> collector(Pacer.SYSTEM).run(request(qs,
                    TargetSpec.parse("api=openai,url=" + model.baseUrl() + ",model=small-local,temperature=0.5", "local"), List.of(), null, out)));
            assertTrue(e.getMessage().contains("other settings"), e.getMessage());
        }
    }

    private static int lines(Path f) throws IOException {
        if (!Files.exists(f)) return 0;
        return (int) Files.readString(f).chars().filter(ch -> ch == '\n').count();
    }

    private static Set<String> ids(Path f) throws IOException {
        Set<String> ids = new HashSet<>();
        for (String line : Files.readAllLines(f)) if (!line.isBlank()) ids.add(Json.MAPPER.readTree(line).get("id").asText());
        return ids;
    }

    /** The emulator logs an answer once its last byte is written, which can follow the client's read by a moment. */
    private static List<AnswerRecord> answers(Emulator e, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (e.truth().answers().size() < expected && System.nanoTime() < deadline) Thread.sleep(10);
        return e.truth().answers();
    }
}

package io.hybench.calibrate.collect;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.bench.results.Json;
import io.hybench.bench.testing.ReplayServer;
import io.hybench.calibrate.collect.grade.NumericTolerance;
import io.hybench.calibrate.collect.grade.TextGrader;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** collect over real loopback HTTP against test answer models, then the calibrator's loader on its output. */
class CollectorTest {
    static final Path SHIPPED = Path.of("../datasets/synthetic-v1.jsonl");
    static final Path SHIPPED_MAPPING = Path.of("../datasets/synthetic-v1.mapping.yaml");

    @TempDir
    Path dir;

    static List<Question> shipped() {
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
        return new CollectRequest(qs, List.of(SHIPPED), local, clouds, PromptSet.V1, NumericTolerance.EXACT, TextGrader.Mode.EXACT, null, prices, out);
    }

    static Collector collector(Pacer pacer) {
        return new Collector(Collector.Clients.FROM_ENVIRONMENT, pacer, RetryPolicy.DEFAULT, null);
    }

    @Test
    void collectThenCalibrateRecoversTheConfiguredModels() throws Exception {
        List<Question> qs = shipped();
        AnswerModel small = new AnswerModel("small", 1, 0.95, 0.12, 0.1, c -> c * c, qs);   // over-confident
        AnswerModel big = new AnswerModel("big", 2, 0.99, 0.05, 0.04, c -> c, qs);          // calibrated
        PriceFile prices = new PriceFile(LocalDate.of(2025, 1, 1), "USD", Map.of("big", new ModelPrice(1.0, 4.0, "test list")));
        Path out = dir.resolve("labeled.jsonl");
        CollectSummary summary;
        try (ReplayServer local = ReplayServer.start(small::reply); ReplayServer cloud = ReplayServer.start(big::reply)) {
            summary = collector(Pacer.SYSTEM).run(request(qs,
                    TargetSpec.parse("api=openai,url=" + local.uri() + ",model=small,top-logprobs=7,samples=3,concurrency=8", "local"),
                    List.of(TargetSpec.parse("api=openai,url=" + cloud.uri() + ",model=big,concurrency=8", "cloud")), prices, out));
        }
        assertEquals(300, summary.rows());
        assertEquals(0, summary.failedCount());

        // Every row carries exactly what the model was configured to produce.
        Map<String, Question> byId = new HashMap<>();
        qs.forEach(q -> byId.put(q.id(), q));
        for (String line : Files.readAllLines(out)) {
            JsonNode r = Json.MAPPER.readTree(line);
            Question q = byId.get(r.get("id").asText());
            double c = small.confidence(q);
            assertEquals(small.correct(q, -1), r.get("local_correct").asBoolean(), q.id());
            assertEquals(big.correct(q, -1), r.get("cloud_correct").asBoolean(), q.id());
            assertFalse(r.get("local_unparseable").asBoolean(), q.id());
            assertEquals(c, r.get("local_verbalised").asDouble(), 1e-9, q.id());
            assertEquals(Math.log(c), r.get("local_mean_logprob").asDouble(), 1e-9, q.id());
            if (q.kind() == QuestionKind.MULTIPLE_CHOICE) {
                assertEquals(c, r.get("local_p_choice").asDouble(), 1e-9, q.id()); // all 7 options listed: renormalised = c
            } else {
                assertEquals("not a multiple-choice question", r.get("local_missing_signals").get("p_choice").asText());
            }
            if (q.kind() != QuestionKind.MULTIPLE_CHOICE) {
                // Every wrong numeric/text sample is gold+1, so the majority is the larger of right and wrong.
                long right = java.util.stream.LongStream.range(0, 3).filter(sample -> small.correct(q, sample)).count();
                assertEquals(Math.max(right, 3 - right) / 3.0, r.get("local_consistency").asDouble(), 1e-9, q.id());
            }
        }

        // The mapping written beside the output loads in the calibrator, with the complete signals as scores.
        Path mappingFile = dir.resolve("labeled.mapping.yaml");
        ColumnMapping mapping = ColumnMapping.read(mappingFile);
        assertEquals(List.of("local_mean_logprob", "local_min_logprob", "local_consistency", "local_verbalised"), mapping.scores());
        assertTrue(summary.omittedScores().get("local_p_choice").startsWith("present in 60 of 300 rows"));
        LabeledDataset data = DatasetLoader.load(List.of(out), mapping, null);
        assertEquals(300, data.rows().size());

        // Accuracy: the collected accuracy equals the models' configured expectation within sampling error.
        checkAccuracy(data, qs, small, true);
        checkAccuracy(data, qs, big, false);

        // Calibration curve: the calibrator's reliability bins of the verbalised score follow reliability(c).
        int verbal = mapping.scores().indexOf("local_verbalised");
        double[] score = data.rows().stream().mapToDouble(r -> r.scores()[verbal]).toArray();
        double[] quality = data.rows().stream().mapToDouble(r -> r.local().quality()).toArray();
        ScoreQuality sq = ScoreQuality.of(score, quality, 5);
        for (ScoreQuality.Bin b : sq.reliability()) {
            if (b.count() < 20) continue;
            double expected = small.reliability.applyAsDouble(b.meanScore()); // c^2 is convex: mean of c^2 >= (mean c)^2
            double se = Math.sqrt(expected * (1 - expected) / b.count());
            assertTrue(Math.abs(b.localAccuracy() - expected) < 4 * se + 0.03, "bin " + b + " expected " + expected);
        }
        // Over-confidence is visible: in the top bin, the local model is right less often than it says.
        ScoreQuality.Bin top = sq.reliability().get(sq.reliability().size() - 1);
        assertTrue(top.localAccuracy() < top.meanScore(), top.toString());

        // Costs: the cloud side is priced from its token counts; the local model has no price.
        SideSummary cloud = summary.sides().get(1);
        assertEquals(new ModelPrice(1.0, 4.0, "x").costUsd(cloud.inputTokens(), cloud.outputTokens()), cloud.costUsd(), 1e-12);
        assertEquals(null, summary.sides().get(0).costUsd());
        assertEquals(cloud.costUsd(), data.rows().stream().mapToDouble(r -> r.cloud().costUsd()).sum(), 1e-9);
    }

    private static void checkAccuracy(LabeledDataset data, List<Question> qs, AnswerModel m, boolean local) {
        double expected = qs.stream().mapToDouble(q -> m.reliability.applyAsDouble(m.confidence(q))).average().orElseThrow();
        double observed = data.rows().stream().mapToDouble(r -> (local ? r.local() : r.cloud()).quality()).average().orElseThrow();
        double se = Math.sqrt(expected * (1 - expected) / qs.size());
        assertTrue(Math.abs(observed - expected) < 4 * se, m.name + ": observed " + observed + " expected " + expected);
    }

    @Test
    void rateLimitedRequestsWaitForRetryAfterAndSucceed() throws Exception {
        List<Question> qs = shipped().subList(0, 6);
        AnswerModel model = new AnswerModel("m", 3, 0.9, 0.1, 0.05, c -> c, qs);
        AtomicInteger calls = new AtomicInteger();
        FakePacer pacer = new FakePacer();
        Path out = dir.resolve("rl.jsonl");
        try (ReplayServer server = ReplayServer.start(req -> calls.incrementAndGet() <= 2
                ? ReplayServer.Reply.of(429, "application/json", "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}")
                .header("Retry-After", "3")
                : model.reply(req))) {
            CollectSummary s = collector(pacer).run(request(qs,
                    TargetSpec.parse("api=openai,url=" + server.uri() + ",model=m,concurrency=1", "local"), List.of(), null, out));
            assertEquals(6, s.rows());
            assertEquals(0, s.failedCount());
            assertEquals(8, server.requests().size());
        }
        assertEquals(List.of(3000L, 3000L), pacer.sleeps);
    }

    @Test
    void nonRetryableFailuresLeaveTheQuestionForTheNextRun() throws Exception {
        List<Question> qs = shipped().subList(0, 4);
        AnswerModel model = new AnswerModel("m", 3, 0.9, 0.1, 0.05, c -> c, qs);
        Path out = dir.resolve("fail.jsonl");
        String failing = PromptSet.V1.render(qs.get(2));
        try (ReplayServer server = ReplayServer.start(req -> req.body().contains(Json.MAPPER.valueToTree(failing).toString().replaceAll("^\"|\"$", ""))
                ? ReplayServer.Reply.of(500, "application/json", "{\"error\":{\"message\":\"boom\"}}")
                : model.reply(req))) {
            CollectSummary s = collector(new FakePacer()).run(request(qs,
                    TargetSpec.parse("api=openai,url=" + server.uri() + ",model=m", "local"), List.of(), null, out));
            assertEquals(3, s.rows());
            assertEquals(1, s.failedCount());
            assertTrue(s.failed().keySet().iterator().next().contains("HTTP_STATUS (HTTP 500)"), s.failed().toString());
        }
    }

    @Test
    void interruptedRunResumesWithoutLosingOrRepeatingRows() throws Exception {
        List<Question> qs = shipped().subList(0, 40);
        AnswerModel model = new AnswerModel("m", 4, 0.9, 0.1, 0.05, c -> c, qs);
        Path out = dir.resolve("resume.jsonl");
        int served = 12;
        AtomicInteger calls = new AtomicInteger();
        Set<String> firstRunIds;
        try (ReplayServer stalling = ReplayServer.start(req -> calls.incrementAndGet() <= served ? model.reply(req) : ReplayServer.Reply.silence())) {
            CollectRequest req = request(qs, TargetSpec.parse("api=openai,url=" + stalling.uri() + ",model=m,concurrency=4", "local"), List.of(), null, out);
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
            return model.reply(req);
        })) {
            CollectSummary s = collector(Pacer.SYSTEM).run(request(qs,
                    TargetSpec.parse("api=openai,url=" + good.uri() + ",model=m,concurrency=4", "local"), List.of(), null, out));
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

    @Test
    void resumingWithOtherSettingsIsRefused() throws Exception {
        List<Question> qs = shipped().subList(0, 3);
        AnswerModel model = new AnswerModel("m", 5, 0.9, 0.1, 0.05, c -> c, qs);
        Path out = dir.resolve("s.jsonl");
        try (ReplayServer server = ReplayServer.start(model::reply)) {
            collector(Pacer.SYSTEM).run(request(qs, TargetSpec.parse("api=openai,url=" + server.uri() + ",model=m", "local"), List.of(), null, out));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> collector(Pacer.SYSTEM).run(request(qs,
                    TargetSpec.parse("api=openai,url=" + server.uri() + ",model=m,temperature=0.5", "local"), List.of(), null, out)));
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
}

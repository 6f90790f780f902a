package io.hybench.calibrate.route;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.Target;
import io.hybench.emulator.Emulator;
import io.hybench.emulator.profile.EmulatorProfile;
import io.hybench.emulator.profile.ProfileLoader;
import io.hybench.emulator.truth.TruthLog;
import io.hybench.core.mapper.Json;
import io.hybench.calibrate.Calibration;
import io.hybench.calibrate.CalibrationRequest;
import io.hybench.calibrate.CalibrationRequest.Statistics;
import io.hybench.calibrate.CalibrationRequest.Sweep;
import io.hybench.calibrate.CalibrationRequest.Validation;
import io.hybench.calibrate.CalibrationResult;
import io.hybench.calibrate.collect.CollectorTest;
import io.hybench.calibrate.collect.emulate.AnsweringEmulator;
import io.hybench.calibrate.collect.prompts.PromptSet;
import io.hybench.calibrate.collect.questions.Question;
import io.hybench.calibrate.collect.questions.QuestionLoader;
import io.hybench.calibrate.collect.questions.QuestionMapping;
import io.hybench.calibrate.collect.run.CollectRequest;
import io.hybench.calibrate.collect.run.Collector;
import io.hybench.calibrate.collect.run.Pacer;
import io.hybench.calibrate.collect.run.RetryPolicy;
import io.hybench.calibrate.collect.run.TargetSpec;
import io.hybench.calibrate.cost.ModelPrice;
import io.hybench.calibrate.cost.PriceFile;
import io.hybench.calibrate.data.ColumnMapping;
import io.hybench.calibrate.data.DatasetLoader;
import io.hybench.calibrate.data.LabeledDataset;
import io.hybench.calibrate.export.RouterSpec;
import io.hybench.calibrate.fit.Interval;
import io.hybench.calibrate.fit.Objective;
import io.hybench.calibrate.fit.Recalibration;
import io.hybench.calibrate.policy.Policy;
import io.hybench.calibrate.policy.PolicyKind;
import io.hybench.calibrate.router.SpillOver;
import org.junit.jupiter.api.AfterAll;
import io.hybench.core.testing.OfficialSdks;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * hybench route over real loopback HTTP against emulated local (vLLM-like, OpenAI protocol) and cloud
 * (Anthropic protocol) deployments that answer the shipped question set: collect and calibrate first,
 * then every question through the router.
 */
class HybridRouteServerTest {
    static final Path QUESTIONS = Path.of("../datasets/synthetic-v1.jsonl");
    static final long LOCAL_SEED = 11, CLOUD_SEED = 12;

    /** Over-confident local model, P(correct | c) = c^2, under a vLLM-like engine with {@code stepMs} decode steps. */
    static EmulatorProfile localProfile(String name, double stepMs) {
        return ProfileLoader.parse(String.format(java.util.Locale.ROOT, """
                name: %s
                model: small-local
                output: {eos_median_tokens: 12, eos_sigma: 0.3, context_tokens: 8192}
                engine: {kind: vllm, max_num_seqs: 64, max_num_batched_tokens: 8192, kv_cache_tokens: 500000,
                         step_base_ms: %s, step_per_token_ms: 0.001, step_per_context_token_ns: 1}
                answers:
                  confidence: {base: 0.95, slope: 0.12, spread: 0.1}
                  reliability: {curve: power, exponent: 2}
                  working: {median_tokens: 6, sigma: 0.3}
                """, name, stepMs), name);
    }

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static List<Question> questions;
    static Emulator local, cloud;
    static Target localTarget, cloudTarget;
    static RouterSpec spec;
    static CalibrationResult.OperatingPoint chosen;
    static Map<String, Double> collectedConfidence = new HashMap<>();

    @TempDir
    static Path dir;

    @BeforeAll
    static void collectAndCalibrate() throws Exception {
        questions = QuestionLoader.load(List.of(QUESTIONS), QuestionMapping.read(Path.of("../datasets/synthetic-v1.mapping.yaml")));
        local = AnsweringEmulator.start(localProfile("route-local", 0.2), 0, LOCAL_SEED, TruthLog.inMemory(), questions);
        cloud = AnsweringEmulator.start(CollectorTest.CLOUD, 0, CLOUD_SEED, TruthLog.inMemory(), questions);
        localTarget = new Target("local", ApiKind.OPENAI, ServerFlavor.VLLM, local.baseUrl(), "small-local", null, "route-local");
        cloudTarget = new Target("cloud", ApiKind.ANTHROPIC, ServerFlavor.ANTHROPIC, cloud.baseUrl(), "big-cloud", null, "test-cloud");
        Path out = dir.resolve("labeled.jsonl");
        new Collector(Collector.Clients.FROM_ENVIRONMENT, Pacer.SYSTEM, RetryPolicy.DEFAULT, null).run(new CollectRequest(questions,
                List.of(QUESTIONS),
                TargetSpec.parse("name=local,api=openai,flavor=vllm,url=" + local.baseUrl() + ",model=small-local,concurrency=8"
                        + ",emulator-profile=route-local", "local"),
                List.of(TargetSpec.parse("name=cloud,api=anthropic,url=" + cloud.baseUrl() + ",model=big-cloud,concurrency=8"
                        + ",emulator-profile=test-cloud", "cloud")),
                PromptSet.V1, CollectRequest.GradingSettings.EXACT, null, out));
        LabeledDataset data = DatasetLoader.load(List.of(out), ColumnMapping.read(dir.resolve("labeled.mapping.yaml")), null);
        // as the demo calibrates: recover 80% of the local-to-cloud gap, 30% held out
        CalibrationResult r = Calibration.run(new CalibrationRequest(data, null, Sweep.of(PolicyKind.CASCADE, "local_mean_logprob", null),
                List.of(new Objective.MinPgr(0.8)), new Validation(0.3, 0), new Statistics(42, 1000, 0.95, 0.05), LocalDate.of(2026, 1, 1)));
        chosen = r.operatingPoints().get(0);
        spec = RouterSpec.of(r, chosen);
        for (String line : Files.readAllLines(out)) {
            JsonNode row = Json.MAPPER.readTree(line);
            collectedConfidence.put(row.get("id").asText(), row.get("local_mean_logprob").asDouble());
        }
    }

    @AfterAll
    static void stop() {
        local.close();
        cloud.close();
    }

    static HybridRouteServer route(Target l, Target c, SpillOver spill) {
        PriceFile prices = new PriceFile(LocalDate.of(2026, 1, 1), "USD", Map.of("big-cloud", new ModelPrice(1.0, 4.0, "test list")));
        return HybridRouteServer.start(new HybridRouteServer.Config(spec, l, c, spill, prices), 0);
    }

    static String chat(String prompt, boolean stream) throws IOException {
        var body = Json.MAPPER.createObjectNode();
        body.put("model", "hybrid").put("stream", stream);
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        if (stream) body.putObject("stream_options").put("include_usage", true);
        return Json.MAPPER.writeValueAsString(body);
    }

    static HttpResponse<String> post(HybridRouteServer s, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(s.baseUrl().resolve("/v1/chat/completions")).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String get(HybridRouteServer s, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(s.baseUrl().resolve(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The text of a non-streamed answer, or the concatenated deltas of a streamed one (which must end in [DONE]). */
    static String content(HttpResponse<String> r) throws IOException {
        if (!r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream")) {
            return Json.MAPPER.readTree(r.body()).at("/choices/0/message/content").asText();
        }
        StringBuilder text = new StringBuilder();
        List<String> events = new ArrayList<>();
        for (String line : r.body().split("\n")) if (line.startsWith("data: ")) events.add(line.substring(6));
        assertEquals("[DONE]", events.getLast(), "a finished stream ends in [DONE]");
        for (String e : events.subList(0, events.size() - 1)) {
            JsonNode chunk = Json.MAPPER.readTree(e);
            assertEquals("chat.completion.chunk", chunk.get("object").asText());
            JsonNode delta = chunk.at("/choices/0/delta/content");
            if (delta.isTextual()) text.append(delta.asText());
        }
        JsonNode usage = Json.MAPPER.readTree(events.get(events.size() - 2)).get("usage");
        assertTrue(usage.get("completion_tokens").asInt() > 0, "include_usage: the last chunk before [DONE] carries usage");
        return text.toString();
    }

    /**
     * Every question through the router: each decision is the spec's threshold applied to the confidence
     * collect recorded for that question (same arithmetic, bit for bit), and the escalated share is what
     * calibrate predicted for the spec, within its bootstrap interval.
     */
    @Test
    void theCalibrationRecordsWhichCollectTargetsTheEmulatorServed() {
        assertEquals(Map.of("local", "route-local", "cloud", "test-cloud"), spec.provenance().emulated(),
                "from the collect provenance beside the labeled rows");
    }

    @Test
    void theEscalatedShareOverTheQuestionSetIsWhatCalibratePredicted() throws Exception {
        double threshold = ((Policy.Cascade) spec.routing().policy()).escalateBelow();
        Map<String, String> routes = new ConcurrentHashMap<>();
        try (HybridRouteServer s = route(localTarget, cloudTarget, null); ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (Question q : questions) {
                done.add(pool.submit(() -> {
                    HttpResponse<String> r = post(s, chat(PromptSet.V1.render(q), false));
                    assertEquals(200, r.statusCode(), r.body());
                    routes.put(q.id(), r.headers().firstValue("x-hybench-route").orElseThrow());
                    double confidence = Double.parseDouble(r.headers().firstValue("x-hybench-confidence").orElseThrow());
                    assertEquals(collectedConfidence.get(q.id()), confidence, q.id() + ": the router's confidence is collect's mean_logprob");
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
            String metrics = get(s, "/metrics");
            long escalated = routes.values().stream().filter("escalated"::equals).count();
            assertTrue(metrics.contains("hybench_route_requests_total{route=\"escalated\"} " + escalated), metrics);
            assertTrue(metrics.contains("hybench_route_decision_seconds_count " + questions.size()), metrics);
            assertTrue(metrics.contains("hybench_route_cost_usd_total{side=\"cloud\"}"), metrics);
        }
        for (Question q : questions) {
            String expected = collectedConfidence.get(q.id()) < threshold ? "escalated" : "local";
            assertEquals(expected, routes.get(q.id()), q.id());
        }
        double escalatedShare = routes.values().stream().filter("escalated"::equals).count() / (double) questions.size();
        Interval local = chosen.bootstrap().shareLocal();
        assertTrue(escalatedShare >= 1 - local.upper() && escalatedShare <= 1 - local.lower(),
                "escalated share " + escalatedShare + " outside calibrate's interval [" + (1 - local.upper()) + ", " + (1 - local.lower()) + "]");
        assertTrue(escalatedShare > 0 && escalatedShare < 1, "the demo's spec both keeps and escalates: " + escalatedShare);
    }

    /** A kept answer streams the local text; an escalated one streams the cloud's; both end as OpenAI streams do. */
    @Test
    void streamingAndNonStreamingAnswersAgreeAndSayTheirRoute() throws Exception {
        double threshold = ((Policy.Cascade) spec.routing().policy()).escalateBelow();
        Question kept = questions.stream().filter(q -> collectedConfidence.get(q.id()) >= threshold).findFirst().orElseThrow();
        Question escalated = questions.stream().filter(q -> collectedConfidence.get(q.id()) < threshold).findFirst().orElseThrow();
        try (HybridRouteServer s = route(localTarget, cloudTarget, null)) {
            for (Question q : List.of(kept, escalated)) {
                HttpResponse<String> whole = post(s, chat(PromptSet.V1.render(q), false));
                HttpResponse<String> streamed = post(s, chat(PromptSet.V1.render(q), true));
                String route = q == kept ? "local" : "escalated";
                assertEquals(route, whole.headers().firstValue("x-hybench-route").orElseThrow());
                assertEquals(route, streamed.headers().firstValue("x-hybench-route").orElseThrow());
                assertTrue(Double.parseDouble(streamed.headers().firstValue("x-hybench-decision-us").orElseThrow()) >= 0);
                if (q == escalated) {
                    // relayed part by part as the cloud sends them, not as one piece at the end
                    assertTrue(streamed.body().split("\"content\":\"").length > 3, streamed.body());
                }
                // the emulator draws each answer anew; both are whole answers in the format collect asks for
                for (HttpResponse<String> r : List.of(whole, streamed)) {
                    assertTrue(content(r).matches("(?s)(.*\\n)?Answer: [^\\n]+\\nConfidence: \\d+"), content(r));
                }
            }
            assertTrue(get(s, "/v1/models").contains("\"id\":\"hybrid\""));
            assertTrue(get(s, "/health").contains("\"status\":\"ok\""));
        }
    }

    @Test
    void aBadRequestGetsAnOpenAiShaped400() throws Exception {
        try (HybridRouteServer s = route(localTarget, cloudTarget, null)) {
            HttpResponse<String> r = post(s, "{\"model\":\"hybrid\",\"messages\":[]}");
            assertEquals(400, r.statusCode());
            JsonNode e = Json.MAPPER.readTree(r.body()).get("error");
            assertEquals("invalid_request_error", e.get("type").asText());
            assertEquals("messages", e.get("param").asText());
            assertTrue(e.get("message").asText().contains("non-empty array"), r.body());
            assertTrue(e.has("code"));
            assertEquals(400, post(s, "not json").statusCode());
            assertTrue(get(s, "/metrics").contains("hybench_route_bad_requests_total 2"));
        }
    }

    @Test
    void localDownFallsBackToTheCloudAndCloudDownKeepsTheLocalAnswer() throws Exception {
        Target deadLocal = new Target("local", ApiKind.OPENAI, ServerFlavor.VLLM, closedPort(), "small-local", null);
        Target deadCloud = new Target("cloud", ApiKind.ANTHROPIC, ServerFlavor.ANTHROPIC, closedPort(), "big-cloud", null);
        double threshold = ((Policy.Cascade) spec.routing().policy()).escalateBelow();
        Question escalated = questions.stream().filter(q -> collectedConfidence.get(q.id()) < threshold).findFirst().orElseThrow();
        try (HybridRouteServer s = route(deadLocal, cloudTarget, null)) {
            HttpResponse<String> r = post(s, chat(PromptSet.V1.render(escalated), true));
            assertEquals("fallback", r.headers().firstValue("x-hybench-route").orElseThrow());
            assertEquals("NaN", r.headers().firstValue("x-hybench-confidence").orElseThrow());
            assertTrue(content(r).contains("Answer:"));
        }
        try (HybridRouteServer s = route(localTarget, deadCloud, null)) {
            for (boolean stream : new boolean[]{false, true}) {
                HttpResponse<String> r = post(s, chat(PromptSet.V1.render(escalated), stream));
                assertEquals(200, r.statusCode(), r.body());
                assertEquals("local-degraded", r.headers().firstValue("x-hybench-route").orElseThrow());
                assertEquals(collectedConfidence.get(escalated.id()), Double.parseDouble(r.headers().firstValue("x-hybench-confidence").orElseThrow()));
                assertTrue(content(r).contains("Answer:"));
            }
        }
        try (HybridRouteServer s = route(deadLocal, deadCloud, null)) {
            HttpResponse<String> r = post(s, chat(PromptSet.V1.render(escalated), false));
            assertEquals(502, r.statusCode());
            assertTrue(Json.MAPPER.readTree(r.body()).at("/error/message").asText().startsWith("local failed and the cloud failed"), r.body());
            assertTrue(get(s, "/metrics").contains("hybench_route_unanswered_total 1"));
        }
    }

    /** A local request in flight at a limit of one: the next one spills to the cloud, counted apart from escalations. */
    @Test
    void aLocalSideAtItsLimitSpillsToTheCloud() throws Exception {
        try (Emulator slowLocal = AnsweringEmulator.start(localProfile("route-slow-local", 100), 0, LOCAL_SEED, TruthLog.inMemory(), questions);
             HybridRouteServer s = route(new Target("local", ApiKind.OPENAI, ServerFlavor.VLLM, slowLocal.baseUrl(), "small-local", null),
                     cloudTarget, new SpillOver(1, 0));
             ExecutorService pool = Executors.newSingleThreadExecutor()) {
            Future<HttpResponse<String>> first = pool.submit(() -> post(s, chat(PromptSet.V1.render(questions.get(0)), false)));
            while (!get(s, "/metrics").contains("hybench_route_in_flight{side=\"local\"} 1")) Thread.sleep(5);
            HttpResponse<String> second = post(s, chat(PromptSet.V1.render(questions.get(1)), false));
            assertEquals("spilled", second.headers().firstValue("x-hybench-route").orElseThrow());
            assertEquals("NaN", second.headers().firstValue("x-hybench-confidence").orElseThrow());
            assertNotNull(first.get().headers().firstValue("x-hybench-route").orElseThrow());
            assertFalse(first.get().headers().firstValue("x-hybench-route").orElseThrow().equals("spilled"));
            assertEquals(1, s.answered(RouteTaken.SPILLED));
            assertTrue(get(s, "/metrics").contains("hybench_route_requests_total{route=\"spilled\"} 1"));
        }
    }

    @Test
    void specsThatCannotBeAppliedLiveAreRefusedWithTheReason() {
        var models = new CalibrationResult.Provenance.Models("a", "b");
        var preRoute = RouterSpec.of(RouterSpec.Routing.of(new Policy.PreRoute(0, 0.3), List.of("strong_win_rate"), spec.routing().scoreSense(), Map.of()), models);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HybridRouteServer.requireLive(preRoute)).getMessage()
                .contains("pre-generation score 'strong_win_rate'"));
        var verbal = RouterSpec.of(RouterSpec.Routing.of(new Policy.Cascade(0, 0.5), List.of("local_verbalised"), spec.routing().scoreSense(), Map.of()), models);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HybridRouteServer.requireLive(verbal)).getMessage()
                .contains("'local_verbalised' cannot be computed live"));
    }

    /** The official openai JavaScript SDK (pinned in scripts/sdk-check/package-lock.json) through the router, streaming and not. */
    @Test
    void theOfficialOpenAiJavaScriptSdkTalksToTheRouter() throws Exception {
        Assumptions.assumeTrue(OfficialSdks.runs("node", "--version"), "node is not on PATH: the SDK check needs Node >= 20");
        Assumptions.assumeTrue(OfficialSdks.runs("npm", "--version"), "npm is not on PATH: the SDK check installs the SDK with npm");
        OfficialSdks.installNodeSdks();
        sdkCheck(new ProcessBuilder("node", "route-check.mjs"));
    }

    /** The official openai Python SDK through the router, installed into a virtual environment from the pip index. */
    @Test
    void theOfficialOpenAiPythonSdkTalksToTheRouter() throws Exception {
        Path python = OfficialSdks.pythonWithOpenAi(Path.of("target", "openai-venv").toAbsolutePath()); // kept between runs
        sdkCheck(new ProcessBuilder(python.toString(), "route_check.py"));
    }

    private void sdkCheck(ProcessBuilder check) throws Exception {
        double threshold = ((Policy.Cascade) spec.routing().policy()).escalateBelow();
        Question kept = questions.stream().filter(q -> collectedConfidence.get(q.id()) >= threshold).findFirst().orElseThrow();
        Question escalated = questions.stream().filter(q -> collectedConfidence.get(q.id()) < threshold).findFirst().orElseThrow();
        try (HybridRouteServer s = route(localTarget, cloudTarget, null)) {
            check.directory(OfficialSdks.DIR.toFile()).redirectErrorStream(true);
            check.environment().put("SDK_ROUTE_URL", s.baseUrl().toString());
            check.environment().put("SDK_ROUTE_KEPT_PROMPT", PromptSet.V1.render(kept));
            check.environment().put("SDK_ROUTE_ESCALATED_PROMPT", PromptSet.V1.render(escalated));
            OfficialSdks.Result r = OfficialSdks.run(check, 120);
            assertEquals(0, r.exit(), String.join(" ", check.command()) + " failed:\n" + r.output());
            assertTrue(r.output().contains("all passed"), r.output());
        }
    }

    static URI closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
    }
}

package io.hybench.calibrate.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.Target;
import io.hybench.core.mapper.Json;
import io.hybench.calibrate.export.RouterSpec;
import io.hybench.calibrate.router.RouterDecisionTableTest;
import io.hybench.calibrate.router.SpillOver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared decision table (calibrate/src/test/resources/router/decision-cases.json) through hybench
 * route: each case's logprobs come back from an OpenAI-compatible upstream over loopback as the local
 * answer "Answer: ..." whose answer tokens carry them, and the route header must be the table's decision
 * (a case without confidence is answered by the cloud as a fallback). Specs the router cannot apply live
 * (pre-route, two-stage) must be refused; spill cases run through the router's admission gate.
 */
class RouteDecisionTableTest {
    static HttpServer upstream;
    static final Map<String, double[]> ANSWERS = new ConcurrentHashMap<>();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A minimal OpenAI-compatible server: streams "Answer:" then one token per logprob the prompt's case gives. */
    @BeforeAll
    static void startUpstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        upstream.createContext("/v1/chat/completions", ex -> {
            try (ex) {
                JsonNode req = Json.MAPPER.readTree(ex.getRequestBody());
                double[] lps = ANSWERS.getOrDefault(req.at("/messages/0/content").asText(), new double[]{-0.01});
                boolean logprobs = req.path("logprobs").asBoolean(false);
                ex.getResponseHeaders().set("content-type", "text/event-stream");
                ex.sendResponseHeaders(200, 0);
                OutputStream out = ex.getResponseBody();
                List<String> tokens = new ArrayList<>(List.of("Answer", ":"));
                List<Double> values = new ArrayList<>(List.of(-0.0001, -0.0001));
                for (int i = 0; i < lps.length; i++) {
                    tokens.add(" t" + i);
                    values.add(lps[i]);
                }
                if (lps.length == 0) {
                    tokens.add(" x"); // an answer without logprobs: the server returns none
                    values.add(null);
                }
                for (int i = 0; i < tokens.size(); i++) {
                    ObjectNode chunk = Json.MAPPER.createObjectNode();
                    ObjectNode choice = chunk.put("id", "u").put("object", "chat.completion.chunk").putArray("choices").addObject();
                    choice.put("index", 0).putObject("delta").put("content", tokens.get(i));
                    if (logprobs && values.get(i) != null) {
                        choice.putObject("logprobs").putArray("content").addObject().put("token", tokens.get(i))
                                .put("logprob", values.get(i)).putArray("top_logprobs");
                    }
                    out.write(("data: " + Json.MAPPER.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
                }
                out.write(("data: {\"id\":\"u\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                        + "data: {\"id\":\"u\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":"
                        + tokens.size() + ",\"total_tokens\":" + (5 + tokens.size()) + "}}\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            }
        });
        upstream.start();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.stop(0);
    }

    static Target side(String name) {
        URI url = URI.create("http://127.0.0.1:" + upstream.getAddress().getPort());
        return new Target(name, ApiKind.OPENAI, ServerFlavor.GENERIC, url, name + "-model", null);
    }

    static String route(RouterSpec spec, String prompt) throws Exception {
        try (HybridRouteServer s = HybridRouteServer.start(new HybridRouteServer.Config(spec, side("local"), side("cloud"), null, null), 0)) {
            ObjectNode body = Json.MAPPER.createObjectNode().put("model", "hybrid");
            body.putArray("messages").addObject().put("role", "user").put("content", prompt);
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(s.baseUrl().resolve("/v1/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return r.headers().firstValue("x-hybench-route").orElseThrow();
        }
    }

    @TestFactory
    List<DynamicTest> theSharedTableThroughTheRouter() throws IOException {
        JsonNode table = RouterDecisionTableTest.table();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : table.path("cases")) {
            String name = c.get("name").asText(), expect = c.get("expect").asText();
            if (c.has("spill")) {
                tests.add(DynamicTest.dynamicTest(name, () -> spillCase(c.get("spill"), expect)));
                continue;
            }
            RouterSpec spec = RouterDecisionTableTest.spec(table, c.get("spec").asText());
            if (spec.routing().policy() instanceof io.hybench.calibrate.policy.Policy.Cascade) {
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    double[] lps = c.has("tokenLogprobs")
                            ? java.util.stream.StreamSupport.stream(c.get("tokenLogprobs").spliterator(), false).mapToDouble(JsonNode::asDouble).toArray()
                            : new double[]{c.get("confidence").asDouble()}; // a one-token answer: its logprob is the confidence
                    ANSWERS.put(name, lps);
                    assertEquals(expect.equals("error") ? "fallback" : expect, route(spec, name));
                }));
            } else {
                tests.add(DynamicTest.dynamicTest(name + " (refused: no live pre-generation score)", () ->
                        assertTrue(assertThrows(IllegalArgumentException.class, () -> HybridRouteServer.requireLive(spec)).getMessage()
                                .contains("cannot compute live"))));
            }
        }
        assertEquals(18, tests.size());
        return tests;
    }

    /**
     * The router's admission gate at the case's state: in-flight requests taken first, then one more asks.
     * A "wait" case gets a queue time no loaded machine can exhaust (the state is "still waiting" either way),
     * so what is checked is that the request neither returns nor spills, and takes the slot freed for it.
     */
    static void spillCase(JsonNode s, String expect) throws Exception {
        long queueMs = s.get("maxQueueMs").asLong() * (expect.equals("wait") ? 1000 : 1);
        LocalGate gate = new LocalGate(new SpillOver(s.get("maxInFlight").asInt(), queueMs));
        for (int i = 0; i < s.get("inFlight").asInt(); i++) assertTrue(gate.admit().admitted());
        CompletableFuture<Boolean> asked = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.admit().admitted();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        switch (expect) {
            case "admit" -> assertTrue(asked.get(10, TimeUnit.SECONDS));
            case "spill" -> assertFalse(asked.get(10, TimeUnit.SECONDS));
            case "wait" -> {
                Thread.sleep(s.get("waitedMs").asLong());
                assertFalse(asked.isDone(), "a waiting request is neither admitted nor spilled yet");
                gate.release();
                assertTrue(asked.get(10, TimeUnit.SECONDS), "a request waiting in the queue takes the freed slot");
            }
            default -> throw new IllegalArgumentException(expect);
        }
    }
}

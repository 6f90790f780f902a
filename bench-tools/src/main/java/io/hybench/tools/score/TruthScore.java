package io.hybench.tools.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.metrics.Metrics;
import io.hybench.bench.metrics.SelfCheck;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.ResultReader;
import io.hybench.bench.results.RunFolder;
import io.hybench.core.mapper.Json;
import io.hybench.core.stats.Intervals;
import io.hybench.core.time.ClockAnchor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.LongStream;

/**
 * Scores a result folder against the emulator's truth file (docs/metrics.md, "Scoring against the truth"):
 * every measured request is joined with the emulator request that carried its id
 * ({@code x-hybench-request-id}), its i-th content chunk with the i-th token write, both files' times put on
 * one time line by their {@link ClockAnchor}s. Errors are the client's stamp minus the emulator's write time.
 */
public final class TruthScore {
    private TruthScore() {
    }

    /** Bad input (a file missing, a line that is not what it should be): one line naming file and line. */
    public static final class ScoreException extends RuntimeException {
        public ScoreException(String message) {
            super(message);
        }
    }

    /**
     * What the emulator wrote for one client request, on the truth file's time line.
     *
     * @param endWrittenNanos the write of a frame after the last token (the usage chunk, the end marker), the last such;
     *                        -1 when the last token was the response's last write
     */
    private record Served(long headersNanos, long[] tokenWrittenNanos, long[] tokenLateNanos, long lastWrittenNanos, long endWrittenNanos) {
    }

    /** One step's scores: its measured requests as paired with the truth, their errors, and the self-check's bounds. */
    public record StepScore(int step, String target, String load, Pairing pairing, Errors errors, SelfCheck.Timing selfCheck,
                            RequestUncertainty requests, ServerPairs serverPairs) {
        public double tokenErrorP99Ms() {
            return ms(errors.token(), 99);
        }

        /**
         * The truth's verdict: which of the step's latencies carry a P99 error above its tolerance (TTFT, every token,
         * E2E; docs/metrics.md, "Scoring against the truth"). Empty when none does.
         */
        public List<String> mistimedLatencies() {
            List<String> out = new ArrayList<>();
            if (ms(errors.ttft(), 99) > selfCheck.toleranceMs()) out.add("TTFT");
            if (ms(errors.token(), 99) > selfCheck.toleranceMs()) out.add("tokens");
            if (ms(errors.e2e(), 99) > selfCheck.toleranceMs()) out.add("E2E");
            return out;
        }

        public boolean mistimed() {
            return !mistimedLatencies().isEmpty();
        }

        /** The self-check's verdict on the same rule: which latencies' stamps it found too uncertain. */
        public List<String> uncertainLatencies() {
            return selfCheck.uncertainLatencies();
        }

        public boolean flagged() {
            return !uncertainLatencies().isEmpty();
        }
    }

    /**
     * How a step's measured requests paired with the truth.
     *
     * @param requests   measured requests joined with the truth
     * @param unpaired   measured requests the truth has no trace of (sent elsewhere, or the truth file is another run's)
     * @param mismatched joined successful requests whose content chunks and token writes differ in number
     */
    public record Pairing(int requests, int unpaired, int mismatched) {
    }

    /**
     * A step's errors against the truth in ns, each sorted ascending.
     *
     * @param ttft          first token: client stamp − emulator write time
     * @param token         every token: client stamp − emulator write time
     * @param e2e           successful requests: client end − emulator's last write
     * @param writeLateness the emulator's own lateness of the same writes
     */
    public record Errors(long[] ttft, long[] token, long[] e2e, long[] writeLateness) {
    }

    /**
     * Paired tokens the emulator wrote within the step's tolerance before the same stream's next frame: its next token,
     * or for its last token the frames that end the stream (usage, end marker). A client that reads the two together
     * (TCP merges them and keeps the newer arrival stamp) cannot tell when the token came: its ± for it spans back to
     * the connection's previous read, or the busy spell of its loop, although the error is small. Where more than 1% of
     * a step's first tokens (or tokens) came so, its self-check can flag that latency with the step not mistimed
     * (docs/metrics.md, "Scoring against the truth").
     *
     * @param firstTokens paired first tokens whose stream has a next frame
     * @param firstPaired of those, written within the tolerance before it
     * @param tokens      paired tokens whose stream has a next frame
     * @param paired      of those, written within the tolerance before it
     */
    public record ServerPairs(long firstTokens, long firstPaired, long tokens, long paired) {
        static final ServerPairs NONE = new ServerPairs(0, 0, 0, 0);

        /**
         * One request's: the first {@code chunks} of its token writes {@code writtenNanos} (those paired with a content
         * chunk), each judged against the next write: the next token's, or after the last token {@code endNanos}, the
         * write that ended the stream (-1: none came after it).
         */
        static ServerPairs of(long[] writtenNanos, long endNanos, int chunks, long toleranceNanos) {
            long tokens = 0;
            long paired = 0;
            boolean firstPaired = false;
            for (int i = 0; i < Math.min(chunks, writtenNanos.length); i++) {
                long next = i + 1 < writtenNanos.length ? writtenNanos[i + 1] : endNanos;
                if (next < 0) break;
                tokens++;
                if (next - writtenNanos[i] <= toleranceNanos) {
                    paired++;
                    if (i == 0) firstPaired = true;
                }
            }
            return new ServerPairs(tokens > 0 ? 1 : 0, firstPaired ? 1 : 0, tokens, paired);
        }

        ServerPairs plus(ServerPairs o) {
            return new ServerPairs(firstTokens + o.firstTokens, firstPaired + o.firstPaired, tokens + o.tokens, paired + o.paired);
        }

        /** The share of first tokens written with their stream's next; NaN without any. */
        public double firstShare() {
            return firstTokens == 0 ? Double.NaN : (double) firstPaired / firstTokens;
        }

        /** The share of tokens written with their stream's next; NaN without any. */
        public double share() {
            return tokens == 0 ? Double.NaN : (double) paired / tokens;
        }
    }

    /**
     * The paired requests' own timing uncertainty ({@code timingUncertaintyNanos} of each record) set against their errors.
     *
     * @param sortedNanos  the uncertainty of every paired request that carries one, ascending
     * @param tokensJudged paired tokens of those requests
     * @param tokensWithin of those, tokens whose error lies within their request's uncertainty ({@link #within})
     */
    public record RequestUncertainty(long[] sortedNanos, long tokensJudged, long tokensWithin) {
        /** The share of judged tokens within their request's ±; NaN when none could be judged. */
        public double withinShare() {
            return tokensJudged == 0 ? Double.NaN : (double) tokensWithin / tokensJudged;
        }

        /**
         * Whether a token's error lies within its request's ±: error ≤ ±. A stamp is never taken before its bytes came, and
         * the truth reads its clock after the write's flush returned, so a negative error is the truth's own delay, not
         * the client's; a ± of 0 with the truth's record 30 µs after the stamp is within.
         */
        public static boolean within(long errorNanos, long plusMinusNanos) {
            return errorNanos <= plusMinusNanos;
        }
    }

    public static List<StepScore> score(Path truthFile, Path runDir) {
        ClockAnchor runClock = readRunClock(runDir);
        ResultReader.LoadedRun run = ResultReader.load(runDir);
        if (run.summary() == null) throw new ScoreException(runDir + ": no summary.json (the run wrote no step)");
        Truth truth = readTruth(truthFile);
        Map<Integer, List<RequestLine>> byStep = new HashMap<>();
        for (RequestLine l : ResultReader.requests(runDir)) {
            if (!l.warmup()) byStep.computeIfAbsent(l.step(), k -> new ArrayList<>()).add(l);
        }
        List<StepScore> out = new ArrayList<>();
        for (StepSummary st : run.summary().steps()) {
            out.add(scoreStep(st, byStep.getOrDefault(st.step().index(), List.of()), truth, runClock));
        }
        return out;
    }

    private static StepScore scoreStep(StepSummary st, List<RequestLine> lines, Truth truth, ClockAnchor runClock) {
        LongStream.Builder ttft = LongStream.builder();
        LongStream.Builder tokens = LongStream.builder();
        LongStream.Builder e2e = LongStream.builder();
        LongStream.Builder late = LongStream.builder();
        LongStream.Builder uncertainty = LongStream.builder();
        long judged = 0;
        long within = 0;
        int requests = 0;
        int unpaired = 0;
        int mismatched = 0;
        ServerPairs pairs = ServerPairs.NONE;
        long toleranceNanos = (long) (st.selfCheck().timing().toleranceMs() * 1e6); // NaN: 0, pairs only of writes at one instant
        for (RequestLine l : lines) {
            RequestRecord r = l.record();
            Served s = truth.served(r.requestId(), runClock.toTimeOf(truth.clock, r.timeline().sendNanos()));
            if (s == null) {
                unpaired++;
                continue;
            }
            requests++;
            long[] chunks = r.timeline().chunkArrivalNanos();
            int n = Math.min(chunks.length, s.tokenWrittenNanos.length);
            if (r.succeeded() && chunks.length != s.tokenWrittenNanos.length) mismatched++;
            pairs = pairs.plus(ServerPairs.of(s.tokenWrittenNanos, s.endWrittenNanos, n, toleranceNanos));
            OptionalLong plusMinus = Metrics.timingUncertaintyNanos(r);
            plusMinus.ifPresent(uncertainty::add);
            for (int i = 0; i < n; i++) {
                long err = runClock.toTimeOf(truth.clock, chunks[i]) - s.tokenWrittenNanos[i];
                tokens.add(err);
                if (i == 0) ttft.add(err);
                if (plusMinus.isPresent()) {
                    judged++;
                    if (RequestUncertainty.within(err, plusMinus.getAsLong())) within++;
                }
            }
            for (long x : s.tokenLateNanos) late.add(x);
            if (r.succeeded()) e2e.add(runClock.toTimeOf(truth.clock, r.timeline().endNanos()) - s.lastWrittenNanos);
        }
        return new StepScore(st.step().index(), st.step().target(), load(st), new Pairing(requests, unpaired, mismatched),
                new Errors(sorted(ttft), sorted(tokens), sorted(e2e), sorted(late)),
                st.selfCheck().timing(),
                new RequestUncertainty(sorted(uncertainty), judged, within), pairs);
    }

    private static long[] sorted(LongStream.Builder values) {
        return values.build().sorted().toArray();
    }

    private static String load(StepSummary st) {
        String n = st.step().load() == Math.rint(st.step().load()) ? Long.toString((long) st.step().load()) : Double.toString(st.step().load());
        return st.step().mode().equals("closed") ? n + " users" : n + " req/s";
    }

    static ClockAnchor readRunClock(Path runDir) {
        Path f = runDir.resolve(RunFolder.CLOCK);
        if (!Files.exists(f)) throw new ScoreException(runDir + ": no " + RunFolder.CLOCK + " (runs from before result folders recorded their clock cannot be scored)");
        try {
            return Json.MAPPER.readValue(f.toFile(), ClockAnchor.class);
        } catch (IOException e) {
            throw new ScoreException(f + ": not a clock anchor: " + e.getMessage());
        }
    }

    /** The truth file: its clock, and per client request id every emulator request that carried it. */
    private static final class Truth {
        ClockAnchor clock;
        final Map<String, List<Long>> requestsById = new HashMap<>();
        final Map<Long, ServedBuilder> byRequest = new HashMap<>();

        /** The emulator request for {@code id}; with several (runs reusing ids), the one received closest to {@code sentNanos}. */
        Served served(String id, long sentNanos) {
            List<Long> candidates = requestsById.get(id);
            if (candidates == null) return null;
            ServedBuilder best = null;
            for (long req : candidates) {
                ServedBuilder b = byRequest.get(req);
                if (best == null || Math.abs(b.headers - sentNanos) < Math.abs(best.headers - sentNanos)) best = b;
            }
            return best.build();
        }
    }

    private static final class ServedBuilder {
        long headers = Long.MIN_VALUE;
        final LongStream.Builder written = LongStream.builder();
        final LongStream.Builder late = LongStream.builder();
        long last = Long.MIN_VALUE;
        int lastSeq = -1;
        int lastTokenSeq = -1;

        private Served built;

        /** Built once: a stream builder cannot be read twice. */
        Served build() {
            if (built == null) built = new Served(headers, written.build().toArray(), late.build().toArray(), last, lastSeq > lastTokenSeq ? last : -1);
            return built;
        }
    }

    private static Truth readTruth(Path file) {
        Truth t = new Truth();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            int lineNo = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) continue;
                JsonNode n;
                try {
                    n = Json.MAPPER.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new ScoreException(file + ":" + lineNo + ": not JSON: " + e.getOriginalMessage());
                }
                String kind = n.path("kind").asText("");
                if (kind.equals("clock")) {
                    t.clock = Json.MAPPER.treeToValue(n.get("clock"), ClockAnchor.class);
                    continue;
                }
                if (kind.equals("answer") || !n.has("writtenNanos")) continue;
                long req = n.path("request").asLong();
                ServedBuilder b = t.byRequest.get(req);
                if (b == null) {
                    String id = n.path("clientRequest").asText(null);
                    if (id == null) continue; // a request without the header: not from hybench
                    b = new ServedBuilder();
                    t.byRequest.put(req, b);
                    t.requestsById.computeIfAbsent(id, k -> new ArrayList<>()).add(req);
                }
                long written = n.path("writtenNanos").asLong();
                if (kind.equals("headers")) b.headers = written;
                if (kind.equals("token")) {
                    b.written.add(written);
                    b.late.add(written - n.path("scheduledNanos").asLong());
                }
                int seq = n.path("seq").asInt();
                if (kind.equals("token")) b.lastTokenSeq = Math.max(b.lastTokenSeq, seq);
                if (seq > b.lastSeq) {
                    b.lastSeq = seq;
                    b.last = written;
                }
            }
        } catch (IOException e) {
            throw new ScoreException("cannot read truth file " + file + ": " + e.getMessage());
        }
        if (t.clock == null) throw new ScoreException(file + ": no clock line (truth files from before they recorded their clock cannot be scored)");
        return t;
    }

    static double ms(long[] sorted, double percentile) {
        return sorted.length == 0 ? Double.NaN : Metrics.nanosToMs(Intervals.nearestRank(sorted, sorted.length, percentile));
    }

    /** The table `hybench score` prints. */
    public static String table(List<StepScore> steps) {
        StringBuilder b = new StringBuilder();
        b.append("| step | target | load | requests | tokens | TTFT error P50 / P99 / max (ms) | token error P50 / P99 / max, min (ms)"
                + " | E2E error P50 / P99 / max (ms) | emulator write lateness P50 / P99 (ms) | self-check ± TTFT / tokens / E2E (ms) | tolerance (ms)"
                + " | truth: mistimed | self-check: uncertain | request ± P50 / P99 (ms) | tokens within their request's ±"
                + " | written with the next: first tokens / tokens |\n");
        b.append("|---:|---|---|---:|---:|---|---|---|---|---:|---:|---|---|---|---:|---|\n");
        for (StepScore s : steps) {
            Errors e = s.errors();
            b.append(String.format(Locale.ROOT, "| %d | %s | %s | %d | %d | %s | %s, %s | %s | %.3f / %.3f | %s / %s / %s | %.2f | %s | %s | %s / %s | %s | %s / %s |%n",
                    s.step(), s.target(), s.load(), s.pairing().requests(), e.token().length, three(e.ttft()), three(e.token()),
                    num(e.token().length == 0 ? Double.NaN : Metrics.nanosToMs(e.token()[0])), three(e.e2e()),
                    ms(e.writeLateness(), 50), ms(e.writeLateness(), 99), num(s.selfCheck().ttftUncertaintyMs()),
                    num(s.selfCheck().uncertaintyMs()), num(s.selfCheck().e2eUncertaintyMs()), s.selfCheck().toleranceMs(),
                    verdict(s.mistimedLatencies()), verdict(s.uncertainLatencies()), num(ms(s.requests().sortedNanos(), 50)),
                    num(ms(s.requests().sortedNanos(), 99)), percent(s.requests().withinShare()),
                    percent(s.serverPairs().firstShare()), percent(s.serverPairs().share())));
        }
        for (StepScore s : steps) {
            Pairing p = s.pairing();
            if (p.unpaired() > 0) b.append(String.format(Locale.ROOT, "step %d: %d measured requests not in the truth file%n", s.step(), p.unpaired()));
            if (p.mismatched() > 0) {
                b.append(String.format(Locale.ROOT, "step %d: %d requests whose content chunks and token writes differ in number"
                        + " (paired up to the shorter)%n", s.step(), p.mismatched()));
            }
        }
        b.append("errors: client stamp − emulator write time of the same token, on the truth's clock; mistimed: TTFT, token or E2E error"
                + " P99 above the tolerance (which); uncertain: the step's own timing uncertainty of that latency above it (which); request ±: each request's own timing uncertainty"
                + " (timingUncertaintyNanos), and the share of its tokens whose error lies within it (docs/metrics.md, \"Timing uncertainty\");"
                + " written with the next: tokens the emulator wrote within the tolerance before their stream's next frame (token, or end), which a client"
                + " reading both at once cannot tell apart (over 1%: the self-check may flag that latency with the step not mistimed)\n");
        return b.toString();
    }

    private static String verdict(List<String> latencies) {
        return latencies.isEmpty() ? "no" : "yes (" + String.join(", ", latencies) + ")";
    }

    private static String three(long[] sorted) {
        return num(ms(sorted, 50)) + " / " + num(ms(sorted, 99)) + " / " + num(ms(sorted, 100));
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** A figure in ms, "-" where not measured (NaN) or not in the file (null: written before it existed). */
    private static String num(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}

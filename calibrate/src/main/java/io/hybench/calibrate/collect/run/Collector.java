package io.hybench.calibrate.collect.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.GenerationRequest;
import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.StreamingClient;
import io.hybench.bench.client.Target;
import io.hybench.bench.client.protocols.StreamingClients;
import io.hybench.calibrate.collect.grade.Grader;
import io.hybench.calibrate.collect.grade.Grading;
import io.hybench.calibrate.collect.grade.JudgeGrader;
import io.hybench.calibrate.collect.grade.JudgeUnavailableException;
import io.hybench.calibrate.collect.grade.TextGrader;
import io.hybench.calibrate.collect.questions.Question;
import io.hybench.calibrate.cost.ModelPrice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Runs {@code hybench collect}: asks every target every question not yet in the output (one virtual
 * thread per question; each target bounds its own concurrency), grades, computes signals, appends
 * each finished row at once, and at the end writes the summary and the calibrator mappings.
 */
public final class Collector {
    /** Makes the client for a target; the default reads its key from the environment. */
    public interface Clients extends BiFunction<Target, RunClock, StreamingClient> {
        Clients FROM_ENVIRONMENT = (t, clock) -> StreamingClients.create(t, ClientOptions.DEFAULTS, clock);
    }

    private final Clients clients;
    private final Pacer pacer;
    private final RetryPolicy retry;
    private final CollectListener listener;

    /**
     * @param listener    told of each row as it is written (the CLI draws a progress bar), or null for none
     */
    public Collector(Clients clients, Pacer pacer, RetryPolicy retry, CollectListener listener) {
        this.clients = clients;
        this.pacer = pacer;
        this.retry = retry;
        this.listener = listener == null ? CollectListener.NONE : listener;
    }

    public CollectSummary run(CollectRequest req) throws InterruptedException {
        OutputFiles files = new OutputFiles(req.out());
        Map<String, ModelPrice> prices = new HashMap<>();
        for (CollectTarget t : req.targets()) {
            if (req.prices() != null) req.prices().price(t.target().model()).ifPresent(p -> prices.put(t.name(), p));
        }
        RunClock clock = RunClock.startingNow();
        List<TargetCaller> callers = new ArrayList<>();
        Map<String, Integer> failed = new TreeMap<>();
        int resumed, added;
        try (RowLog log = RowLog.open(req.out())) {
            Set<String> done = new HashSet<>();
            log.existing().forEach(r -> done.add(r.get("id").asText()));
            ObjectNode provenance = Provenance.begin(files.provenance(), Provenance.settings(req), req, done.size(), !done.isEmpty());
            Provenance.write(files.provenance(), provenance);
            List<Question> todo = req.questions().stream().filter(q -> !done.contains(q.id())).toList();
            resumed = (int) req.questions().stream().filter(q -> done.contains(q.id())).count();
            try {
                for (CollectTarget t : req.targets()) callers.add(new TargetCaller(t, clients.apply(t.target(), clock), clock, pacer, retry));
                Grading grading = grading(req, clients, clock, callers);
                Map<CollectTarget, Answerer> answerers = new LinkedHashMap<>();
                for (TargetCaller c : callers) {
                    if (req.targets().contains(c.target())) answerers.put(c.target(), new Answerer(c, req.prompts(), grading));
                }
                added = ask(todo, answerers, log, prices, failed, resumed, req.questions().size(), log.existing());
            } finally {
                callers.forEach(TargetCaller::close);
            }
            Provenance.finish(files.provenance(), provenance, added, failed.values().stream().mapToInt(Integer::intValue).sum());
        }
        return summarise(req, files, prices, resumed, added, failed);
    }

    private Grading grading(CollectRequest req, Clients clients, RunClock clock, List<TargetCaller> callers) {
        Grader text = new TextGrader(req.grading().textMode());
        if (req.grading().judge() != null) {
            TargetCaller judge = new TargetCaller(req.grading().judge(), clients.apply(req.grading().judge().target(), clock), clock, pacer, retry);
            callers.add(judge);
            AtomicInteger n = new AtomicInteger();
            text = new JudgeGrader(req.prompts().judge(), prompt -> {
                try {
                    return judge.call(new GenerationRequest("judge-" + n.incrementAndGet(), prompt, true, req.grading().judge().maxTokens(), false,
                            0.0, null, false, 0, null, null)).text();
                } catch (SideFailure e) {
                    throw new JudgeUnavailableException(e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new JudgeUnavailableException("run stopped");
                }
            });
        }
        return Grading.of(req.grading().tolerance(), text);
    }

    private int ask(List<Question> todo, Map<CollectTarget, Answerer> answerers, RowLog log, Map<String, ModelPrice> prices,
                    Map<String, Integer> failed, int resumed, int total, List<JsonNode> existing) throws InterruptedException {
        AtomicInteger added = new AtomicInteger();
        Map<String, int[]> correct = new ConcurrentHashMap<>();
        answerers.keySet().forEach(t -> correct.put(t.name(), new int[1]));
        for (JsonNode r : existing) {
            answerers.keySet().forEach(t -> {
                if (r.path(t.name() + "_correct").asBoolean()) correct.get(t.name())[0]++;
            });
        }
        listener.started(total, resumed);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Question q : todo) {
                pool.submit(() -> {
                    Map<CollectTarget, SideAnswer> answers = new LinkedHashMap<>();
                    try {
                        for (Map.Entry<CollectTarget, Answerer> e : answerers.entrySet()) answers.put(e.getKey(), e.getValue().answer(q));
                    } catch (SideFailure e) {
                        synchronized (failed) {
                            failed.merge(e.getMessage(), 1, Integer::sum);
                        }
                        return null;
                    } catch (JudgeUnavailableException e) {
                        synchronized (failed) {
                            failed.merge("judge: " + e.getMessage(), 1, Integer::sum);
                        }
                        return null;
                    }
                    log.append(RowFormat.row(q, answers, prices));
                    int rows = resumed + added.incrementAndGet();
                    answers.forEach((t, a) -> {
                        if (a.grade().correct()) synchronized (correct) { correct.get(t.name())[0]++; }
                    });
                    if (listener != CollectListener.NONE) {
                        String accuracy;
                        synchronized (correct) {
                            accuracy = accuracyMessage(answers.keySet(), correct, rows);
                        }
                        listener.rowWritten(accuracy);
                    }
                    return null;
                });
            }
            pool.shutdown();
            try {
                while (!pool.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS)) {
                    // an interrupt of this thread stops the run
                }
            } catch (InterruptedException e) {
                // Stop the workers: their requests end as CANCELLED and their rows are not written.
                pool.shutdownNow();
                Thread.currentThread().interrupt();
                throw e;
            }
        } finally {
            listener.finished();
        }
        return added.get();
    }

    private static String accuracyMessage(Set<CollectTarget> targets, Map<String, int[]> correct, int rows) {
        StringBuilder b = new StringBuilder("acc");
        for (CollectTarget t : targets) b.append(String.format(Locale.ROOT, " %s %.1f%%", t.name(), 100.0 * correct.get(t.name())[0] / rows));
        return b.toString();
    }

    private static CollectSummary summarise(CollectRequest req, OutputFiles files, Map<String, ModelPrice> prices,
                                            int resumed, int added, Map<String, Integer> failed) {
        List<JsonNode> rows = RowLog.read(req.out());
        List<SideSummary> sides = req.targets().stream().map(t -> SideSummary.of(t, rows, prices.get(t.name()))).toList();
        SideSummary local = sides.get(0);
        List<String> scores = MappingWriter.scores(req.local(), local);
        Map<String, CollectSummary.MappingInfo> mappings = new LinkedHashMap<>();
        for (int i = 0; i < req.clouds().size(); i++) {
            CollectTarget cloud = req.clouds().get(i);
            var file = files.mapping(cloud.name(), i == 0);
            boolean localCost = prices.containsKey(req.local().name()) && local.tokens().rowsWithoutTokens() == 0;
            boolean cloudCost = prices.containsKey(cloud.name()) && sides.get(i + 1).tokens().rowsWithoutTokens() == 0;
            MappingWriter.write(file, MappingWriter.mapping(req.local(), cloud, scores, localCost, cloudCost));
            mappings.put(cloud.name(), new CollectSummary.MappingInfo(file, scores));
        }
        CollectSummary summary = new CollectSummary(req.questions().size(), rows.size(), resumed, added, failed, sides, mappings,
                MappingWriter.omitted(req.local(), local));
        SummaryFile.write(files.summary(), summary);
        return summary;
    }
}

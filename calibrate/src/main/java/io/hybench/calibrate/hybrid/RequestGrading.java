package io.hybench.calibrate.hybrid;

import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.metrics.Metrics;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.RequestLine;
import io.hybench.calibrate.collect.grade.Grade;
import io.hybench.calibrate.collect.grade.Grading;
import io.hybench.calibrate.collect.questions.Question;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Grades every measured request of a hybrid run with collect's graders and prices its legs. The local
 * leg of an escalated (or degraded, or fallback) request is the one leg the client never sees: the
 * router discards that answer, so its tokens are the local part's mean for the same question in this
 * run (source {@link Leg#LOCAL_ONLY}), else the local part's mean over every question.
 */
public final class RequestGrading {
    private final Map<String, Question> questions = new HashMap<>();
    private final Grading grading;
    private final HybridTargets targets;
    private final LegPricing pricing;

    public RequestGrading(List<Question> questions, Grading grading, HybridTargets targets, LegPricing pricing) {
        questions.forEach(q -> this.questions.put(q.id(), q));
        this.grading = grading;
        this.targets = targets;
        this.pricing = pricing;
    }

    /** The measured requests of {@code lines} (warm-up left out), graded, in file order. */
    public List<GradedRequest> grade(List<RequestLine> lines, List<StepSummary> steps) {
        Map<Integer, Double> loadOfStep = new HashMap<>();
        steps.forEach(s -> loadOfStep.put(s.step().index(), s.step().load()));
        LocalTokens unseen = LocalTokens.of(lines, targets.local().name());
        List<GradedRequest> out = new ArrayList<>();
        for (RequestLine line : lines) {
            if (line.warmup()) continue;
            RequestRecord r = line.record();
            Role role = targets.roleOf(r.to().target());
            if (role == null) throw new IllegalArgumentException("request " + r.requestId() + ": target '" + r.to().target() + "' is none of the hybrid run's");
            Question q = line.promptId() == null ? null : questions.get(line.promptId());
            if (q == null) {
                throw new IllegalArgumentException("request " + r.requestId() + ": prompt id " + line.promptId() + " is not a question of the set");
            }
            Double load = loadOfStep.get(line.step());
            if (load == null) throw new IllegalArgumentException("request " + r.requestId() + ": step " + line.step() + " is not in summary.json");
            out.add(grade(line, r, role, q, load, unseen));
        }
        return out;
    }

    private GradedRequest grade(RequestLine line, RequestRecord r, Role role, Question q, double load, LocalTokens unseen) {
        RouteTaken route = RouteTaken.of(role, r.route());
        Grade g = r.succeeded() ? grading.grade(q, r.reply().text()) : Grade.unparseableResponse();
        double in = r.tokens().inputTokens() == null ? Double.NaN : r.tokens().inputTokens();
        double outTokens = r.tokens().outputTokens() == null ? Double.NaN : r.tokens().outputTokens();
        double cached = r.tokens().cachedInputTokens() == null ? 0 : r.tokens().cachedInputTokens();
        double written = r.tokens().cacheWriteInputTokens() == null ? 0 : r.tokens().cacheWriteInputTokens();
        GradedRequest.Legs legs;
        if (route == RouteTaken.UNKNOWN) legs = GradedRequest.Legs.unknown();
        else if (route.answeredLocally()) legs = GradedRequest.Legs.of(pricing.localLeg(in, cached, written, outTokens, Leg.RESPONSE), null);
        else legs = GradedRequest.Legs.of(route.localLeg() ? unseen.leg(q.id(), pricing) : null, pricing.cloudLeg(in, cached, written, outTokens));
        OptionalLong ttft = Metrics.ttftNanos(r);
        OptionalLong e2e = r.succeeded() ? Metrics.e2eNanos(r) : OptionalLong.empty();
        return new GradedRequest(new GradedRequest.At(line.step(), r.to().target(), role, load), r.requestId(), q.id(),
                new GradedRequest.Routing(route.label(), r.route() == null ? Double.NaN : r.route().confidence()),
                GradedRequest.Outcome.of(r.succeeded(), g.correct(), g.unparseable()),
                new GradedRequest.Latency(ms(ttft), ms(e2e)), legs);
    }

    private static double ms(OptionalLong nanos) {
        return nanos.isPresent() ? Metrics.nanosToMs(nanos.getAsLong()) : Double.NaN;
    }

    /** The local part's mean tokens per question (and over all questions), from its successful requests. */
    private record LocalTokens(Map<String, double[]> perQuestion, double[] all) {
        static LocalTokens of(List<RequestLine> lines, String localTarget) {
            Map<String, double[]> per = new HashMap<>(); // {input sum, output sum, count}
            double[] all = new double[3];
            for (RequestLine l : lines) {
                RequestRecord r = l.record();
                if (!r.to().target().equals(localTarget) || !r.succeeded() || r.tokens().inputTokens() == null || r.tokens().outputTokens() == null) continue;
                for (double[] acc : new double[][]{per.computeIfAbsent(l.promptId(), k -> new double[3]), all}) {
                    acc[0] += r.tokens().inputTokens();
                    acc[1] += r.tokens().outputTokens();
                    acc[2]++;
                }
            }
            return new LocalTokens(per, all);
        }

        Leg leg(String questionId, LegPricing pricing) {
            double[] acc = perQuestion.getOrDefault(questionId, all);
            if (acc[2] == 0) return pricing.localLeg(Double.NaN, Double.NaN, Leg.LOCAL_ONLY);
            return pricing.localLeg(acc[0] / acc[2], acc[1] / acc[2], Leg.LOCAL_ONLY);
        }
    }
}

package io.hybench.calibrate.collect.run;

import io.hybench.bench.client.GenerationRequest;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.metrics.Metrics;
import io.hybench.calibrate.collect.grade.Grade;
import io.hybench.calibrate.collect.grade.Grading;
import io.hybench.calibrate.collect.prompts.PromptSet;
import io.hybench.calibrate.collect.questions.Question;
import io.hybench.calibrate.collect.signals.LogprobSignals;
import io.hybench.calibrate.collect.signals.SelfConsistency;
import io.hybench.calibrate.collect.signals.Signal;
import io.hybench.calibrate.collect.signals.SignalValues;
import io.hybench.calibrate.collect.signals.VerbalisedConfidence;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Asks one target one question: the graded request (at the target's temperature, with logprobs when
 * configured), then {@code samples} more at the sample temperature for self-consistency; grades the
 * answer and computes every signal, or says why one is absent.
 */
final class Answerer {
    private final TargetCaller caller;
    private final PromptSet prompts;
    private final Grading grading;

    Answerer(TargetCaller caller, PromptSet prompts, Grading grading) {
        this.caller = caller;
        this.prompts = prompts;
        this.grading = grading;
    }

    SideAnswer answer(Question q) throws SideFailure, InterruptedException {
        CollectTarget t = caller.target();
        String prompt = prompts.render(q);
        RequestRecord main = caller.call(GenerationRequest.chat(q.id() + "/" + t.name(), prompt, t.maxTokens())
                .withSampling(GenerationRequest.Sampling.temperature(t.temperature()))
                .withLogprobs(t.logprobs() ? new GenerationRequest.Logprobs(true, t.topLogprobs()) : GenerationRequest.Logprobs.NONE));
        Grade grade = grading.grade(q, main.reply().text());
        SignalValues signals = new SignalValues();
        if (t.logprobs()) {
            signals.putAll(LogprobSignals.of(q, main.reply().text(), grade, main.reply().logprobs()));
        } else {
            String why = "logprobs not requested from this target";
            List.of(Signal.CHOICE_PROBABILITY, Signal.CHOICE_MARGIN, Signal.MEAN_LOGPROB, Signal.MIN_LOGPROB).forEach(s -> signals.absent(s, why));
        }
        OptionalDouble verbal = VerbalisedConfidence.parse(main.reply().text());
        if (verbal.isPresent()) signals.put(Signal.VERBALISED, verbal.getAsDouble());
        else signals.absent(Signal.VERBALISED, "no 0-100 confidence rating in the reply");

        List<String> sampleAnswers = new ArrayList<>();
        SideAnswer.Usage sampleUsage = t.samples() > 0 ? SideAnswer.Usage.ZERO : SideAnswer.Usage.UNKNOWN;
        for (int i = 0; i < t.samples(); i++) {
            RequestRecord s = caller.call(GenerationRequest.chat(q.id() + "/" + t.name() + "/sample-" + i, prompt, t.maxTokens())
                    .withSampling(new GenerationRequest.Sampling(t.sampleTemperature(), (long) i)));
            sampleAnswers.add(grading.grade(q, s.reply().text()).answer());
            sampleUsage = sampleUsage.plus(s.tokens());
        }
        if (t.samples() > 0) signals.put(Signal.CONSISTENCY, SelfConsistency.agreement(sampleAnswers));
        else signals.absent(Signal.CONSISTENCY, "no self-consistency samples configured (samples=0)");

        double latencyMs = Metrics.e2eNanos(main).getAsLong() / 1e6;
        return new SideAnswer(main.reply().text(), grade, signals, SideAnswer.Usage.of(main.tokens()),
                new SideAnswer.Samples(sampleAnswers, sampleUsage), latencyMs, main.reply().finishReason());
    }
}

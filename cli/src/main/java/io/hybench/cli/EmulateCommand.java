package io.hybench.cli;

import io.hybench.calibrate.collect.emulate.AnsweringEmulator;
import io.hybench.calibrate.collect.prompts.PromptSet;
import io.hybench.calibrate.collect.questions.QuestionLoader;
import io.hybench.calibrate.collect.questions.QuestionMapping;
import io.hybench.emulator.Emulator;
import io.hybench.emulator.answer.AnswerKey;
import io.hybench.emulator.profile.EmulatorProfile;
import io.hybench.emulator.profile.ProfileException;
import io.hybench.emulator.profile.ProfileLoader;
import io.hybench.emulator.truth.TruthLog;
import io.hybench.tools.fit.FitException;
import io.hybench.tools.fit.ProfileFitter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code hybench emulate}: serves an emulated Ollama/vLLM/cloud deployment on loopback until Ctrl-C. */
@Command(name = "emulate", mixinStandardHelpOptions = true,
        description = {"Serve an emulated LLM server (Ollama, OpenAI-compatible and Anthropic endpoints) on loopback.",
                "With --fit RUN: fit a vLLM-like profile to a bench result folder instead; with --fit RUN --profile P, compare P with the run",
                "without fitting (docs/emulator.md, \"Fitting a profile\")."})
public final class EmulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--profile", description = "Built-in profile name or a profile .yaml file (see --list-profiles).")
    String profile;

    @Option(names = "--port", defaultValue = "0", description = "Port on 127.0.0.1; 0 lets the OS choose.")
    int port;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for generated text, random delays and faults.")
    long seed;

    @Option(names = "--truth", description = "Write every chunk's scheduled and written time to this JSONL file.")
    Path truth;

    @Option(names = "--list-profiles", description = "List the built-in profiles and exit.")
    boolean listProfiles;

    @Option(names = "--questions", arity = "1..*", paramLabel = "FILE|DIR",
            description = "Question files (as for collect): the profile's answer model answers them when asked with collect's prompts.")
    List<Path> questions;

    @Option(names = "--question-mapping", paramLabel = "FILE", description = "Question mapping of --questions (docs/collect.md).")
    Path questionMapping;

    @Option(names = "--fit", paramLabel = "RUN", description = "Fit a profile to this bench result folder and exit.")
    Path fit;

    @Option(names = "--target", paramLabel = "NAME", description = "--fit: the run's target to fit (needed when it has several).")
    String fitTarget;

    @Option(names = "--out", paramLabel = "DIR", description = "--fit: where the profile, fit.json and fit-report.html go (default RUN/fit).")
    Path fitOut;

    @Option(names = "--name", paramLabel = "NAME", description = "--fit: the profile's name (default <workload>-<target>-fitted).")
    String fitName;

    @Option(names = "--max-num-seqs", defaultValue = "256", description = "--fit: the server's limit on running sequences (default ${DEFAULT-VALUE}).")
    int maxNumSeqs;

    @Option(names = "--max-batched-tokens", defaultValue = "8192", description = "--fit: the server's tokens per step (default ${DEFAULT-VALUE}).")
    int maxBatchedTokens;

    @Option(names = "--kv-cache-tokens", defaultValue = "1000000", description = "--fit: the server's KV-cache capacity in tokens (default ${DEFAULT-VALUE}).")
    long kvCacheTokens;

    @Option(names = "--context-tokens", defaultValue = "8192", description = "--fit: the profile's context window (default ${DEFAULT-VALUE}).")
    int contextTokens;

    @Option(names = "--max-evaluations", defaultValue = "300", description = "--fit: most simulations of the whole run the search may do (default ${DEFAULT-VALUE}).")
    int maxEvaluations;

    @Override
    public Integer call() throws InterruptedException, IOException {
        if (fit != null) {
            PrintWriter err = spec.commandLine().getErr();
            try {
                return new EmulatorFit(fit, fitTarget, profile, fitOut, fitName,
                        new ProfileFitter.Limits(maxNumSeqs, maxBatchedTokens, kvCacheTokens), contextTokens, maxEvaluations)
                        .call(spec.commandLine().getOut(), err);
            } catch (FitException | ProfileException e) {
                err.println("hybench emulate --fit: " + e.getMessage());
                err.flush();
                return 2;
            }
        }
        if (listProfiles) {
            for (String name : ProfileLoader.BUILT_IN) {
                System.out.println(name + "  " + ProfileLoader.load(name).description());
            }
            return 0;
        }
        if (profile == null) throw new ParameterException(spec.commandLine(), "--profile is required (or --list-profiles)");
        if ((questions == null) != (questionMapping == null)) {
            throw new ParameterException(spec.commandLine(), "--questions and --question-mapping go together");
        }
        // Bad profiles, question files and ports reach the command line's exception mapper (Failures): one line, exit 2.
        EmulatorProfile p = ProfileLoader.load(profile);
        AnswerKey key = questions == null ? AnswerKey.NONE
                : AnsweringEmulator.key(QuestionLoader.load(questions, QuestionMapping.read(questionMapping)), PromptSet.V1);
        if (!key.isEmpty() && p.answers() == null) throw new IllegalArgumentException("profile " + p.name() + " has no answers section");
        TruthLog log = truth == null ? TruthLog.discarding() : TruthLog.toFile(truth);
        Emulator emulator = Emulator.start(p, port, seed, log, key);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }));
        System.out.println("Emulating " + p.name() + " (model " + p.model() + ") at " + emulator.baseUrl()
                + (key.isEmpty() ? "" : ", answering " + key.size() + " questions"));
        System.out.println("Ollama: " + emulator.baseUrl() + "/api/chat   OpenAI-compatible: " + emulator.baseUrl()
                + "/v1   Anthropic: " + emulator.baseUrl() + "/v1/messages   Ctrl-C to stop.");
        System.out.println("In a workload, mark the target 'emulatorProfile: " + p.name() + "' so its reports say it was emulated.");
        stopped.await();
        return 0;
    }
}

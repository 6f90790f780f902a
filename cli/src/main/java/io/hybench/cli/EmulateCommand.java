package io.hybench.cli;

import io.hybench.calibrate.collect.emulate.AnsweringEmulator;
import io.hybench.calibrate.collect.prompts.PromptSet;
import io.hybench.calibrate.collect.questions.QuestionLoader;
import io.hybench.calibrate.collect.questions.QuestionMapping;
import io.hybench.calibrate.data.DataFormatException;
import io.hybench.emulator.Emulator;
import io.hybench.emulator.answer.AnswerKey;
import io.hybench.emulator.profile.EmulatorProfile;
import io.hybench.emulator.profile.ProfileException;
import io.hybench.emulator.profile.ProfileLoader;
import io.hybench.emulator.truth.TruthLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code hybench emulate}: serves an emulated Ollama/vLLM/cloud deployment on loopback until Ctrl-C. */
@Command(name = "emulate", mixinStandardHelpOptions = true,
        description = "Serve an emulated LLM server (Ollama, OpenAI-compatible and Anthropic endpoints) on loopback.")
public final class EmulateCommand implements Callable<Integer> {
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

    @Override
    public Integer call() throws InterruptedException {
        if (listProfiles) {
            for (String name : ProfileLoader.BUILT_IN) {
                System.out.println(name + "  " + ProfileLoader.load(name).description());
            }
            return 0;
        }
        if (profile == null) {
            System.err.println("--profile is required (or --list-profiles)");
            return 2;
        }
        if ((questions == null) != (questionMapping == null)) {
            System.err.println("--questions and --question-mapping go together");
            return 2;
        }
        EmulatorProfile p;
        AnswerKey key;
        try {
            p = ProfileLoader.load(profile);
            key = questions == null ? AnswerKey.NONE
                    : AnsweringEmulator.key(QuestionLoader.load(questions, QuestionMapping.read(questionMapping)), PromptSet.V1);
            if (!key.isEmpty() && p.answers() == null) throw new IllegalArgumentException("profile " + p.name() + " has no answers section");
        } catch (IllegalArgumentException | DataFormatException | ProfileException e) {
            System.err.println(e.getMessage());
            return 2;
        }
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

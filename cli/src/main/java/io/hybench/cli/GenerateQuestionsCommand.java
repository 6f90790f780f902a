package io.hybench.cli;

import io.hybench.calibrate.collect.generate.SyntheticQuestions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hybench generate-questions}: write the seeded synthetic question set and its mapping (datasets/README.md). */
@Command(name = "generate-questions", mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class,
        description = "Write a seeded question set with exact gold answers (arithmetic, dates, unit conversions; difficulty 1-5) and its mapping.")
public final class GenerateQuestionsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "20250101", description = "generator seed")
    long seed;
    @Option(names = "--per-level", defaultValue = "20", description = "questions per family and difficulty level")
    int perLevel;
    @Option(names = "--out", required = true, description = "output JSONL; NAME.mapping.yaml is written beside it")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<SyntheticQuestions.Item> items = SyntheticQuestions.generate(seed, perLevel);
        SyntheticQuestions.write(items, out);
        String name = out.getFileName().toString();
        Path mapping = out.resolveSibling((name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name) + ".mapping.yaml");
        Files.writeString(mapping, SyntheticQuestions.mappingYaml(), StandardCharsets.UTF_8);
        spec.commandLine().getOut().println("wrote " + items.size() + " questions to " + out + " and " + mapping);
        spec.commandLine().getOut().flush();
        return 0;
    }
}

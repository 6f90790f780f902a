package io.hybench.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.core.config.ConfigException;
import io.hybench.core.config.ConfigFiles;

import java.nio.file.Path;
import java.util.Map;

/**
 * Reads and writes workload files (format in docs/results.md) through the project's configuration
 * dialect ({@link ConfigFiles}): the {@link Workload} record and its parts carry the keys, defaults and
 * checks. Writing emits the resolved workload, every default filled in, which {@link #parse} reads back
 * to an equal {@link Workload}.
 */
public final class WorkloadYaml {
    private WorkloadYaml() {
    }

    /** Reads a workload file; relative prompt-file paths resolve against the file's folder. */
    public static Workload read(Path file) {
        try {
            return ConfigFiles.read(file, Workload.class, Map.of(PromptSpec.BASE_DIR, file.toAbsolutePath().getParent(), PromptSpec.FILES_REQUIRED, true));
        } catch (ConfigException e) {
            throw new WorkloadException(e.getMessage(), e);
        }
    }

    /**
     * Parses workload YAML.
     *
     * @param source  name used in error messages (usually the file path)
     * @param baseDir folder that relative prompt-file paths resolve against
     */
    public static Workload parse(String text, String source, Path baseDir) {
        try {
            return ConfigFiles.parse(text, source, Workload.class, Map.of(PromptSpec.BASE_DIR, baseDir, PromptSpec.FILES_REQUIRED, true));
        } catch (ConfigException e) {
            throw new WorkloadException(e.getMessage(), e);
        }
    }

    /**
     * Parses a results folder's resolved workload ({@code dir}'s {@code workload.resolved.yaml} text): the prompt and trace
     * files it names need not exist here, since the folder is read for its settings, perhaps on another machine.
     */
    public static Workload recorded(String text, String source, Path dir) {
        try {
            return ConfigFiles.parse(text, source, Workload.class, Map.of(PromptSpec.BASE_DIR, dir, PromptSpec.FILES_REQUIRED, false));
        } catch (ConfigException e) {
            throw new WorkloadException(e.getMessage(), e);
        }
    }

    /**
     * Binds a workload stated as a tree (a run from command-line flags, docs/results.md) with the same
     * defaults and checks as a file; relative prompt paths resolve against the working folder.
     */
    public static Workload bind(JsonNode tree, String source) {
        try {
            return ConfigFiles.bind(tree, source, Workload.class, Map.of(PromptSpec.BASE_DIR, Path.of(""), PromptSpec.FILES_REQUIRED, true));
        } catch (ConfigException e) {
            throw new WorkloadException(e.getMessage(), e);
        }
    }

    /** The resolved workload as YAML, every default written out. */
    public static String write(Workload w) {
        return ConfigFiles.write(w);
    }
}

package io.hybench.calibrate.collect.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybench.calibrate.collect.prompts.PromptTemplate;
import io.hybench.core.mapper.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code NAME.provenance.json}: the settings that decide what a row means (question files and their
 * hash, prompt templates with text and hash, grading, targets without keys, judge, price date) and one
 * entry per run (with the targets' URLs). Rows of one output must share settings, so resuming with different ones is refused.
 * Concurrency is not a setting: it changes speed, not answers.
 */
public final class Provenance {
    static final int FORMAT_VERSION = 1;
    private static final String EMULATED = "emulated";

    private Provenance() {
    }

    static ObjectNode settings(CollectRequest r) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("formatVersion", FORMAT_VERSION);
        ObjectNode q = s.putObject("questions");
        ArrayNode files = q.putArray("files");
        // Names, not paths: the same files resumed from another directory are the same input; the hash decides.
        if (!r.questionFiles().isEmpty()) io.hybench.calibrate.data.DatasetLoader.expand(r.questionFiles()).forEach(f -> files.add(f.getFileName().toString()));
        q.put("sha256", r.questionFiles().isEmpty() ? null : sha256(r.questionFiles()));
        q.put("count", r.questions().size());
        ArrayNode prompts = s.putArray("prompts");
        for (PromptTemplate t : r.prompts().all()) prompts.addObject().put("id", t.id()).put("sha256", t.sha256()).put("text", t.text());
        ObjectNode g = s.putObject("grading");
        g.put("numericAbsoluteTolerance", r.grading().tolerance().absolute());
        g.put("numericRelativeTolerance", r.grading().tolerance().relative());
        g.put("freeText", r.grading().judge() == null ? r.grading().textMode().name() : "JUDGE");
        if (r.grading().judge() != null) {
            g.set("judge", target(r.grading().judge()));
            g.put("judgePrompt", r.prompts().judge().id());
        }
        ArrayNode targets = s.putArray("targets");
        r.targets().forEach(t -> targets.add(target(t)));
        s.put("pricesAsOf", r.prices() == null ? null : r.prices().asOf().toString());
        return s;
    }

    private static ObjectNode target(CollectTarget t) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("name", t.name()).put("api", t.target().api().name()).put("flavor", t.target().flavor().name())
                .put("model", t.target().model()).put("keyEnv", t.target().apiKeyEnv())
                .put("logprobs", t.logprobs()).put("topLogprobs", t.topLogprobs()).put("samples", t.samples())
                .put("sampleTemperature", t.sampleTemperature()).put("temperature", t.temperature()).put("maxTokens", t.maxTokens());
        return o;
    }

    /**
     * Reads the existing provenance (if any), refuses settings that differ from it, and returns the
     * document with this run appended to {@code runs}.
     */
    static ObjectNode begin(Path file, ObjectNode settings, CollectRequest r, int resumedRows, boolean outputHasRows) {
        ObjectNode doc;
        if (Files.exists(file)) {
            try {
                doc = (ObjectNode) Json.MAPPER.readTree(file.toFile());
            } catch (IOException | ClassCastException e) {
                throw new IllegalArgumentException(file + ": unreadable provenance; move the output away or delete it", e);
            }
            JsonNode before = doc.get("settings");
            if (!settings.equals(before)) {
                throw new IllegalArgumentException("the output was collected with other settings (" + file + "): " + firstDifference(before, settings)
                        + "; write to a new --out, or use the same questions, prompts, grading and targets");
            }
        } else {
            if (outputHasRows) throw new IllegalArgumentException("the output has rows but no " + file.getFileName() + "; cannot tell how they were collected");
            doc = Json.MAPPER.createObjectNode();
            doc.set("settings", settings);
            doc.putArray("runs");
        }
        ObjectNode run = ((ArrayNode) doc.get("runs")).addObject().put("startedAt", Instant.now().toString()).put("resumedRows", resumedRows);
        // Where each target was reached: a server may move between runs without changing what answers.
        ObjectNode urls = run.putObject("urls");
        r.targets().forEach(t -> urls.put(t.name(), t.target().displayUrl()));
        if (r.grading().judge() != null) urls.put(r.grading().judge().name(), r.grading().judge().target().displayUrl());
        // Which of them the hybench emulator served (name -> profile; empty: none), per run as the URLs are.
        ObjectNode emulated = run.putObject(EMULATED);
        Stream.concat(r.targets().stream(), Stream.ofNullable(r.grading().judge()))
                .filter(t -> t.target().emulated()).forEach(t -> emulated.put(t.name(), t.target().emulatorProfile()));
        return doc;
    }

    /**
     * The targets the emulator served in any run of the output whose rows are {@code rows} (name -> profile;
     * empty: every target was a real server); empty Optional when no provenance file, or a run of it, records
     * this (written before hybench recorded it).
     */
    public static Optional<Map<String, String>> emulated(Path rows) {
        Path file = new OutputFiles(rows).provenance();
        if (!Files.isRegularFile(file)) return Optional.empty();
        JsonNode runs;
        try {
            runs = Json.MAPPER.readTree(file.toFile()).path("runs");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": unreadable collect provenance: " + e.getMessage());
        }
        if (!runs.isArray() || runs.isEmpty()) return Optional.empty();
        Map<String, String> out = new TreeMap<>();
        for (JsonNode run : runs) {
            JsonNode e = run.get(EMULATED);
            if (e == null || !e.isObject()) return Optional.empty();
            e.properties().forEach(p -> out.put(p.getKey(), p.getValue().asText()));
        }
        return Optional.of(out);
    }

    static void finish(Path file, ObjectNode doc, int newRows, int failed) {
        ArrayNode runs = (ArrayNode) doc.get("runs");
        ((ObjectNode) runs.get(runs.size() - 1)).put("finishedAt", Instant.now().toString()).put("newRows", newRows).put("failedQuestions", failed);
        write(file, doc);
    }

    static void write(Path file, ObjectNode doc) {
        try {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), doc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String firstDifference(JsonNode before, JsonNode now) {
        if (before == null) return "no settings recorded";
        var names = now.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!now.get(n).equals(before.get(n))) return "'" + n + "' was " + before.get(n) + ", now " + now.get(n);
        }
        return "settings differ";
    }

    private static String sha256(java.util.List<Path> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : io.hybench.calibrate.data.DatasetLoader.expand(files)) {
                try (InputStream in = new DigestInputStream(Files.newInputStream(f), md)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot hash question files", e);
        }
    }
}

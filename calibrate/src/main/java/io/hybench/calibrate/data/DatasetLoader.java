package io.hybench.calibrate.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads labeled rows from CSV ({@code .csv}) and JSON Lines ({@code .jsonl}, {@code .json}) files,
 * or from directories of them (taken in name order), through a {@link ColumnMapping}.
 */
public final class DatasetLoader {
    private DatasetLoader() {
    }

    public static LabeledDataset load(List<Path> paths, ColumnMapping mapping, Exclusion exclusion) {
        mapping.validated();
        List<Path> files = expand(paths);
        Set<String> excluded = exclusion == null ? Set.of() : exclusion.prompts();
        if (!excluded.isEmpty() && mapping.prompt() == null) {
            throw new IllegalArgumentException("an exclusion list matches prompts, but the mapping names no prompt column");
        }
        Set<String> matched = new HashSet<>();
        List<LabeledRow> rows = new ArrayList<>();
        int[] dropped = {0};
        java.util.Map<String, String> firstSeen = new java.util.HashMap<>();
        for (Path file : files) {
            RowMapper mapper = new RowMapper(file, mapping);
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            java.util.function.Consumer<RawRow> sink = raw -> {
                LabeledRow row = mapper.map(raw);
                // A repeated id would be counted twice and could sit on both sides of the held-out split.
                String earlier = row.id() == null ? null : firstSeen.putIfAbsent(row.id(), file.getFileName() + ":" + raw.line());
                if (earlier != null) {
                    throw new DataFormatException(file, raw.line(), mapping.id(), "duplicate id '" + row.id() + "' (first at " + earlier + ")");
                }
                if (row.prompt() != null && excluded.contains(row.prompt())) {
                    matched.add(row.prompt());
                    dropped[0]++;
                } else {
                    rows.add(row);
                }
            };
            if (name.endsWith(".csv")) CsvSource.read(file, sink);
            else if (name.endsWith(".jsonl") || name.endsWith(".json")) JsonlSource.read(file, sink);
            else throw new DataFormatException(file, "unknown data file type (expected .csv, .jsonl or .json)");
        }
        if (rows.isEmpty()) throw new IllegalArgumentException("no labeled rows in " + files);
        return new LabeledDataset(mapping.scores(), rows, files.stream().map(Path::toString).toList(), sha256(files),
                dropped[0], excluded.size() - matched.size(), mapping);
    }

    /**
     * Files as given; a directory contributes its .csv files in name order, or its .jsonl/.json files
     * when it holds no CSV (so RouteLLM's folder loads its CSVs and not its exclusion list).
     */
    public static List<Path> expand(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    List<Path> inDir = s.sorted().toList();
                    List<Path> csv = inDir.stream().filter(f -> hasSuffix(f, ".csv")).toList();
                    out.addAll(!csv.isEmpty() ? csv : inDir.stream().filter(f -> hasSuffix(f, ".jsonl") || hasSuffix(f, ".json")).toList());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new DataFormatException(p, "no such data file or directory");
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no data files in " + paths);
        return out;
    }

    private static boolean hasSuffix(Path f, String suffix) {
        return Files.isRegularFile(f) && f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(suffix);
    }

    private static String sha256(List<Path> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                try (InputStream in = new DigestInputStream(Files.newInputStream(f), md)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot hash data files", e);
        }
    }
}

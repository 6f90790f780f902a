package io.hybench.calibrate.collect.run;

import java.nio.file.Path;

/**
 * The files of one collect output: the labeled rows ({@code NAME.jsonl}) and beside them
 * {@code NAME.provenance.json}, {@code NAME.summary.json} and one calibrator mapping per cloud target
 * ({@code NAME.mapping.yaml} for the first, {@code NAME.<cloud>.mapping.yaml} for the others).
 */
public record OutputFiles(Path rows) {
    public Path provenance() {
        return sibling(".provenance.json");
    }

    public Path summary() {
        return sibling(".summary.json");
    }

    public Path mapping(String cloudName, boolean first) {
        return sibling(first ? ".mapping.yaml" : "." + cloudName + ".mapping.yaml");
    }

    private Path sibling(String suffix) {
        String name = rows.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
        return rows.resolveSibling(stem + suffix);
    }
}

package io.hybench.calibrate.data;

import java.util.List;

/**
 * Labeled rows loaded from one or more files, with their provenance: the files in load order, the
 * SHA-256 over their bytes in that order, and how many rows an exclusion list dropped.
 */
public record LabeledDataset(List<String> scoreNames, List<LabeledRow> rows, List<String> files, String sha256,
                             int excludedRows, int unmatchedExclusions, ColumnMapping mapping) {
    public LabeledDataset {
        scoreNames = List.copyOf(scoreNames);
        rows = List.copyOf(rows);
        files = List.copyOf(files);
    }

    public int size() {
        return rows.size();
    }

    /** The index of a score column, or fails naming the known ones. */
    public int scoreIndex(String name) {
        int i = scoreNames.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no score column '" + name + "'; mapped: " + scoreNames);
        return i;
    }
}

package io.hybench.calibrate.data;

/** One record of a source file before mapping: its starting line and its fields by column name. */
public interface RawRow {
    long line();

    /** The field's text, or null when the record has no such column or it is empty/null. */
    String get(String column);

    /** Whether the file has this column at all (for "unknown column" errors). */
    boolean hasColumn(String column);
}

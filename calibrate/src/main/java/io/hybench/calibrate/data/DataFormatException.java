package io.hybench.calibrate.data;

import java.nio.file.Path;

/** Bad input in a labeled data set or mapping; the message names file, line and column. */
public final class DataFormatException extends RuntimeException {
    public DataFormatException(Path file, long line, String column, String problem) {
        super(file + ":" + line + (column == null ? "" : " column '" + column + "'") + ": " + problem);
    }

    public DataFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /** A problem whose message already names the file, line, column and key ({@link io.hybench.core.config.ConfigFiles}). */
    public DataFormatException(String located) {
        super(located);
    }
}

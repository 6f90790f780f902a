package io.hybench.calibrate.collect.run;

/**
 * What a collect run tells its caller as it goes, e.g. the command line's progress bar; the library
 * itself draws nothing. Methods are called from the run's worker threads.
 */
public interface CollectListener {
    CollectListener NONE = new CollectListener() {
    };

    /** Before the first question: {@code total} rows the run will hold, {@code resumed} of them already written. */
    default void started(int total, int resumed) {
    }

    /** One more row written; {@code accuracy} states each side's accuracy so far, e.g. "acc local 71.0% cloud 88.5%". */
    default void rowWritten(String accuracy) {
    }

    /** After the last row, or when the run stops early. */
    default void finished() {
    }
}

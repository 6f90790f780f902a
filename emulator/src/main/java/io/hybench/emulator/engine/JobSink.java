package io.hybench.emulator.engine;

/** Receives a job's emissions on the loop thread; implementations must not block. */
@FunctionalInterface
public interface JobSink {
    void accept(Emission emission);
}

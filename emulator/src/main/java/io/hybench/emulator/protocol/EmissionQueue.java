package io.hybench.emulator.protocol;

import io.hybench.emulator.engine.Emission;
import io.hybench.emulator.engine.JobSink;

import java.util.concurrent.LinkedBlockingQueue;

/** Hands a job's emissions from the engine thread to the thread writing its response. */
final class EmissionQueue implements JobSink {
    private final LinkedBlockingQueue<Emission> queue = new LinkedBlockingQueue<>();

    @Override
    public void accept(Emission emission) {
        queue.add(emission);
    }

    Emission take() throws InterruptedException {
        return queue.take();
    }
}

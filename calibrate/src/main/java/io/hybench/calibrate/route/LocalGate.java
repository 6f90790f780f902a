package io.hybench.calibrate.route;

import io.hybench.calibrate.router.SpillOver;

/**
 * Counts local requests in flight and applies the {@link SpillOver} rule on admission: admit, wait for
 * a slot up to the queue time, or spill. Without a rule every request is admitted (still counted).
 */
final class LocalGate {
    private final SpillOver rule; // null: no limit
    private int inFlight;

    LocalGate(SpillOver rule) {
        this.rule = rule;
    }

    /**
     * The admission decision (admitted: call {@link #release} when the local call ends; else spill to
     * the cloud) and the time the last check took, which counts as decision time; waiting does not.
     */
    synchronized Admission admit() throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            long checkStart = System.nanoTime();
            long waitedMs = (checkStart - start) / 1_000_000;
            SpillOver.Admission a = rule == null ? SpillOver.Admission.ADMIT : rule.decide(inFlight, waitedMs);
            long checkNanos = System.nanoTime() - checkStart;
            switch (a) {
                case ADMIT -> {
                    inFlight++;
                    return new Admission(true, checkNanos);
                }
                case SPILL -> {
                    return new Admission(false, checkNanos);
                }
                case WAIT -> wait(Math.max(1, rule.maxQueueMs() - waitedMs));
            }
        }
    }

    record Admission(boolean admitted, long decisionNanos) {
    }

    synchronized void release() {
        inFlight--;
        notifyAll();
    }

    synchronized int inFlight() {
        return inFlight;
    }
}

package io.hybench.calibrate.collect.run;

/** Time for waiting out rate limits; tests substitute one whose sleeps advance a fake clock and are recorded. */
public interface Pacer {
    long nanoTime();

    void sleep(long millis) throws InterruptedException;

    Pacer SYSTEM = new Pacer() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long millis) throws InterruptedException {
            Thread.sleep(millis);
        }
    };
}

package io.hybench.bench.emulator;

import io.hybench.bench.emulator.profile.CloudParams;
import io.hybench.bench.emulator.profile.EmulatorProfile;
import io.hybench.bench.emulator.profile.FaultParams;
import io.hybench.bench.emulator.profile.OutputParams;
import io.hybench.bench.emulator.truth.TruthRecord;
import org.HdrHistogram.Histogram;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How late the emulator writes chunks relative to their scheduled times, at several numbers of
 * concurrent streams. Each stream is a real loopback HTTP client reading an SSE response of
 * {@code tokens} tokens at {@code rate} tok/s with lognormal gap jitter (independent streams, so
 * writes spread out in time as a cloud API's do). Lateness = written − scheduled, from the truth log.
 * Streams start evenly over one second; a 64-stream run first warms the JIT and is not reported.
 *
 * <pre>java -cp ... io.hybench.bench.emulator.EmissionJitterBenchmark [streams=1,64,256,1024] [tokens=100] [rate=20]</pre>
 */
public final class EmissionJitterBenchmark {
    /** Streams start evenly over this time, as a load generator ramps up, not in one burst of connects. */
    private static final long RAMP_NANOS = 1_000_000_000L;

    private EmissionJitterBenchmark() {
    }

    /** Lateness percentiles of one run, in microseconds. */
    public record Result(int streams, long writes, double p50Micros, double p99Micros, double maxMicros, int failedStreams) {
    }

    public static Result run(int streams, int tokens, double rate) throws InterruptedException {
        EmulatorProfile profile = new EmulatorProfile("jitter-benchmark", "independent streams for the jitter benchmark",
                "jitter-model", "0", new CloudParams(0, 1_000_000, 0.5, 1e9, rate, 0.3, 0, 0, 0),
                new OutputParams(1_000_000, 0, 10_000_000), FaultParams.NONE);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (Emulator emulator = Emulator.start(profile, 0, 1)) {
            String body = "{\"model\":\"jitter-model\",\"stream\":true,\"max_tokens\":" + tokens
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v1/chat/completions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            CountDownLatch done = new CountDownLatch(streams);
            AtomicInteger failed = new AtomicInteger();
            long start = System.nanoTime();
            for (int i = 0; i < streams; i++) {
                long startAt = start + RAMP_NANOS * i / streams;
                Thread.ofVirtual().start(() -> {
                    for (long wait; (wait = startAt - System.nanoTime()) > 0; ) java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    try (InputStream in = http.send(request, HttpResponse.BodyHandlers.ofInputStream()).body()) {
                        in.transferTo(OutputStreamSink.INSTANCE);
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
            Histogram lateness = new Histogram(3);
            List<TruthRecord> records = new ArrayList<>(emulator.truth().records());
            for (TruthRecord r : records) if (r.kind().equals("token")) lateness.recordValue(Math.max(0, r.lateNanos()));
            return new Result(streams, lateness.getTotalCount(), lateness.getValueAtPercentile(50) / 1e3,
                    lateness.getValueAtPercentile(99) / 1e3, lateness.getMaxValue() / 1e3, failed.get());
        } finally {
            http.close();
        }
    }

    /** Discards bytes: the client only has to keep the socket drained. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    public static void main(String[] args) throws InterruptedException {
        String[] levels = (args.length > 0 ? args[0] : "1,64,256,1024").split(",");
        int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        double rate = args.length > 2 ? Double.parseDouble(args[2]) : 20;
        run(64, tokens, rate); // warm-up: JIT-compile the serving path before anything is measured
        System.out.println("| streams | token writes | P50 late (µs) | P99 late (µs) | max late (µs) | failed streams |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        for (String level : levels) {
            Result r = run(Integer.parseInt(level.trim()), tokens, rate);
            System.out.println(String.format(Locale.ROOT, "| %d | %d | %.0f | %.0f | %.0f | %d |",
                    r.streams(), r.writes(), r.p50Micros(), r.p99Micros(), r.maxMicros(), r.failedStreams()));
        }
    }
}

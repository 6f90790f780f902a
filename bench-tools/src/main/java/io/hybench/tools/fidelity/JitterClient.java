package io.hybench.tools.fidelity;

import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.GenerationRequest;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.StreamingClient;
import io.hybench.bench.client.Target;
import io.hybench.bench.client.protocols.StreamingClients;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * The jitter benchmark's load: streaming chat requests over loopback HTTP with hybench's own OpenAI client,
 * one virtual thread per stream, each content chunk stamped by the client's I/O thread (docs/metrics.md,
 * "Timestamps"). Stream k starts at {@code k·ramp/streams} and sends the request id {@link #requestId}(k),
 * which the emulator's truth names with each write, so content chunk i of stream k is the truth's token i of
 * that request. Runs in the emulator's JVM or as its own process ({@link #main}), writing one line per
 * chunk: {@code S <stream> <token> <nanoTime>}; a failed stream writes {@code F <stream> <reason>}.
 */
public final class JitterClient {
    private final URI baseUrl;
    private final int tokens;
    private final long rampNanos;

    public JitterClient(URI baseUrl, int tokens, long rampNanos) {
        this.baseUrl = baseUrl;
        this.tokens = tokens;
        this.rampNanos = rampNanos;
    }

    static String requestId(int stream) {
        return "jitter-" + stream;
    }

    /** Runs a warm-up level and then each level in turn, stream numbers counting on across levels. */
    public void runLevels(List<Integer> levels, PrintWriter out) throws InterruptedException {
        int first = 0;
        RunClock clock = RunClock.startingNow();
        Target target = new Target("jitter", ApiKind.OPENAI, ServerFlavor.GENERIC, baseUrl, JitterBenchmark.MODEL, null);
        try (StreamingClient client = StreamingClients.create(target, ClientOptions.DEFAULTS, clock, ApiKey.none())) {
            for (int streams : levels) {
                runLevel(client, clock, first, streams, out);
                first += streams;
            }
        }
        out.flush();
    }

    private void runLevel(StreamingClient client, RunClock clock, int first, int streams, PrintWriter out) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(streams);
        RequestRecord[] records = new RequestRecord[streams];
        long start = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            int k = i;
            long startAt = start + rampNanos * k / streams;
            Thread.ofVirtual().start(() -> {
                try {
                    for (long wait; (wait = startAt - System.nanoTime()) > 0; ) LockSupport.parkNanos(wait);
                    records[k] = client.execute(GenerationRequest.chat(requestId(first + k), "go", tokens), clock.nanos());
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        // printed after the level so that formatting never competes with the streams being timed
        for (int k = 0; k < streams; k++) {
            RequestRecord r = records[k];
            if (r == null || !r.succeeded()) {
                out.print("F " + (first + k) + " " + (r == null ? "no record" : r.error().message().replace('\n', ' ')) + "\n");
                continue;
            }
            long[] chunks = r.timeline().chunkArrivalNanos();
            for (int j = 0; j < chunks.length; j++) out.print("S " + (first + k) + " " + j + " " + clock.toNanoTime(chunks[j]) + "\n");
        }
    }

    /** {@code JitterClient <baseUrl> <tokens> <rampNanos> <level,level,...>}: chunks on standard output. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 4) {
            System.err.println("usage: JitterClient <baseUrl> <tokens> <rampNanos> <streams,streams,...>");
            System.exit(2);
        }
        List<Integer> levels = Arrays.stream(args[3].split(",")).map(String::trim).map(Integer::parseInt).toList();
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII), 1 << 16));
        new JitterClient(URI.create(args[0]), Integer.parseInt(args[1]), Long.parseLong(args[2])).runLevels(levels, out);
        if (out.checkError()) throw new UncheckedIOException(new IOException("writing chunks to standard output failed"));
        System.exit(0); // the client's I/O threads are daemons, but do not wait on anything else either
    }
}

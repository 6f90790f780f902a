package io.hybench.tools.fidelity;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The jitter benchmark's load: streaming chat requests over loopback HTTP, one virtual thread per
 * stream, timestamping each SSE {@code data:} frame with {@link System#nanoTime()} as it is read.
 * Stream k starts at {@code k·ramp/streams} and not before stream k−1's response headers arrived,
 * so the emulator numbers requests in stream order and frame j of stream k is truth record
 * (request = first + k, seq = j). Runs in the emulator's JVM or as its own process ({@link #main}),
 * writing one line per frame: {@code S <stream> <frame> <nanoTime>}; a failed stream writes {@code F <stream> <reason>}.
 */
public final class JitterClient {
    private final URI endpoint;
    private final int tokens;
    private final long rampNanos;

    public JitterClient(URI baseUrl, int tokens, long rampNanos) {
        this.endpoint = baseUrl.resolve("/v1/chat/completions");
        this.tokens = tokens;
        this.rampNanos = rampNanos;
    }

    /** Runs a warm-up level and then each level in turn, stream numbers counting on across levels. */
    public void runLevels(List<Integer> levels, PrintWriter out) throws InterruptedException {
        int first = 0;
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int streams : levels) {
                runLevel(http, first, streams, out);
                first += streams;
            }
        }
        out.flush();
    }

    private void runLevel(HttpClient http, int first, int streams, PrintWriter out) throws InterruptedException {
        String body = "{\"model\":\"" + JitterBenchmark.MODEL + "\",\"stream\":true,\"max_tokens\":" + tokens
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}";
        HttpRequest request = HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        CountDownLatch[] headers = new CountDownLatch[streams];
        Arrays.setAll(headers, i -> new CountDownLatch(1));
        CountDownLatch done = new CountDownLatch(streams);
        long[][] frames = new long[streams][];
        int[] counts = new int[streams];
        String[] failures = new String[streams];
        long start = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            int k = i;
            long startAt = start + rampNanos * k / streams;
            Thread.ofVirtual().start(() -> {
                long[] times = new long[tokens + 8];
                int n = 0;
                try {
                    if (k > 0) headers[k - 1].await();
                    for (long wait; (wait = startAt - System.nanoTime()) > 0; ) LockSupport.parkNanos(wait);
                    HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
                    headers[k].countDown();
                    if (response.statusCode() != 200) throw new IOException("HTTP " + response.statusCode());
                    try (Stream<String> lines = response.body()) {
                        for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                            String line = it.next();
                            long at = System.nanoTime();
                            if (!line.startsWith("data:")) continue;
                            if (n == times.length) times = Arrays.copyOf(times, n * 2);
                            times[n++] = at;
                        }
                    }
                } catch (Exception e) {
                    failures[k] = e.toString().replace('\n', ' ');
                } finally {
                    frames[k] = times;
                    counts[k] = n;
                    headers[k].countDown();
                    done.countDown();
                }
            });
        }
        done.await();
        // printed after the level so that formatting never competes with the streams being timed
        for (int k = 0; k < streams; k++) {
            if (failures[k] != null) out.print("F " + (first + k) + " " + failures[k] + "\n");
            else for (int j = 0; j < counts[k]; j++) out.print("S " + (first + k) + " " + (j + 1) + " " + frames[k][j] + "\n");
        }
    }

    /** {@code JitterClient <baseUrl> <tokens> <rampNanos> <level,level,...>}: frames on standard output. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 4) {
            System.err.println("usage: JitterClient <baseUrl> <tokens> <rampNanos> <streams,streams,...>");
            System.exit(2);
        }
        List<Integer> levels = Arrays.stream(args[3].split(",")).map(String::trim).map(Integer::parseInt).toList();
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII), 1 << 16));
        new JitterClient(URI.create(args[0]), Integer.parseInt(args[1]), Long.parseLong(args[2])).runLevels(levels, out);
        if (out.checkError()) throw new UncheckedIOException(new IOException("writing frames to standard output failed"));
    }
}

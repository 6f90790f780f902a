package io.hybench.jmh.harness;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.TokenCountSource;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.RequestLog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A request thread's last step: one {@code requests.jsonl} line appended ({@link RequestLog#append}) for a
 * succeeded request of {@code tokens} content chunks, as the capacity benchmark's token server answers (a short text
 * per chunk, server usage), written to {@code /dev/null} so the file system's own cost stays out.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RequestLogBenchmark {
    @Param("50")
    public int tokens;

    private RequestLog log;
    private RequestLine line;

    @Setup(Level.Trial)
    public void open() {
        log = new RequestLog(Path.of("/dev/null"));
        long[] arrivals = new long[tokens];
        int[] counts = new int[tokens];
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            arrivals[i] = 12_345_678_901L + i * 20_000_000L + i * 7_919L;
            counts[i] = 1;
            text.append(" t").append(12_345_678_901L + i * 20_000_000L);
        }
        RequestRecord r = new RequestRecord("tokens-s00-k0-000123", new RequestRecord.Destination("tokens", ApiKind.OPENAI, "every-20ms", "/v1/chat/completions"),
                new RequestRecord.Timeline(12_300_000_000L, 12_300_010_000L, 12_340_000_000L, arrivals[0], arrivals, counts, arrivals[tokens - 1] + 1_000,
                        new RequestRecord.StampUncertainty(1_234_567L, 345_678L, 456_789L)),
                new RequestRecord.Tokens(8, TokenCountSource.SERVER, tokens, TokenCountSource.SERVER, false),
                new RequestRecord.Reply("length", text.toString(), null, List.of()), null, null);
        line = new RequestLine(0, false, null, null, tokens, r, null, null);
    }

    @TearDown(Level.Trial)
    public void close() {
        log.close();
    }

    @Benchmark
    public void append() {
        log.append(line);
    }
}

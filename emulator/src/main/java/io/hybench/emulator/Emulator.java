package io.hybench.emulator;

import com.sun.net.httpserver.HttpServer;
import io.hybench.core.time.ClockAnchor;
import io.hybench.emulator.answer.AnswerKey;
import io.hybench.emulator.engine.Engine;
import io.hybench.emulator.engine.RealTimeLoop;
import io.hybench.emulator.profile.EmulatorProfile;
import io.hybench.emulator.protocol.EmulatorHandler;
import io.hybench.emulator.truth.TruthClock;
import io.hybench.emulator.truth.TruthLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A serving emulator on loopback: one profile's engine model behind Ollama, OpenAI-compatible and
 * Anthropic endpoints, with every write logged to a {@link TruthLog}.
 *
 * <p>One platform thread per exchange, not a virtual thread: a parked virtual thread is woken by a
 * timer thread that then hands it to a carrier, and that extra hop made writes measurably later
 * (docs/performance.md). TCP_NODELAY is on, as Go's and uvicorn's servers set it, so a small chunk
 * is never held back by Nagle's algorithm waiting for the client's delayed ACK.
 */
public final class Emulator implements AutoCloseable {
    private static final int BACKLOG = 4096;
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        // read once, when the JDK's HTTP server first starts in this JVM
        if (System.getProperty(NO_DELAY) == null) System.setProperty(NO_DELAY, "true");
    }

    private final EmulatorProfile profile;
    private final HttpServer server;
    private final ExecutorService executor;
    private final RealTimeLoop loop;
    private final TruthLog truth;
    private final long originNanoTime;

    private Emulator(EmulatorProfile profile, HttpServer server, ExecutorService executor, RealTimeLoop loop,
                     TruthLog truth, long originNanoTime) {
        this.profile = profile;
        this.server = server;
        this.executor = executor;
        this.loop = loop;
        this.truth = truth;
        this.originNanoTime = originNanoTime;
    }

    /** Starts on {@code port} (0: any free port) with the truth kept in memory. */
    public static Emulator start(EmulatorProfile profile, int port, long seed) {
        return start(profile, port, seed, TruthLog.inMemory());
    }

    public static Emulator start(EmulatorProfile profile, int port, long seed, TruthLog truth) {
        return start(profile, port, seed, truth, AnswerKey.NONE);
    }

    /**
     * Starts with an answer key: a request whose last user message is a prompt in {@code answers} is
     * answered by the profile's answer model (docs/emulator.md); other prompts get generated text.
     */
    public static Emulator start(EmulatorProfile profile, int port, long seed, TruthLog truth, AnswerKey answers) {
        if (!answers.isEmpty() && profile.answers() == null) {
            throw new IllegalArgumentException("profile " + profile.name() + " has no answers section, so it cannot answer the "
                    + answers.size() + " questions of the answer key (docs/emulator.md, \"Answer model\")");
        }
        long origin = System.nanoTime();
        Instant originWall = Instant.now();
        truth.record(new TruthClock(ClockAnchor.capture(origin)));
        RealTimeLoop loop = new RealTimeLoop(origin);
        Engine engine = Engine.create(profile.engine(), loop, seed);
        ExecutorService executor = Executors.newCachedThreadPool(Thread.ofPlatform().name("emulator-exchange-", 1).daemon().factory());
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
            server.setExecutor(executor);
            server.createContext("/", new EmulatorHandler(profile, engine, loop, truth, seed, origin, originWall, answers));
            server.start();
            return new Emulator(profile, server, executor, loop, truth, origin);
        } catch (IOException e) {
            loop.close();
            executor.shutdownNow();
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    /** e.g. {@code http://127.0.0.1:41234} (no trailing slash). */
    public URI baseUrl() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public EmulatorProfile profile() {
        return profile;
    }

    public TruthLog truth() {
        return truth;
    }

    /** The {@link System#nanoTime()} value that truth times are relative to. */
    public long originNanoTime() {
        return originNanoTime;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        loop.close();
        truth.close();
    }
}

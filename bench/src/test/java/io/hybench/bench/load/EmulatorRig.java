package io.hybench.bench.load;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.Target;
import io.hybench.bench.metrics.Slo;
import io.hybench.core.stats.ConfidenceSpec;
import io.hybench.emulator.Emulator;
import io.hybench.emulator.profile.EmulatorProfile;
import io.hybench.emulator.profile.ProfileLoader;
import io.hybench.emulator.protocol.EmulatorText;
import io.hybench.emulator.truth.TruthRecord;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Emulators on loopback serving the test profiles in {@code src/test/resources/io/hybench/bench/load/profiles},
 * the real protocol clients, and the join of client records to the emulator's truth log: which emulator
 * request a record was, and when each of its tokens was written, on the run's clock.
 */
final class EmulatorRig implements AutoCloseable {
    private final List<Emulator> started = new ArrayList<>();
    private final AtomicReference<RunClock> clock = new AtomicReference<>();

    static EmulatorProfile profile(String name) {
        try {
            return ProfileLoader.fromFile(Path.of(EmulatorRig.class.getResource("profiles/" + name + ".yaml").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    Emulator start(EmulatorProfile profile, long seed) {
        Emulator e = Emulator.start(profile, 0, seed);
        started.add(e);
        return e;
    }

    static Target target(String name, ApiKind api, ServerFlavor flavor, Emulator e) {
        return new Target(name, api, flavor, e.baseUrl(), e.profile().model(), null, e.profile().name());
    }

    /** The real streaming clients; remembers the run's clock so truth times can be put on it. */
    ClientFactory clients() {
        return clients(ClientOptions.DEFAULTS);
    }

    /** The real streaming clients with the given timeouts. */
    ClientFactory clients(ClientOptions options) {
        ClientFactory real = ClientFactory.streaming(options);
        return (target, runClock) -> {
            clock.set(runClock);
            return real.open(target, runClock);
        };
    }

    static Workload workload(String name, List<Target> targets, int outputTokens, LoadSpec load, RunLimits run, Slo slo) {
        return new Workload(name, 7, targets,
                new Workload.Traffic(new RequestOptions(true, false, null), new PromptSpec.Synthetic(new Distribution.Fixed(16), new Distribution.Fixed(outputTokens))),
                new Workload.Shape(load, run), Workload.Checks.of(slo, new ConfidenceSpec(200, 0.95)));
    }

    /**
     * One emulator response as the truth log has it.
     *
     * @param tokenWrittenNanos when each token chunk was written, in token order, on the run's clock
     * @param stalled           whether the emulator's stall fault paused this stream
     */
    record TruthResponse(long ordinal, long[] tokenWrittenNanos, boolean stalled) {
    }

    /**
     * Pairs each record with the emulator request that served it, found by its text: the emulator's answer
     * to request n is a deterministic function of (seed, n), so the text identifies the request regardless
     * of arrival order. Records without a match are left out (the caller counts them).
     */
    Map<RequestRecord, TruthResponse> join(Emulator e, long seed, List<RequestRecord> records) {
        long shift = truthShift(e);
        Map<Long, List<TruthRecord>> byRequest = new HashMap<>();
        for (TruthRecord t : e.truth().records()) byRequest.computeIfAbsent(t.request(), k -> new ArrayList<>()).add(t);
        Map<String, TruthResponse> byText = new HashMap<>();
        byRequest.forEach((ordinal, writes) -> {
            List<TruthRecord> tokens = writes.stream().filter(t -> "token".equals(t.kind()))
                    .sorted(Comparator.comparingInt(TruthRecord::token)).toList();
            if (tokens.isEmpty()) return;
            long[] written = tokens.stream().mapToLong(t -> t.writtenNanos() + shift).toArray();
            boolean stalled = writes.stream().anyMatch(t -> "stall".equals(t.fault()));
            byText.put(EmulatorText.text(seed, ordinal, tokens.size()), new TruthResponse(ordinal, written, stalled));
        });
        Map<RequestRecord, TruthResponse> out = new IdentityHashMap<>();
        for (RequestRecord r : records) {
            TruthResponse t = byText.get(r.reply().text());
            if (t != null) out.put(r, t);
        }
        return out;
    }

    /** What to add to an emulator's truth times to put them on the last run's clock. */
    long truthShift(Emulator e) {
        return e.originNanoTime() - clock.get().toNanoTime(0);
    }

    @Override
    public void close() {
        started.forEach(Emulator::close);
    }
}

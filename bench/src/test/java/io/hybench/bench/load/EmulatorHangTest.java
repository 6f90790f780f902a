package io.hybench.bench.load;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.ErrorClass;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.metrics.SecondSample;
import io.hybench.bench.metrics.Slo;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.EnvInfo;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.ResultReader;
import io.hybench.emulator.Emulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Servers that never answer, or stall mid-answer, against the emulator's faults held for ten minutes: a step
 * ends by its duration and drain timeout (or by the client's first-token and idle timeouts), never by the
 * server, and every request it gave up on is a counted record. The JUnit timeouts, far below the emulator's
 * ten minutes and far above the configured limits, only catch a hang.
 */
class EmulatorHangTest {
    private static final long SEED = 5;

    private record Run(StepSummary step, List<RequestRecord> records) {
    }

    private static Run run(Path results, String id, String profile, LoadSpec load, RunLimits limits, ClientOptions options) throws InterruptedException {
        try (EmulatorRig rig = new EmulatorRig()) {
            Emulator e = rig.start(EmulatorRig.profile(profile), SEED);
            Workload w = EmulatorRig.workload(id, List.of(EmulatorRig.target("ollama", ApiKind.OLLAMA, ServerFlavor.OLLAMA, e)), 8, load,
                    limits, new Slo(null, null, null, 0.99));
            Path dir = new LoadRunner(w, rig.clients(options), RunListener.NONE).run(results, id, EnvInfo.capture("test")).folder().dir();
            return new Run(ResultReader.load(dir).summary().steps().get(0), ResultReader.requests(dir).stream().map(RequestLine::record).toList());
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aClosedLoopStepAgainstAServerThatNeverAnswersEndsByItsDurationAndDrain(@TempDir Path results) throws Exception {
        Run r = run(results, "mute", "fast-ollama-mute", new LoadSpec.ClosedLoop(List.of(3), new Distribution.Fixed(0)),
                new RunLimits(0, 500_000_000L, null, 500_000_000L), ClientOptions.DEFAULTS);

        // The emulator spares its first two requests (the preflight and one more): a user may end one, then, like
        // every user, waits on a request the emulator never answers until the drain deadline cancels it.
        List<RequestRecord> cancelled = r.records().stream().filter(rec -> !rec.succeeded()).toList();
        assertEquals(3, cancelled.size(), "each user's last request is a record: " + r.records());
        for (RequestRecord rec : cancelled) {
            assertEquals(ErrorClass.CANCELLED, rec.error().errorClass(), "given up at the drain deadline: " + rec.error());
            assertEquals(null, rec.headersNanos(), "the emulator never sent headers");
        }
        assertEquals(r.records().size(), r.step().counts().requests(), "every record is counted");
        assertEquals(3L, r.step().counts().errors().get(ErrorClass.CANCELLED));
        assertEquals(0, r.step().counts().stillInFlight(), "every cancelled request came back as a record");
        List<SecondSample> series = r.step().context().series();
        for (int i = 1; i < series.size(); i++) {
            assertTrue(series.get(i).intervalNanos() >= 500_000_000L, "a short last interval joins the one before it: " + series);
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void openLoopArrivalsWaitingForAnInFlightSlotAreCountedWhenTheDrainEnds(@TempDir Path results) throws Exception {
        // One slot, held by a request the emulator never answers: the later arrivals wait for it until the drain ends.
        Run r = run(results, "capped", "fast-ollama-mute", new LoadSpec.OpenLoop(List.of(5.0), LoadSpec.Arrival.CONSTANT, 1),
                new RunLimits(0, 1_000_000_000L, null, 500_000_000L), ClientOptions.DEFAULTS);
        assertEquals(5, r.records().size(), "every arrival of the schedule (5/s for 1 s) is a record: " + r.records());
        assertEquals(5, r.step().counts().requests());
        List<RequestRecord> failed = r.records().stream().filter(rec -> !rec.succeeded()).toList();
        assertTrue(failed.size() >= 4, "at most the one spared request succeeds: " + r.records());
        failed.forEach(rec -> assertEquals(ErrorClass.CANCELLED, rec.error().errorClass(), rec.error().toString()));
        assertTrue(failed.stream().anyMatch(rec -> rec.error().message().contains("waiting for a free in-flight slot")), "never sent: " + failed);
        assertEquals(0, r.step().counts().stillInFlight());
    }

    /**
     * The emulator spares its first two requests: the preflight passes (on a loaded machine its cold first attempt may
     * itself time out, leaving the second spared request to the step), and at least two of the step's four meet the fault.
     */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void firstTokenAndIdleTimeoutsEndRequestsThatNeverAnswerOrStallMidStream(@TempDir Path results) throws Exception {
        // Long enough for a cold first request on a loaded machine, short against the emulator's ten minutes.
        ClientOptions tight = new ClientOptions(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMillis(500));
        LoadSpec oneUser = new LoadSpec.ClosedLoop(List.of(1), new Distribution.Fixed(0));
        RunLimits fourRequests = new RunLimits(0, null, 4, 60_000_000_000L);

        Run mute = run(results, "mute", "fast-ollama-mute", oneUser, fourRequests, tight);
        assertEquals(4, mute.records().size());
        mute.records().forEach(rec -> assertTrue(rec.succeeded() || rec.error().errorClass() == ErrorClass.TIMEOUT_FIRST_TOKEN, rec.toString()));
        assertTrue(failed(mute) >= 2, "the requests after the spared two time out waiting for headers: " + mute.records());

        Run hang = run(results, "hang", "fast-ollama-hang", oneUser, fourRequests, tight);
        assertEquals(4, hang.records().size());
        // The emulator stalls before a random token: before the first, the request has no content and times out
        // waiting for it; later, it times out idle.
        for (RequestRecord rec : hang.records()) {
            if (rec.succeeded()) continue;
            ErrorClass expected = rec.firstContentNanos() == null ? ErrorClass.TIMEOUT_FIRST_TOKEN : ErrorClass.TIMEOUT_IDLE;
            assertEquals(expected, rec.error().errorClass(), rec.error().toString());
        }
        assertTrue(failed(hang) >= 2, "the streams after the spared two stall and time out: " + hang.records());
        assertTrue(hang.records().stream().anyMatch(rec -> !rec.succeeded() && rec.error().errorClass() == ErrorClass.TIMEOUT_IDLE),
                "the seed stalls some stream after its first token");
    }

    private static long failed(Run r) {
        return r.records().stream().filter(rec -> !rec.succeeded()).count();
    }
}

package io.hybench.bench.client.http;

import io.hybench.bench.client.http.AdaptiveSlice.Change;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import io.hybench.core.os.SchedulerSlice;
import io.netty.channel.EventLoop;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adaptive slice's rule against synthetic loops (a wait, then a busy spell, over and over, on a made-up clock), and
 * a real I/O loop that the rule moves between slices.
 */
class AdaptiveSliceTest {
    private static final long MS = 1_000_000;

    /** A loop on a made-up clock that records what each window's end asked for. */
    private static final class Loop {
        final AdaptiveSlice slice;
        long now;
        final List<Change> ends = new ArrayList<>();

        Loop(boolean shortSlice) {
            slice = new AdaptiveSlice(0, shortSlice);
        }

        /** {@code cycles} times: the loop waits {@code waitNanos}, then is busy {@code busyNanos}. */
        Loop cycles(int cycles, long waitNanos, long busyNanos) {
            for (int i = 0; i < cycles; i++) {
                Change c = slice.beforeWait(now);
                if (c != Change.OPEN) ends.add(c);
                slice.waited(waitNanos);
                now += waitNanos + busyNanos;
            }
            return this;
        }

        /** One 100 ms window (ten cycles of 10 ms) busy {@code percent}% of the time; it moves the average by a quarter. */
        Loop window(int percent) {
            return cycles(10, (100 - percent) * MS / 10, percent * MS / 10);
        }

        /** One 400 ms window (a wait, then a busy spell) busy {@code percent}% of the time: it sets the average to its share. */
        Loop longWindow(int percent) {
            return cycles(1, (100 - percent) * 4 * MS, percent * 4 * MS);
        }

        /** Ends the last window (a wait at the current time). */
        Loop end() {
            return cycles(1, 0, 0);
        }
    }

    /** Hand-computed from the middle of the band: 0.5 + (0.7 − 0.5) × (1 − 0.75ⁿ) is 0.55, 0.5875, 0.6156 over 60%. */
    @Test
    void aMostlyBusyLoopDropsTheShortSliceAtTheThirdWindow() {
        Loop l = new Loop(true).cycles(101, 3 * MS, 7 * MS);
        assertEquals(List.of(Change.KEEP, Change.KEEP, Change.RESET, Change.KEEP, Change.KEEP, Change.KEEP, Change.KEEP, Change.KEEP,
                Change.KEEP, Change.KEEP), l.ends, "70% busy: a window ends at every tenth wait");
        assertFalse(l.slice.shortSlice());
        assertEquals(100 * MS, l.slice.lastWindowNanos());
        assertEquals(70 * MS, l.slice.lastBusyNanos());
        assertEquals(0.7 - 0.2 * Math.pow(0.75, 10), l.slice.averageBusyShare(), 1e-12);
    }

    /** 0.5 − 0.2 × (1 − 0.75ⁿ): 0.45, 0.4125, 0.3844 under 40%. */
    @Test
    void aMostlyWaitingLoopTakesTheShortSliceBackAtTheThirdWindow() {
        Loop l = new Loop(false).cycles(41, 7 * MS, 3 * MS);
        assertEquals(List.of(Change.KEEP, Change.KEEP, Change.SHORTEN, Change.KEEP), l.ends, "30% busy");
        assertTrue(l.slice.shortSlice());
        assertEquals(30 * MS, l.slice.lastBusyNanos());
    }

    @Test
    void betweenTheThresholdsEitherSliceStays() {
        assertEquals(Collections.nCopies(5, Change.KEEP), new Loop(true).cycles(51, 5 * MS, 5 * MS).ends, "50% busy, short slice");
        assertEquals(Collections.nCopies(5, Change.KEEP), new Loop(false).cycles(51, 5 * MS, 5 * MS).ends, "50% busy, default slice");
    }

    @Test
    void theThresholdsThemselvesChangeNothing() {
        assertEquals(List.of(Change.KEEP), new Loop(true).longWindow(60).end().ends, "exactly 60% keeps the short slice");
        assertEquals(List.of(Change.RESET), new Loop(true).longWindow(61).end().ends);
        assertEquals(List.of(Change.KEEP), new Loop(false).longWindow(40).end().ends, "exactly 40% keeps the default slice");
        assertEquals(List.of(Change.SHORTEN), new Loop(false).longWindow(39).end().ends);
    }

    @Test
    void aLoadThatRisesAndFallsSwitchesOnceEachWay() {
        Loop l = new Loop(true);
        for (int percent : new int[]{10, 30, 50, 59, 70, 90, 100, 70, 50, 41, 30, 10}) l.longWindow(percent);
        l.end();
        List<Change> expected = new ArrayList<>(Collections.nCopies(12, Change.KEEP));
        expected.set(4, Change.RESET);
        expected.set(10, Change.SHORTEN);
        assertEquals(expected, l.ends, "down at 70% on the way up, back at 30% on the way down, never at 41–59%");
    }

    /** Windows alternating 20% and 80% busy: each alone is far outside the band, their average (0.41–0.56 from the 2nd on) never is. */
    @Test
    void windowsSwingingAcrossTheBandDoNotFlap() {
        for (boolean shortSlice : new boolean[]{true, false}) {
            Loop l = new Loop(shortSlice);
            for (int i = 0; i < 20; i++) l.window(i % 2 == 0 ? 20 : 80);
            l.end();
            assertEquals(Collections.nCopies(20, Change.KEEP), l.ends);
            assertEquals(shortSlice, l.slice.shortSlice());
        }
    }

    @Test
    void noDecisionBeforeAWindowIsOver() {
        Loop l = new Loop(true).cycles(1, 0, 99 * MS).end();
        assertEquals(List.of(), l.ends, "99 ms all busy: the window is still open");
        l.cycles(1, 0, MS).end();
        assertEquals(List.of(Change.RESET), l.ends, "at 100 ms it ends, moving the average a quarter of the way to 100%: 62.5%");
    }

    @Test
    void oneLongSpellDecidesAlone() {
        assertEquals(List.of(Change.RESET), new Loop(true).cycles(1, 0, 2_000 * MS).end().ends, "busy 2 s without a wait");
        Loop idle = new Loop(false).cycles(1, 10_000 * MS, 100_000).end();
        assertEquals(List.of(Change.SHORTEN), idle.ends, "asleep 10 s, then busy 0.1 ms");
        assertEquals(100_000, idle.slice.lastBusyNanos());
    }

    /** Any run of windows whose busy share stays within the band leaves either slice as it is. */
    @Property(tries = 200)
    void sharesWithinTheBandNeverSwitch(@ForAll @Size(min = 1, max = 50) List<@IntRange(min = 40, max = 60) Integer> percents,
                                        @ForAll boolean shortSlice) {
        Loop l = new Loop(shortSlice);
        for (int p : percents) l.window(p);
        l.end();
        assertEquals(Collections.nCopies(percents.size(), Change.KEEP), l.ends);
        assertEquals(shortSlice, l.slice.shortSlice());
    }

    /** Whatever the shares, changes alternate (a drop, a retake, ...), one window's end at a time. */
    @Property(tries = 200)
    void changesAlternate(@ForAll @Size(min = 1, max = 80) List<@IntRange(min = 0, max = 100) Integer> percents) {
        Loop l = new Loop(true);
        for (int p : percents) l.window(p);
        l.end();
        assertEquals(percents.size(), l.ends.size());
        Change next = Change.RESET;
        for (Change c : l.ends) {
            if (c == Change.KEEP) continue;
            assertEquals(next, c);
            next = next == Change.RESET ? Change.SHORTEN : Change.RESET;
        }
    }

    /** A steady share outside the band settles on its side within ten windows (0.75¹⁰ < 0.01 / 0.11 for 61% and 39%). */
    @Property(tries = 100)
    void aSteadyShareOutsideTheBandSettlesOnItsSide(@ForAll @IntRange(min = 0, max = 39) int below, @ForAll @IntRange(min = 61, max = 100) int above,
                                                    @ForAll boolean shortSlice) {
        Loop busy = new Loop(shortSlice);
        for (int i = 0; i < 10; i++) busy.window(above);
        busy.end();
        assertFalse(busy.slice.shortSlice(), above + "%");
        Loop waiting = new Loop(shortSlice);
        for (int i = 0; i < 10; i++) waiting.window(below);
        waiting.end();
        assertTrue(waiting.slice.shortSlice(), below + "%");
    }

    /**
     * A real loop, kept busy by a task that spins longer than the average's reach, gives the short slice up at its next
     * wait; left idle (its lag probe still wakes it every few ms) it takes it back within a few windows. What the kernel holds is read on the loop itself. Each phase has a
     * few tries, as a loop that waited for a CPU long enough under load can see its window end mostly waiting.
     */
    @Test
    void aRealLoopGivesUpTheShortSliceWhileBusyAndTakesItBackWhenIdle() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").equals("Linux") && Files.exists(SCHED), "no /proc/thread-self/sched");
        long defaultSlice = kernelSliceNanos();
        Assumptions.assumeTrue(SchedulerSlice.probe() instanceof SchedulerSlice.Outcome.Applied a && a.sliceNanos() < defaultSlice,
                "no custom slices here: " + SchedulerSlice.probe().describe());
        EventLoop loop = IoLoops.shared().group.next();
        LoopSliceUse.Totals before = LoopSliceUse.totals();

        boolean gaveUp = false;
        for (int round = 0; round < 5 && !gaveUp; round++) {
            loop.submit(() -> spin(TimeUnit.MILLISECONDS.toNanos(500))).get();
            gaveUp = loop.schedule(AdaptiveSliceTest::kernelSliceNanos, 20, TimeUnit.MILLISECONDS).get() == defaultSlice;
        }
        assertTrue(gaveUp, "after 500 ms busy the loop runs with the default slice");

        boolean tookBack = false;
        for (int round = 0; round < 5 && !tookBack; round++) {
            Thread.sleep(500);
            tookBack = loop.submit(AdaptiveSliceTest::kernelSliceNanos).get() == 100_000;
        }
        assertTrue(tookBack, "after 500 ms idle the loop runs with the short slice again");

        LoopSliceUse.Totals use = LoopSliceUse.totals().minus(before);
        assertTrue(use.switches() >= 2, "both changes counted: " + use);
        assertTrue(use.busyNanos() > 0 && use.shortNanos() > 0 && use.shortNanos() < use.windowNanos(), use.toString());
    }

    private static final Path SCHED = Path.of("/proc/thread-self/sched");

    /** The calling thread's slice as the kernel reports it ({@code se.slice}). */
    private static long kernelSliceNanos() throws IOException {
        return Files.readAllLines(SCHED).stream().filter(l -> l.startsWith("se.slice"))
                .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).trim())).findFirst().orElseThrow();
    }

    private static void spin(long nanos) {
        for (long end = System.nanoTime() + nanos; System.nanoTime() < end; ) Thread.onSpinWait();
    }
}

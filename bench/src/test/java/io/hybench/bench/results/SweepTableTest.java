package io.hybench.bench.results;

import io.hybench.bench.metrics.StepSummary;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The end-of-run table over the reports' golden runs (summary.json format 5, and format 2 from before the request ±). */
class SweepTableTest {
    private static final Path GOLDEN = Path.of("..", "reports", "src", "test", "resources", "golden");

    @Test
    void everyStepShowsItsRequestsOwnTimingUncertaintyBesideTheStepWideOne() {
        RunSummary s = ResultReader.load(GOLDEN.resolve("v0.5.0/bench")).summary();
        String table = SweepTable.render(s);
        List<String> header = table.lines().skip(1).limit(1).toList();
        assertTrue(header.getFirst().endsWith("timing ± TTFT/tokens/E2E  request ± P50/P99/max"), table);
        // summary.json: step 0 one request at 23.298047 ms, step 1 P50 20.529151 and P99 = max 50.823167
        List<String> rows = table.lines().skip(2).limit(s.steps().size()).toList();
        assertTrue(rows.get(0).endsWith(" 23.3/23.3/23.3"), rows.get(0));
        assertTrue(rows.get(1).endsWith(" 20.5/50.8/50.8"), rows.get(1));
        for (int i = 0; i < rows.size(); i++) {
            StepSummary st = s.steps().get(i);
            assertTrue(rows.get(i).contains(" ± "), "the step-wide ± stays: " + rows.get(i));
            assertEquals(0, st.requestTimingUncertaintyMs().requestsWithout(), "no step lacks one: no such column");
        }
        assertFalse(table.contains("requests without ±"), table);
        assertTrue(table.contains("request ±: each request's own"), table);
    }

    /** Format 5 gives each latency's ±; format 4 had the tokens' alone, its TTFT and E2E parts a dash. */
    @Test
    void everyStepShowsTheTimingUncertaintyOfEachLatency() {
        RunSummary s = ResultReader.load(GOLDEN.resolve("v0.6.0/bench")).summary();
        List<String> rows = SweepTable.render(s).lines().skip(2).limit(s.steps().size()).toList();
        for (int i = 0; i < rows.size(); i++) {
            var t = s.steps().get(i).selfCheck().timing();
            String cell = String.format(java.util.Locale.ROOT, "± %.2f/%.2f/%.2f ms", t.ttftUncertaintyMs(), t.uncertaintyMs(), t.e2eUncertaintyMs());
            assertTrue(rows.get(i).contains(cell), cell + " in " + rows.get(i));
        }
        String older = SweepTable.render(ResultReader.load(GOLDEN.resolve("v0.5.0/bench")).summary());
        assertTrue(older.lines().skip(2).findFirst().orElseThrow().matches(".*± -/\\d+\\.\\d\\d/- ms.*"), older);
    }

    @Test
    void aSummaryFromBeforeTheRequestUncertaintyShowsADash() {
        RunSummary s = ResultReader.load(GOLDEN.resolve("v0.2.0/bench")).summary();
        String table = SweepTable.render(s);
        List<String> rows = table.lines().skip(2).limit(s.steps().size()).toList();
        assertFalse(rows.isEmpty(), table);
        rows.forEach(r -> assertTrue(r.endsWith("  -"), r));
    }
}

package io.hybench.reports.pages;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Writes a sample of every report kind and opens them in headless Chromium through
 * scripts/check-reports: no console errors, no network requests, every chart decodes. About 10 s
 * with a warm disk cache, so it runs in the normal suite; skipped (with the reason) where Chromium
 * or node is missing. Screenshots land in reports/target/report-screenshots/.
 */
class BrowserCheckTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path SCRIPT = MODULE.resolveSibling("scripts").resolve("check-reports").normalize();

    @Test
    void everyReportKindRendersInChromium() throws IOException, InterruptedException {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        assumeTrue(Files.isExecutable(chromium), "browser check skipped: no Chromium at " + chromium + " (apt-get install -y chromium)");
        assumeTrue(onPath("node"), "browser check skipped: node is not on PATH");
        List<Path> files = SamplePages.writeAll(MODULE.resolve("target/sample-reports"));
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString(), "--out", MODULE.resolve("target/report-screenshots").toString()));
        files.forEach(f -> command.add(f.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean done = p.waitFor(180, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) p.destroyForcibly();
        assertTrue(done, "check-reports did not finish in 180 s:\n" + output);
        assertEquals(0, p.exitValue(), output);
        for (Path f : files) assertTrue(output.contains("ok   " + f), "no ok line for " + f + ":\n" + output);
        String empty = Files.readString(MODULE.resolve("target/sample-reports").resolve(SamplePages.NOTHING_TO_DRAW));
        for (String chart : List.of("TTFT P50", "TTFT P99", "E2E P50", "E2E P99")) {
            assertTrue(empty.contains(chart + " vs load (emulated): nothing to draw"), chart + ": a chart with nothing to draw says so in place");
        }
        // The requests' own ± beside the step's: measured in the format-4 run, "not measured" in place in the format-2 hybrid run.
        for (String page : List.of(SamplePages.BENCH_FORMAT_5, "hybrid.html", "benchmark.html")) {
            assertTrue(Files.readString(MODULE.resolve("target/sample-reports").resolve(page)).contains("<th scope=\"col\">E2E ± ms</th>"
                    + "<th scope=\"col\">request ± P50 ms</th><th scope=\"col\">request ± P99 ms</th><th scope=\"col\">request ± max ms</th>"), page);
        }
        String hybrid = Files.readString(MODULE.resolve("target/sample-reports").resolve("hybrid.html"));
        assertTrue(hybrid.contains("<td class=\"num\">not measured</td><td class=\"num\">not measured</td><td class=\"num\">not measured</td>"),
                "a summary without the requests' ± says so in its cells");
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }
}

package io.hybench.reports.sources;

import io.hybench.calibrate.cost.CostAnalysis;
import io.hybench.cli.Hybench;
import io.hybench.core.mapper.Json;
import io.hybench.emulator.TestProfiles;
import io.hybench.reports.html.EmulatedTarget;
import io.hybench.reports.pages.CostReportData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hybench cost} on a bench run against the emulator, then its folder read back for the cost page. */
class CostFolderTest {
    @TempDir
    static Path dir;
    static Path out;
    static CostAnalysis analysis;

    @BeforeAll
    static void priceAnEmulatedRun() throws Exception {
        Path bench = RealFolders.benchRun(dir, "bench", TestProfiles.vllm("")).folder().dir();
        out = dir.resolve("cost");
        StringWriter text = new StringWriter();
        var cl = Hybench.commandLine();
        cl.setOut(new PrintWriter(text));
        cl.setErr(new PrintWriter(text));
        int code = cl.execute("cost", "--bench", bench.toString(), "--target", "emu", "--prices", Path.of("..", "docs", "prices.example.yaml").toString(),
                "--api-model", "gpt-4o-mini", "--rent-usd-per-hour", "1.5", "--power-watts", "250", "--out", out.toString());
        assertEquals(0, code, text.toString());
        assertTrue(text.toString().contains("report: " + out.resolve("report.html")), text.toString());
        analysis = Json.MAPPER.readValue(out.resolve("cost.json").toFile(), CostAnalysis.class);
    }

    @Test
    void linesAndBreakEvenAreCostJsons() {
        CostReportData data = CostFolder.load(out, BenchmarkFolderTest.CTX);
        assertEquals(List.of("self-hosted", "API gpt-4o-mini", "hybrid, 85% local"), data.options().stream().map(CostReportData.CostLine::option).toList());
        double[] volumes = analysis.curve().stream().mapToDouble(CostAnalysis.Point::tokensPerMonth).toArray();
        assertArrayEquals(volumes, data.options().getFirst().tokensPerMonth());
        assertArrayEquals(analysis.curve().stream().mapToDouble(CostAnalysis.Point::apiUsd).toArray(), data.options().get(1).costPerMonth());
        assertEquals(Double.isNaN(analysis.breakEvenTokensPerMonth()), data.breakEvenTokensPerMonth().isEmpty());
        assertEquals(7, data.formulas().size(), "every formula of docs/cost.md");
    }

    @Test
    void theEmulatedMeasurementIsStatedAndTheCommandReproducesIt() throws Exception {
        CostReportData data = CostFolder.load(out, BenchmarkFolderTest.CTX);
        assertEquals(List.of(new EmulatedTarget("emu", "test-vllm")), data.provenance().emulated(), "read from the bench folder cost.json names");
        assertTrue(data.provenance().reproduceCommand().contains(" && hybench cost --bench "), data.provenance().reproduceCommand());
        assertTrue(Path.of(analysis.throughput().resultDir()).isAbsolute(), "the bench folder is found from anywhere");
        assertTrue(Files.readString(out.resolve("report.html")).contains("<p class=\"kind\">Cost report</p>"));
    }
}

package io.hybench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibrateCommandTest {
    @TempDir
    Path dir;

    @Test
    void calibratesFromFlagsAndWritesTheOutputFolder() throws Exception {
        StringBuilder csv = new StringBuilder("id,conf,local_ok,cloud_ok\n");
        for (int i = 0; i < 100; i++) csv.append("q").append(i).append(',').append(i / 100.0).append(',').append(i >= 30).append(",true\n");
        Path data = Files.writeString(dir.resolve("d.csv"), csv);
        Path out = dir.resolve("out");
        StringWriter text = new StringWriter();
        CommandLine cl = Hybench.commandLine();
        cl.setOut(new PrintWriter(text));
        int code = cl.execute("calibrate", "--dataset", data.toString(), "--id-column", "id", "--score-column", "conf",
                "--local-correct", "local_ok", "--cloud-correct", "cloud_ok", "--local-model", "small", "--cloud-model", "gpt-4o",
                "--target-accuracy", "1.0", "--holdout", "0", "--resamples", "50", "--out", out.toString());
        assertEquals(0, code, text.toString());
        assertTrue(text.toString().contains("Cascade[confidenceScore=0, escalateBelow=0.3]"), text.toString());
        for (String f : new String[]{"summary.json", "curve.csv", "frontier.json", "operating-points.json", "router-spec.json",
                "litellm-config.yaml", "thresholds.yaml"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
    }

    @Test
    void dataIsAnAliasOfDataset() {
        CommandLine cl = Hybench.commandLine();
        var parsed = cl.parseArgs("calibrate", "--data", "a.csv", "b.csv", "--out", "o");
        CalibrateCommand c = (CalibrateCommand) parsed.subcommand().commandSpec().userObject();
        assertEquals(java.util.List.of(Path.of("a.csv"), Path.of("b.csv")), c.data);
    }
}

package io.hybench.calibrate.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetLoaderTest {
    private static final ColumnMapping MAPPING = new ColumnMapping("id", "prompt", "cat", List.of("conf"), null,
            new SideColumns("small", "local_ok", "local_in", "local_out", "local_ms", null),
            SideColumns.of("big", "cloud_ok"));

    @TempDir
    Path dir;

    @Test
    void csvWithMultiLineQuotedFieldsKeepsStartLines() throws IOException {
        Path f = write("a.csv", """
                id,prompt,cat,conf,local_ok,cloud_ok,local_in,local_out,local_ms
                q1,"two
                lines, with comma",math,0.9,True,true,10,20,150.5
                q2,"say \"\"hi\"\"",,0.25,0,1,,,
                """);
        LabeledDataset d = DatasetLoader.load(List.of(f), MAPPING, null);
        assertEquals(2, d.size());
        LabeledRow r1 = d.rows().get(0);
        assertEquals("two\nlines, with comma", r1.prompt());
        assertEquals("a.csv:2", r1.source());
        assertEquals(1.0, r1.local().quality());
        assertEquals(150.5, r1.local().latencyMs());
        LabeledRow r2 = d.rows().get(1);
        assertEquals("a.csv:4", r2.source());
        assertEquals("say \"hi\"", r2.prompt());
        assertEquals(0.25, r2.scores()[0]);
        assertEquals(null, r2.category());
        assertTrue(Double.isNaN(r2.local().inputTokens()));
        assertEquals(1.0, r2.cloud().quality());
    }

    @Test
    void badValueNamesFileLineAndColumn() throws IOException {
        Path f = write("bad.csv", """
                id,prompt,cat,conf,local_ok,cloud_ok,local_in,local_out,local_ms
                q1,"multi
                line",x,0.5,true,maybe,1,1,1
                """);
        DataFormatException e = assertThrows(DataFormatException.class, () -> DatasetLoader.load(List.of(f), MAPPING, null));
        assertEquals(f + ":2 column 'cloud_ok': not a number: 'maybe'", e.getMessage());
    }

    @Test
    void qualityOutsideUnitIntervalAndMissingColumnAreErrors() throws IOException {
        Path f = write("q.jsonl", """
                {"id":"a","prompt":"p","conf":0.1,"local_ok":1.5,"cloud_ok":true}
                """);
        DataFormatException e = assertThrows(DataFormatException.class, () -> DatasetLoader.load(List.of(f), MAPPING, null));
        assertEquals(f + ":1 column 'local_ok': correctness must be a boolean or a quality in [0,1], got 1.5", e.getMessage());
        Path g = write("m.jsonl", "\n{\"id\":\"a\",\"prompt\":\"p\",\"local_ok\":1,\"cloud_ok\":true}\n");
        e = assertThrows(DataFormatException.class, () -> DatasetLoader.load(List.of(g), MAPPING, null));
        assertEquals(g + ":2 column 'conf': no such column", e.getMessage());
    }

    @Test
    void jsonlWithPointersAndCloudSenseScores() throws IOException {
        Path f = write("r.jsonl", """
                {"q":{"id":"x1"},"win":0.8,"l":{"ok":false},"c":{"ok":0.75,"usd":0.002}}

                {"q":{"id":"x2"},"win":0.1,"l":{"ok":true},"c":{"ok":1}}
                """);
        ColumnMapping m = new ColumnMapping("/q/id", null, null, List.of("win"), ScoreSense.HIGHER_MEANS_CLOUD,
                SideColumns.of("l", "/l/ok"), new SideColumns("c", "/c/ok", null, null, null, "/c/usd"));
        LabeledDataset d = DatasetLoader.load(List.of(f), m, null);
        assertEquals(List.of("x1", "x2"), d.rows().stream().map(LabeledRow::id).toList());
        assertEquals(-0.8, d.rows().get(0).scores()[0]);
        assertEquals(0.75, d.rows().get(0).cloud().quality());
        assertEquals(0.002, d.rows().get(0).cloud().costUsd());
        assertTrue(Double.isNaN(d.rows().get(1).cloud().costUsd()));
        assertEquals("r.jsonl:3", d.rows().get(1).source());
    }

    @Test
    void exclusionDropsRowsByExactPromptAndCountsUnmatched() throws IOException {
        Path f = write("e.csv", "prompt,l,c\n\"A\nB\",true,false\nC,false,true\n");
        Path ex = write("ex.jsonl", "{\"eval_prompt\":\"A\\nB\"}\n{\"eval_prompt\":\"Z\"}\n");
        ColumnMapping m = new ColumnMapping(null, "prompt", null, null, null, SideColumns.of("s", "l"), SideColumns.of("b", "c"));
        LabeledDataset d = DatasetLoader.load(List.of(f), m, new Exclusion(ex, Exclusion.ROUTELLM_FIELD));
        assertEquals(1, d.size());
        assertEquals("C", d.rows().get(0).prompt());
        assertEquals(1, d.excludedRows());
        assertEquals(1, d.unmatchedExclusions());
    }

    @Test
    void mappingYamlRejectsUnknownKeys() throws IOException {
        Path y = write("m.yaml", "prompt: p\nscore: [x]\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ColumnMapping.read(y));
        assertTrue(e.getMessage().contains("score"), e.getMessage());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}

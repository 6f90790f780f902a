package io.hybench.bench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromptSourceTest {

    @Test
    void jsonlPromptsWithOptionalMaxTokensAndCategory(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.jsonl");
        Files.writeString(f, """
                {"prompt": "a", "maxTokens": 7, "category": "code", "id": "q-17"}

                {"prompt": "b"}
                """);
        List<Prompt> prompts = PromptFileReader.read(new PromptSpec.File(f, PromptSpec.PromptFileFormat.JSONL, null));
        assertEquals(List.of(new Prompt("a", 7, "code", "q-17"), new Prompt("b", null, null, null)), prompts);
    }

    @Test
    void csvPromptsMayHoldCommasAndNewlines(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.csv");
        Files.writeString(f, "prompt,maxTokens,category,id\n\"one, two\nthree\",12,chat,q1\nplain,,,\n");
        List<Prompt> prompts = PromptFileReader.read(new PromptSpec.File(f, PromptSpec.PromptFileFormat.CSV, null));
        assertEquals(List.of(new Prompt("one, two\nthree", 12, "chat", "q1"), new Prompt("plain", null, null, null)), prompts);
    }

    @Test
    void badLinesAreNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.jsonl");
        Files.writeString(f, "{\"prompt\": \"a\"}\n{\"prompt\": \"b\", \"maxTokens\": \"many\"}\n");
        String msg = assertThrows(WorkloadException.class,
                () -> PromptFileReader.read(new PromptSpec.File(f, PromptSpec.PromptFileFormat.JSONL, null))).getMessage();
        assertEquals(f + ":2: maxTokens: expected a whole number >= 1, was \"many\"", msg);
        Path c = dir.resolve("p.csv");
        Files.writeString(c, "text\nhello\n");
        assertTrue(assertThrows(WorkloadException.class,
                () -> PromptFileReader.read(new PromptSpec.File(c, PromptSpec.PromptFileFormat.CSV, null))).getMessage()
                .contains("no 'prompt' column"));
        Path c2 = dir.resolve("q.csv");
        Files.writeString(c2, "prompt,maxTokens\nhi,0\n");
        assertEquals(c2 + ": record 1 after the header: maxTokens: must be >= 1, was 0", assertThrows(WorkloadException.class,
                () -> PromptFileReader.read(new PromptSpec.File(c2, PromptSpec.PromptFileFormat.CSV, null))).getMessage());
    }

    @Test
    void fileDefaultMaxTokensFillsOnlyLinesWithout() {
        PromptSource src = new PromptSource.FilePrompts(List.of(new Prompt("a", 5, null, null)), 99);
        assertEquals(5, src.stream(1).next().maxTokens());
        PromptSource plain = new PromptSource.FilePrompts(List.of(new Prompt("a", null, null, null)), 99);
        assertEquals(99, plain.stream(1).next().maxTokens());
        assertNull(new PromptSource.FilePrompts(List.of(new Prompt("a", null, null, null)), null).stream(1).next().maxTokens());
    }

    @Test
    void syntheticLengthsFollowTheSpecAndTheSeed() {
        PromptSpec.Synthetic spec = new PromptSpec.Synthetic(new Distribution.Fixed(37), new Distribution.Uniform(10, 20));
        PromptSource.PromptStream s = new SyntheticPrompts(spec).stream(5);
        for (int i = 0; i < 100; i++) {
            Prompt p = s.next();
            assertEquals(37, p.text().split(" ").length);
            assertTrue(p.maxTokens() >= 10 && p.maxTokens() <= 20);
        }
        assertEquals(new SyntheticPrompts(spec).stream(5).next(), new SyntheticPrompts(spec).stream(5).next());
        assertNotEquals(new SyntheticPrompts(spec).stream(5).next(), new SyntheticPrompts(spec).stream(6).next());
    }

    @Test
    void lognormalMatchesItsLinearMeanAndStddev() {
        Distribution d = new Distribution.LogNormal(512, 256, 0, Long.MAX_VALUE);
        SplittableRandom r = new SplittableRandom(3);
        int n = 200_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double v = d.sample(r);
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / n;
        double sd = Math.sqrt(sumSq / n - mean * mean);
        assertEquals(512, mean, 512 * 0.01);
        assertEquals(256, sd, 256 * 0.03);
    }

    @Test
    void normalIsClampedToItsBounds() {
        Distribution d = new Distribution.Normal(10, 100, 1, 50);
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < 10_000; i++) {
            long v = d.sample(r);
            assertTrue(v >= 1 && v <= 50);
        }
    }
}

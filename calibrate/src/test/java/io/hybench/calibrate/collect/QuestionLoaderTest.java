package io.hybench.calibrate.collect;

import io.hybench.calibrate.collect.questions.Question;
import io.hybench.calibrate.collect.questions.QuestionKind;
import io.hybench.calibrate.collect.questions.QuestionLoader;
import io.hybench.calibrate.collect.questions.QuestionMapping;
import io.hybench.calibrate.data.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuestionLoaderTest {
    @TempDir
    Path dir;

    @Test
    void gsm8kGoldIsTakenAfterTheHashes() throws IOException {
        Path f = dir.resolve("gsm8k.jsonl");
        Files.writeString(f, """
                {"question":"Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?","answer":"Natalia sold 48/2 = <<48/2=24>>24 clips in May.\\nNatalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\\n#### 72"}
                {"question":"Weng earns $12 an hour. How much did she earn?","answer":"... \\n#### 1,000"}
                """);
        QuestionMapping m = new QuestionMapping(null, "question", null, "answer", null, null, QuestionKind.NUMERIC, null, null);
        List<Question> qs = QuestionLoader.load(List.of(f), m);
        assertEquals("72", qs.get(0).gold());
        assertEquals("1000", qs.get(1).gold());
        assertEquals("gsm8k.jsonl:1", qs.get(0).id());
    }

    @Test
    void mmluCsvWithOptionColumnsAndFileCategory() throws IOException {
        Path f = dir.resolve("astronomy_test.csv");
        Files.writeString(f, "question,A,B,C,D,answer\n\"What is true for a type-Ia (\"\"type one-a\"\") supernova?\",a,b,c,d,A\nWhy?,x,y,z,w,d\n");
        QuestionMapping m = new QuestionMapping(null, "question", List.of("A", "B", "C", "D"), "answer", null, null,
                QuestionKind.MULTIPLE_CHOICE, "@file", null);
        List<Question> qs = QuestionLoader.load(List.of(dir), m);
        assertEquals(List.of("a", "b", "c", "d"), qs.get(0).options());
        assertEquals("D", qs.get(1).gold());
        assertEquals("astronomy_test", qs.get(1).category());
    }

    @Test
    void indexGoldAndErrorsNameFileLineAndColumn() throws IOException {
        Path f = dir.resolve("q.jsonl");
        Files.writeString(f, "{\"id\":\"a\",\"q\":\"x\",\"choices\":[\"p\",\"q\",\"r\"],\"gold\":2}\n{\"id\":\"b\",\"q\":\"y\",\"choices\":[\"p\",\"q\"],\"gold\":5}\n");
        QuestionMapping m = new QuestionMapping("id", "q", List.of("/choices/0", "/choices/1", "/choices/2"), "gold", true, null,
                QuestionKind.MULTIPLE_CHOICE, null, null);
        DataFormatException e = assertThrows(DataFormatException.class, () -> QuestionLoader.load(List.of(f), m));
        assertTrue(e.getMessage().contains("q.jsonl:2 column 'gold'"), e.getMessage());
        assertTrue(e.getMessage().contains("not one of the 2 options"), e.getMessage());

        Files.writeString(f, "{\"id\":\"a\",\"q\":\"x\",\"choices\":[\"p\",\"q\",\"r\"],\"gold\":2}\n{\"id\":\"a\",\"q\":\"y\",\"choices\":[\"p\",\"q\"],\"gold\":0}\n");
        e = assertThrows(DataFormatException.class, () -> QuestionLoader.load(List.of(f), m));
        assertTrue(e.getMessage().contains("duplicate id 'a' (first at q.jsonl:1)"), e.getMessage());

        Files.writeString(f, "{\"id\":\"a\",\"q\":\"x\",\"choices\":[\"p\",\"q\",\"r\"],\"gold\":2}\n");
        assertEquals("C", QuestionLoader.load(List.of(f), m).get(0).gold());
    }

    @Test
    void mappingFileRejectsUnknownKeysAndAcceptsShortKinds() throws IOException {
        Path m = dir.resolve("m.yaml");
        Files.writeString(m, "question: q\nanswer: a\ndefaultKind: mc\noptions: [A, B]\n");
        assertEquals(QuestionKind.MULTIPLE_CHOICE, QuestionMapping.read(m).defaultKind());
        Files.writeString(m, "question: q\nanswer: a\ndefaultKind: mc\nopts: [A, B]\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> QuestionMapping.read(m));
        assertTrue(e.getMessage().contains("opts"), e.getMessage());
    }
}

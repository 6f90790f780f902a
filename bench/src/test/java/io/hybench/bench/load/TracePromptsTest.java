package io.hybench.bench.load;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Prompts synthesised to traced lengths, sharing text exactly where Mooncake hash ids repeat. */
class TracePromptsTest {
    private static final int BLOCK = 4;

    private static TracePrompts prompts(TraceEntry... entries) {
        return new TracePrompts(new TraceFile(List.of(entries)), BLOCK, null);
    }

    private static TraceEntry entry(int input, int output, long... hashIds) {
        return new TraceEntry(0, input, output, hashIds, 1);
    }

    private static List<String> words(Prompt p) {
        return List.of(p.text().split(" "));
    }

    @Test
    void lengthsFollowTheTraceAndRepeatedHashIdsShareTheirBlocks() {
        TracePrompts source = prompts(entry(10, 3, 0, 1, 2), entry(7, 9, 0, 1), entry(6, 2, 0, 5), entry(5, 1));
        PromptSource.PromptStream s = source.stream(42);
        List<Prompt> p = List.of(s.next(), s.next(), s.next(), s.next());
        assertEquals(List.of(10, 7, 6, 5), p.stream().map(x -> words(x).size()).toList(), "one word per traced input token");
        assertEquals(List.of(3, 9, 2, 1), p.stream().map(Prompt::maxTokens).toList());
        // hash ids [0,1,2] and [0,1]: the second prompt's 7 words are the first 7 of the first (blocks 0 and 1, block 1 cut short)
        assertEquals(words(p.get(0)).subList(0, 7), words(p.get(1)));
        // [0,5]: block 0 shared, block 5 its own
        assertEquals(words(p.get(0)).subList(0, BLOCK), words(p.get(2)).subList(0, BLOCK));
        assertNotEquals(words(p.get(0)).subList(BLOCK, 6), words(p.get(2)).subList(BLOCK, 6));
        assertThrows(IllegalStateException.class, s::next, "a stream ends with the trace");
    }

    @Test
    void withATokenizerEveryPromptIsItsTracedLengthExactlyAndSharedBlocksAreTokenPrefixes() {
        for (Tokenizer t : Tokenizer.values()) {
            TracePrompts source = new TracePrompts(new TraceFile(List.of(entry(10, 3, 0, 1, 2), entry(7, 9, 0, 1), entry(6, 2, 0, 5), entry(5, 1))), BLOCK, t);
            PromptSource.PromptStream s = source.stream(42);
            List<Prompt> p = List.of(s.next(), s.next(), s.next(), s.next());
            assertEquals(List.of(10, 7, 6, 5), p.stream().map(x -> t.count(x.text())).toList(), t.wireName() + ": counted by the tokenizer");
            assertEquals(List.of(10, 7, 6, 5), p.stream().map(Prompt::tokens).toList(), "the lines record it");
            assertTrue(p.get(0).text().startsWith(p.get(1).text()), "blocks 0 and 1 (cut short) are the first 7 tokens of the first prompt");
            String block0 = String.join(" ", words(p.get(0)).subList(0, BLOCK));
            assertEquals(BLOCK, t.count(block0));
            assertTrue(p.get(2).text().startsWith(block0 + " "), "block 0 shared with [0,5]");
        }
    }

    @Test
    void sameSeedSameTextAndAnotherSeedAnother() {
        TracePrompts source = prompts(entry(12, 1, 7, 8, 9));
        String a = source.stream(1).next().text();
        assertEquals(a, source.stream(1).next().text());
        assertNotEquals(a, source.stream(2).next().text());
    }

    @Test
    void requestsWithoutHashIdsShareNothing() {
        TracePrompts source = prompts(entry(BLOCK, 1), entry(BLOCK, 1));
        PromptSource.PromptStream s = source.stream(3);
        assertNotEquals(s.next().text(), s.next().text());
    }
}

package io.hybench.bench.load;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;

/** Token-exact synthetic text with jtokkit's vocabularies. */
class TokenizerTest {

    @Test
    void countsAsTiktokenDoes() {
        // tiktoken: cl100k_base encodes "hello world" as [15339, 1917]; o200k_base also in two tokens
        assertEquals(2, Tokenizer.CL100K_BASE.count("hello world"));
        assertEquals(2, Tokenizer.O200K_BASE.count("hello world"));
        assertEquals("cl100k_base", Tokenizer.CL100K_BASE.wireName());
    }

    @Property(tries = 60)
    void syntheticPromptsHaveExactlyTheAskedTokens(@ForAll @IntRange(min = 1, max = 3000) int tokens, @ForAll long seed) {
        for (Tokenizer t : Tokenizer.values()) {
            SyntheticPrompts prompts = new SyntheticPrompts(new PromptSpec.Synthetic(new Distribution.Fixed(tokens), new Distribution.Fixed(1), t));
            Prompt p = prompts.stream(seed).next();
            assertEquals(tokens, t.count(p.text()), t.wireName());
            assertEquals(tokens, p.tokens(), "the line records the tokenizer's count");
        }
    }

    @Test
    void aSessionTurnRecordsItsTranscriptsCount() {
        PromptSpec.Sessions spec = new PromptSpec.Sessions(2, new Distribution.Fixed(30), new Distribution.Fixed(5),
                new PromptSpec.SharedPrefix(200, 1), null, null, Tokenizer.O200K_BASE, null);
        Prompt first = new SessionPrompts(spec, 1).session("s", 2).next();
        assertEquals(Tokenizer.O200K_BASE.count(first.text()), first.tokens());
        // "System: " + 200 tokens + "\n\nUser: " + 30 tokens: the labels add a few tokens of their own
        int labels = first.tokens() - 230;
        assertEquals(true, labels > 0 && labels < 10, "label tokens: " + labels);
    }
}
